package dev.salvage.check;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.io.PageSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sequential pass over a tablespace before the walks: which index ids have pages, at which levels, the
 * top level's pages (root candidates when the schema does not name the root) and the leftmost page of each
 * level (where a walk resumes when the root is lost). Only pages with a valid checksum count: a damaged
 * header proves nothing. Memory: a bit per page and per index id, plus a few numbers per level.
 */
final class IndexSurvey {

    private static final int BATCH = 64;
    private static final int MAX_LEVELS = 256;

    /** What the pass found about one index id. */
    static final class IndexPages {
        final long indexId;
        final BitSet pages = new BitSet();
        final long[] pagesPerLevel = new long[MAX_LEVELS];
        final long[] leftmost = new long[MAX_LEVELS];
        int maxLevel = -1;
        /** The first few pages at {@link #maxLevel}: one when the root is intact. */
        final long[] top = new long[8];
        int topCount;
        boolean compact;

        IndexPages(long indexId) {
            this.indexId = indexId;
            Arrays.fill(leftmost, Fil.FIL_NULL);
        }

        void add(long pageNo, int level, long prev, boolean compactFormat) {
            if (pageNo < Integer.MAX_VALUE) {
                pages.set((int) pageNo);
            }
            pagesPerLevel[level]++;
            if (prev == Fil.FIL_NULL && leftmost[level] == Fil.FIL_NULL) {
                leftmost[level] = pageNo;
            }
            if (level > maxLevel) {
                maxLevel = level;
                topCount = 0;
            }
            if (level == maxLevel) {
                if (topCount < top.length) {
                    top[topCount] = pageNo;
                }
                topCount++;
            }
            compact = compactFormat;
        }

        /** The root when exactly one page sits at the top level; -1 otherwise. */
        long soleRoot() {
            return topCount == 1 ? top[0] : -1;
        }

        long totalPages() {
            return pages.cardinality();
        }
    }

    private final Map<Long, IndexPages> indexes = new TreeMap<>();
    private long unreadable;
    private long pagesRead;

    /** Receives leaf pages as the pass meets them (e.g. the index matcher's samples); may keep copies. */
    interface LeafSampler {
        void sample(long indexId, byte[] leaf);
    }

    private LeafSampler sampler;

    private ExtentMap extents;
    private long freed;

    /**
     * Surveys {@code source}; pages the extent descriptors call free ({@code extents}, may be null) are left out:
     * a freed page keeps its old index id and level, and would pass for a page of the index.
     */
    static IndexSurvey of(PageFetcher fetcher, PageSource source, ExtentMap extents, LeafSampler sampler)
            throws IOException {
        IndexSurvey survey = new IndexSurvey();
        survey.sampler = sampler;
        survey.extents = extents;
        int physical = source.pageSize().physical();
        byte[] buffer = new byte[BATCH * physical];
        byte[] page = new byte[physical];
        long count = source.pageCount();
        for (long first = 0; first < count; first += BATCH) {
            int n = source.readPages(first, (int) Math.min(BATCH, count - first), buffer);
            for (int i = 0; i < n; i++) {
                System.arraycopy(buffer, i * physical, page, 0, physical);
                survey.look(fetcher, first + i, page);
            }
            if (n < Math.min(BATCH, count - first)) {
                break;
            }
        }
        return survey;
    }

    private void look(PageFetcher fetcher, long pageNo, byte[] stored) {
        pagesRead++;
        int type = Mach.read2(stored, Fil.PAGE_TYPE);
        // MariaDB marks the root of an instantly altered table FIL_PAGE_TYPE_INSTANT (18, SDI_BLOB in MySQL).
        // A page_compressed page shows its type only once judge() has decompressed it.
        boolean pageCompressed = PageCompressed.isCompressed(stored, 0, fetcher.layout().fullCrc32());
        if (!pageCompressed && type != PageType.INDEX
                && !(type == PageType.SDI_BLOB_OR_INSTANT && IndexPageHeader.hasSystemRecords(stored, 0))) {
            return;
        }
        if (extents != null && extents.isKnownFree(pageNo)) {
            freed++;
            return;
        }
        PageFetcher.Fetched f = fetcher.judge(pageNo, stored);
        if (pageCompressed && (!f.ok() || !isIndexPage(f.page()))) {
            unreadable += f.ok() ? 0 : 1; // a page_compressed page of another kind (BLOB, undo …) is no concern
            return;
        }
        if (!f.ok()) {
            unreadable++;
            return;
        }
        IndexPageHeader h = IndexPageHeader.read(f.page(), 0);
        if (h == null || h.level() >= MAX_LEVELS || h.indexId() == 0) {
            return;
        }
        indexes.computeIfAbsent(h.indexId(), IndexPages::new)
                .add(pageNo, h.level(), Mach.read4(f.page(), Fil.PAGE_PREV), h.compact());
        if (h.level() == 0 && sampler != null) {
            sampler.sample(h.indexId(), f.page());
        }
    }


    private static boolean isIndexPage(byte[] page) {
        int type = Mach.read2(page, Fil.PAGE_TYPE);
        return type == PageType.INDEX
                || type == PageType.SDI_BLOB_OR_INSTANT && IndexPageHeader.hasSystemRecords(page, 0);
    }

    Map<Long, IndexPages> indexes() {
        return indexes;
    }

    IndexPages index(long indexId) {
        return indexes.get(indexId);
    }

    /** INDEX pages whose checksum or header failed, left out of the survey. */
    long unreadableIndexPages() {
        return unreadable;
    }

    long pagesRead() {
        return pagesRead;
    }
}
