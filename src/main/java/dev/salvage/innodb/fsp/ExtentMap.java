package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageSize;

import java.util.BitSet;

/**
 * Which pages of a tablespace are in use, from the extent descriptors (XDES entries) on page 0 and
 * on every XDES page (fsp0fsp.h): an extent is free unless its state says otherwise, and within a
 * used extent each page has a "free" bit. Pages at or beyond FSP_FREE_LIMIT were never initialised.
 * Used to tell a zeroed page that held data from a page that was never written.
 */
public final class ExtentMap {

    /** Extent descriptor array on page 0 and XDES pages: after the FSP header (38 + 112). */
    public static final int XDES_ARR_OFFSET = 150;
    static final int XDES_STATE = 20;
    static final int XDES_BITMAP = 24;
    static final int XDES_FREE = 1;

    private final BitSet used = new BitSet();
    /** Descriptor pages read (by index: page number / interval): only their extents are known. */
    private final BitSet describedRanges = new BitSet();
    private final long freeLimit;
    private final int extentPages;
    private final int descriptorInterval;

    /** The number of pages per extent: 1 MiB of pages below 16 KiB, 64 pages from 16 KiB up. */
    public static int extentPages(PageSize size) {
        return size.logical() < 16384 ? (1 << 20) / size.logical() : 64;
    }

    /** The size of one XDES entry: header + 2 bits per page of the extent, rounded up to bytes. */
    static int entrySize(int extentPages) {
        return XDES_BITMAP + (extentPages * 2 + 7) / 8;
    }

    public ExtentMap(PageSize size, long freeLimit) {
        this.freeLimit = freeLimit;
        this.extentPages = extentPages(size);
        this.descriptorInterval = size.physical();
    }

    /** Every {@code physical}-th page is a descriptor page (page 0 is the FSP header). */
    public boolean isDescriptorPage(long pageNo) {
        return pageNo % descriptorInterval == 0;
    }

    /** Reads the descriptors on the descriptor page {@code descriptorPageNo} (page bytes at {@code off}). */
    public void addDescriptorPage(long descriptorPageNo, byte[] page, int off, int physical) {
        int size = entrySize(extentPages);
        int extents = descriptorInterval / extentPages;
        long range = descriptorPageNo / descriptorInterval;
        if (range < Integer.MAX_VALUE) {
            describedRanges.set((int) range);
        }
        for (int e = 0; e < extents; e++) {
            int entry = off + XDES_ARR_OFFSET + e * size;
            if (entry + size > off + physical) {
                return;
            }
            long state = Mach.read4(page, entry + XDES_STATE);
            if (state == 0 || state == XDES_FREE || state > 6) {
                continue; // not initialised, free, or nonsense: no page of it is counted in use
            }
            long first = descriptorPageNo + (long) e * extentPages;
            for (int i = 0; i < extentPages; i++) {
                int bit = i * 2;
                boolean free = ((page[entry + XDES_BITMAP + bit / 8] >> (bit % 8)) & 1) != 0;
                if (!free && first + i < Integer.MAX_VALUE) {
                    used.set((int) (first + i));
                }
            }
        }
    }

    /** True when the descriptors say the page holds data. */
    public boolean isInUse(long pageNo) {
        return pageNo < freeLimit && pageNo < Integer.MAX_VALUE && used.get((int) pageNo);
    }

    /**
     * True when the page is known to be free: its descriptor page was read and says so, or it lies at
     * or beyond the free limit. Pages whose descriptor page was damaged or missing are never called free.
     */
    public boolean isKnownFree(long pageNo) {
        if (pageNo >= freeLimit) {
            return true;
        }
        long range = pageNo / descriptorInterval;
        return range < Integer.MAX_VALUE && describedRanges.get((int) range) && !isInUse(pageNo);
    }

    public long freeLimit() {
        return freeLimit;
    }
}
