package dev.salvage.carve;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages one worker found in one range ({@link #seq()}), held in a fixed direct buffer until
 * {@link SpoolOrder} lets them into the {@link Spool}, so the spool receives every range's pages in
 * range order — which is input order. A page is copied once from the read buffer into here and
 * written from here without a further copy (a direct buffer needs no JDK bounce buffer).
 * Memory: {@link #capacity()} per batch; {@link SpoolOrder} bounds the number of batches.
 */
final class SpoolBatch {

    /** Largest page-byte capacity of a batch (plus one largest page): memory per batch is bounded whatever the range size. */
    static final int MAX_CAPACITY = 16 << 20;

    private final ByteBuffer data;
    private final List<FoundPage> pages = new ArrayList<>();
    /** Runs of consecutive pages of one group: [first page index, end page index, first byte, end byte]. */
    private final List<int[]> runs = new ArrayList<>();
    private final List<GroupKey> runKeys = new ArrayList<>();
    private final boolean keepBytes;
    private long seq = -1;

    /** {@code keepBytes} false: only the pages' metadata is kept (a manifest-only run). */
    SpoolBatch(int capacity, boolean keepBytes) {
        this.data = ByteBuffer.allocateDirect(keepBytes ? capacity : 0);
        this.keepBytes = keepBytes;
    }

    /** A batch able to hold every page of a range of {@code rangeSize} candidate bytes (when it is at most {@link #MAX_CAPACITY}). */
    static int capacityFor(long rangeSize) {
        return (int) Math.min(rangeSize, MAX_CAPACITY) + PageRecognizer.MAX_PAGE;
    }

    int capacity() {
        return data.capacity();
    }

    long seq() {
        return seq;
    }

    /** Starts collecting the pages of range {@code seq}; the batch must be empty. */
    void start(long rangeSeq) {
        if (!pages.isEmpty()) {
            throw new IllegalStateException("batch still holds " + pages.size() + " pages");
        }
        this.seq = rangeSeq;
    }

    boolean isEmpty() {
        return pages.isEmpty();
    }

    boolean fits(int size) {
        return !keepBytes || data.remaining() >= size;
    }

    /** Copies the page at {@code src[off]} in; the caller checked {@link #fits}. */
    void add(FoundPage page, byte[] src, int off) {
        int pos = data.position();
        if (keepBytes) {
            data.put(src, off, page.physicalSize());
        }
        int n = pages.size();
        if (n > 0 && sameGroup(pages.get(n - 1), page)) {
            int[] run = runs.get(runs.size() - 1);
            run[1] = n + 1;
            run[3] = data.position();
        } else {
            runs.add(new int[] {n, n + 1, pos, data.position()});
            runKeys.add(GroupKey.of(page));
        }
        pages.add(page);
    }

    /** The fields {@link GroupKey#of} depends on are equal, hence the keys (the common case, decided without allocating). */
    private static boolean sameGroup(FoundPage a, FoundPage b) {
        return a.spaceId() == b.spaceId() && a.indexId() == b.indexId() && a.typeCode() == b.typeCode()
                && a.physicalSize() == b.physicalSize() && a.typeVendor() == b.typeVendor();
    }

    /**
     * Appends everything collected to the spool, group by group, each group's pages in the order
     * found (one gathering write per group), and empties the batch.
     */
    void writeTo(Spool spool) {
        if (pages.isEmpty()) {
            return;
        }
        if (runs.size() == 1) {
            spool.group(runKeys.get(0)).append(pages, new ByteBuffer[] {slice(runs.get(0))});
        } else {
            Map<GroupKey, List<Integer>> byGroup = new LinkedHashMap<>();
            for (int r = 0; r < runs.size(); r++) {
                byGroup.computeIfAbsent(runKeys.get(r), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<GroupKey, List<Integer>> e : byGroup.entrySet()) {
                List<FoundPage> groupPages = new ArrayList<>();
                ByteBuffer[] slices = new ByteBuffer[e.getValue().size()];
                int i = 0;
                for (int r : e.getValue()) {
                    int[] run = runs.get(r);
                    groupPages.addAll(pages.subList(run[0], run[1]));
                    slices[i++] = slice(run);
                }
                spool.group(e.getKey()).append(groupPages, slices);
            }
        }
        clear();
    }

    private ByteBuffer slice(int[] run) {
        return data.duplicate().limit(run[3]).position(run[2]);
    }

    void clear() {
        pages.clear();
        runs.clear();
        runKeys.clear();
        data.clear();
    }
}
