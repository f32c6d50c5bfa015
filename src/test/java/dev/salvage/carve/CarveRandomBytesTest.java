package dev.salvage.carve;

import dev.salvage.harness.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Random bytes are never pages: no false positives over many millions of candidate offsets. */
class CarveRandomBytesTest {

    private Path work;

    @AfterEach
    void cleanUp() {
        FileTrees.deleteQuietly(work);
    }

    @Test
    void sixtyFourMibOfRandomBytesGiveNoPage() throws IOException {
        assertNoPages(64L << 20, 64);
    }

    /** 2M candidate offsets × 5 sizes × 2 trailer positions; tagged slow, run by scripts/test. */
    @Test
    @Tag("slow")
    void oneGibOfRandomBytesGivesNoPage() throws IOException {
        assertNoPages(1L << 30, 1);
    }

    private void assertNoPages(long bytes, long seed) throws IOException {
        work = Files.createTempDirectory("carve-random-");
        Path file = work.resolve("random.bin");
        writeRandom(file, bytes, seed);
        CarveResult r = new Carver(CarveOptions.defaults(), CarveListener.NONE).carve(List.of(file), work.resolve("out"));
        assertThat(r.bytesScanned()).isEqualTo(bytes);
        assertThat(r.pagesFound()).isZero();
        assertThat(r.pagesByType()).isEmpty();
        assertThat(work.resolve("out").resolve("manifest.json")).exists();
    }

    /** Streams seeded random bytes in 4 MiB chunks (never the whole file in memory). */
    static void writeRandom(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[4 << 20];
        ByteBuffer longs = ByteBuffer.wrap(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; ) {
                longs.clear();
                while (longs.remaining() >= 8) {
                    longs.putLong(random.nextLong());
                }
                int n = (int) Math.min(chunk.length, bytes - done);
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                done += n;
            }
        }
    }
}
