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
 * Batches arrive in range order ({@link SpoolOrder}), so each group's spool lists its pages in input
 * order: for a plain tablespace that is already the final order and {@link Finisher} renames it.
 */
final class Spool {

    private final Path dir;
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final boolean keepPages;

    /** {@code keepPages} false: only the metadata is spooled (a manifest-only run). */
    Spool(Path dir, boolean keepPages) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.keepPages = keepPages;
    }

    boolean keepsPages() {
        return keepPages;
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

        /**
         * Appends pages ({@code bytes}: their contents back to back over the buffers, in the order of
         * {@code pages}). {@link SpoolOrder} calls this in range order, so a group's spool is in input order.
         */
        synchronized void append(List<FoundPage> pages, ByteBuffer[] bytes) {
            ByteBuffer metaBuf = ByteBuffer.allocate(pages.size() * FoundPage.BYTES);
            for (FoundPage p : pages) {
                p.writeTo(metaBuf);
            }
            metaBuf.flip();
            try {
                if (keepPages) {
                    writeFully(data, bytes);
                }
                writeFully(meta, new ByteBuffer[] {metaBuf});
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
            }
            count += pages.size();
        }

        synchronized long count() {
            return count;
        }

        private void writeFully(Path file, ByteBuffer[] buffers) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                for (int first = 0; first < buffers.length; ) {
                    ch.write(buffers, first, buffers.length - first);
                    while (first < buffers.length && !buffers[first].hasRemaining()) {
                        first++;
                    }
                }
            }
        }
    }
}
