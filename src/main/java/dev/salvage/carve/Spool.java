package dev.salvage.carve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The temporary area under the output directory where found pages land as they are found: per
 * group, a data file of pages (slot n at n × page size) and a metadata file of {@link FoundPage}
 * records in the same order. Files are opened per append and closed again, so the number of groups
 * is not limited by the open-file limit; workers append whole batches, so that cost is small.
 */
final class Spool {

    private final Path dir;
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();

    Spool(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    Group group(GroupKey key) {
        return groups.computeIfAbsent(key, k -> new Group(k, numbers.getAndIncrement()));
    }

    /** Every group, in output order. */
    List<Group> groups() {
        return new ArrayList<>(new TreeMap<>(groups).values());
    }

    /** One group's spool files. Appends are serialised per group; groups append independently. */
    final class Group {
        final GroupKey key;
        final Path data;
        final Path meta;
        private long count;

        Group(GroupKey key, int number) {
            this.key = key;
            this.data = dir.resolve(number + ".pages");
            this.meta = dir.resolve(number + ".meta");
        }

        /** Appends pages ({@code bytes}: their contents back to back, in the order of {@code pages}). */
        synchronized void append(List<FoundPage> pages, ByteBuffer bytes) {
            ByteBuffer metaBuf = ByteBuffer.allocateDirect(pages.size() * FoundPage.BYTES);
            for (FoundPage p : pages) {
                p.writeTo(metaBuf);
            }
            metaBuf.flip();
            try {
                writeFully(data, bytes);
                writeFully(meta, metaBuf);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
            }
            count += pages.size();
        }

        synchronized long count() {
            return count;
        }

        private void writeFully(Path file, ByteBuffer buffer) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        }
    }
}
