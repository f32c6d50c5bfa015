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
            ByteBuffer[] bytes = new ByteBuffer[members.size()];
            for (int j = 0; j < members.size(); j++) {
                int i = members.get(j);
                FoundPage p = pages.get(i);
                groupPages.add(p);
                bytes[j] = ByteBuffer.wrap(buffer, starts.get(i), p.physicalSize());
            }
            spool.group(e.getKey()).append(groupPages, bytes);
        }
        pages.clear();
        starts.clear();
        used = 0;
    }
}
