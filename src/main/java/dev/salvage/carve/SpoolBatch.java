package dev.salvage.carve;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker's found pages, collected in a fixed buffer and handed to the {@link Spool} when full or
 * when the worker's range ends, so appends are few and large. Memory: {@link #CAPACITY} per worker.
 */
final class SpoolBatch {

    static final int CAPACITY = 8 << 20;

    private final Spool spool;
    private final byte[] buffer = new byte[CAPACITY];
    /**
     * One group's pages, contiguous, for a single write: heap buffers handed to a gathering write
     * each cost the JDK a temporary direct buffer (measured: 30 MB/s instead of page-cache speed).
     */
    private final ByteBuffer direct = ByteBuffer.allocateDirect(CAPACITY);
    private final List<FoundPage> pages = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private int used;

    SpoolBatch(Spool spool) {
        this.spool = spool;
    }

    void add(FoundPage page, byte[] src, int off) {
        int size = page.physicalSize();
        if (used + size > buffer.length) {
            flush();
        }
        System.arraycopy(src, off, buffer, used, size);
        pages.add(page);
        starts.add(used);
        used += size;
    }

    /** Appends everything collected to the spool, group by group, keeping the order found. */
    void flush() {
        if (pages.isEmpty()) {
            return;
        }
        Map<GroupKey, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            byGroup.computeIfAbsent(GroupKey.of(pages.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<GroupKey, List<Integer>> e : byGroup.entrySet()) {
            List<Integer> members = e.getValue();
            List<FoundPage> groupPages = new ArrayList<>(members.size());
            direct.clear();
            for (int i : members) {
                FoundPage p = pages.get(i);
                groupPages.add(p);
                direct.put(buffer, starts.get(i), p.physicalSize());
            }
            direct.flip();
            spool.group(e.getKey()).append(groupPages, direct);
        }
        pages.clear();
        starts.clear();
        used = 0;
    }
}
