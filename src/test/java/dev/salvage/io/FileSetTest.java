package dev.salvage.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSetTest {

    @TempDir
    Path dir;

    @Test
    void readsAcrossFileBoundariesAsOneRange() throws IOException {
        Path a = Files.write(dir.resolve("ibdata1"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("ibdata2"), new byte[] {4, 5});
        try (FileSet set = FileSet.open(List.of(a, b))) {
            assertThat(set.length()).isEqualTo(5);
            byte[] buf = new byte[4];
            assertThat(set.read(1, buf, 0, 4)).isEqualTo(4);
            assertThat(buf).containsExactly(2, 3, 4, 5);
            assertThat(set.read(4, buf, 0, 4)).as("short read at the end").isEqualTo(1);
            assertThat(set.read(5, buf, 0, 4)).isZero();
            assertThat(set.name()).isEqualTo("ibdata1+ibdata2");
        }
    }

    @Test
    void readsIntoDirectBuffersAcrossFileBoundaries() throws IOException {
        Path a = Files.write(dir.resolve("ibdata1"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("ibdata2"), new byte[] {4, 5});
        try (FileSet set = FileSet.open(List.of(a, b))) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(8);
            buf.position(2).limit(6);
            assertThat(set.read(1, buf)).isEqualTo(4);
            assertThat(buf.position()).isEqualTo(6);
            assertThat(buf.limit()).as("limit restored").isEqualTo(6);
            byte[] got = new byte[4];
            buf.get(2, got);
            assertThat(got).containsExactly(2, 3, 4, 5);
            buf.clear();
            assertThat(set.read(4, buf)).as("short read at the end").isEqualTo(1);
            assertThat(buf.get(0)).isEqualTo((byte) 5);
            buf.clear();
            assertThat(set.read(5, buf)).isZero();
        }
    }

    @Test
    void aFileCutShortAfterOpeningGivesShortReadsNotErrors() throws IOException {
        Path f = Files.write(dir.resolve("shrinks.ibd"), new byte[3 * 65536]);
        try (FileSet set = FileSet.open(f)) {
            byte[] buf = new byte[65536];
            assertThat(set.read(0, buf, 0, buf.length)).isEqualTo(65536); // mapped now
            try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(65536 + 100);
            }
            int n = set.read(65536, buf, 0, buf.length);
            assertThat(n).as("bytes still there after the cut").isBetween(0, 100);
            assertThat(set.read(2 * 65536, buf, 0, buf.length)).isZero();
        }
    }

    @Test
    void systemFilesSortNumerically() {
        List<Path> sorted = FileSet.sortedSystemFiles(List.of(Path.of("ibdata10"), Path.of("ibdata2"), Path.of("ibdata1")));
        assertThat(sorted).extracting(Path::toString).containsExactly("ibdata1", "ibdata2", "ibdata10");
    }

    @Test
    void openingNeverWritesAndFailsClearly() throws IOException {
        Path f = Files.write(dir.resolve("t.ibd"), new byte[] {9});
        var before = Files.getLastModifiedTime(f);
        try (FileSet set = FileSet.open(f)) {
            assertThat(set.length()).isEqualTo(1);
        }
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(before);
        assertThatThrownBy(() -> FileSet.open(dir)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> FileSet.open(dir.resolve("missing.ibd"))).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("no such file");
    }
}
