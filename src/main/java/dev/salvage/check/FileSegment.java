package dev.salvage.check;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.page.IndexPageHeader;

import java.util.BitSet;

/**
 * The pages of one file segment (fsp0fsp.h): the index root names its two segments in PAGE_BTR_SEG_LEAF and
 * PAGE_BTR_SEG_TOP (space, page, offset of an INODE entry); the entry holds a fragment array of single pages
 * and three lists (FREE, NOT_FULL, FULL) of extent descriptors whose XDES_ID is the segment id; an extent's
 * pages in use are those whose "free" bit is clear. Read with bounds checks and loop limits: a damaged inode
 * gives a reason instead of a page set.
 */
final class FileSegment {

    static final int FSEG_HDR_SPACE = 0;
    static final int FSEG_HDR_PAGE_NO = 4;
    static final int FSEG_HDR_OFFSET = 8;

    static final int FSEG_ID = 0;
    static final int FSEG_FREE = 12;
    static final int FSEG_NOT_FULL = 28;
    static final int FSEG_FULL = 44;
    static final int FSEG_MAGIC_N = 60;
    static final int FSEG_FRAG_ARR = 64;
    static final int FSEG_FRAG_SLOTS = 32;
    static final long FSEG_MAGIC_N_VALUE = 97937874L;
    static final int FSEG_INODE_SIZE = FSEG_FRAG_ARR + FSEG_FRAG_SLOTS * 4;

    static final int FLST_LEN = 0;
    static final int FLST_FIRST = 4;
    static final int FLST_NEXT = 6;
    /** XDES_FLST_NODE follows the 8-byte XDES_ID in a descriptor entry: list addresses point at it. */
    static final int XDES_FLST_NODE = 8;
    static final int XDES_STATE = 20;
    static final int XDES_BITMAP = 24;

    /** Reads single pages by number; null when unreadable. */
    interface Pages {
        byte[] read(long pageNo);
    }

    private final BitSet pages;
    private final String problem;

    private FileSegment(BitSet pages, String problem) {
        this.pages = pages;
        this.problem = problem;
    }

    /** Null when the segment could be read; otherwise why not. */
    String problem() {
        return problem;
    }

    boolean contains(long pageNo) {
        return pages != null && pageNo < Integer.MAX_VALUE && pages.get((int) pageNo);
    }

    int size() {
        return pages == null ? 0 : pages.cardinality();
    }

    /**
     * The segment whose header is at {@code headerOffset} of the root page ({@link IndexPageHeader#BTR_SEG_LEAF}
     * or {@link IndexPageHeader#BTR_SEG_TOP} within the page header).
     */
    static FileSegment read(byte[] root, int headerOffset, Pages reader, int pageSize, int extentPages,
            long pageCount) {
        int at = IndexPageHeader.PAGE_HEADER + headerOffset;
        long inodePage = Mach.read4(root, at + FSEG_HDR_PAGE_NO);
        int inodeOffset = Mach.read2(root, at + FSEG_HDR_OFFSET);
        if (inodePage >= pageCount || inodeOffset < Fil.PAGE_DATA || inodeOffset + FSEG_INODE_SIZE > pageSize) {
            return failed("segment header points at page " + inodePage + " offset " + inodeOffset);
        }
        byte[] inode = reader.read(inodePage);
        if (inode == null) {
            return failed("inode page " + inodePage + " is unreadable");
        }
        if (inodeOffset + FSEG_INODE_SIZE > inode.length) {
            // ROW_FORMAT=COMPRESSED: the inode page is read at its physical size, smaller than the logical one
            return failed("segment header points at page " + inodePage + " offset " + inodeOffset
                    + ", beyond its " + inode.length + " bytes");
        }
        if (Mach.read4(inode, inodeOffset + FSEG_MAGIC_N) != FSEG_MAGIC_N_VALUE) {
            return failed("no inode entry at page " + inodePage + " offset " + inodeOffset + " (magic number wrong)");
        }
        long segmentId = Mach.read8(inode, inodeOffset + FSEG_ID);
        BitSet pages = new BitSet();
        for (int i = 0; i < FSEG_FRAG_SLOTS; i++) {
            long p = Mach.read4(inode, inodeOffset + FSEG_FRAG_ARR + 4 * i);
            if (p != Fil.FIL_NULL && p < Integer.MAX_VALUE) {
                pages.set((int) p);
            }
        }
        for (int list : new int[] {FSEG_FREE, FSEG_NOT_FULL, FSEG_FULL}) {
            String why = addExtents(inode, inodeOffset + list, segmentId, reader, pageSize, extentPages, pageCount,
                    pages);
            if (why != null) {
                return failed(why);
            }
        }
        return new FileSegment(pages, null);
    }

    private static String addExtents(byte[] inode, int base, long segmentId, Pages reader, int pageSize,
            int extentPages, long pageCount, BitSet pages) {
        long length = Mach.read4(inode, base + FLST_LEN);
        long page = Mach.read4(inode, base + FLST_FIRST);
        int offset = Mach.read2(inode, base + FLST_FIRST + 4);
        int entrySize = XDES_BITMAP + (extentPages * 2 + 7) / 8;
        long maxExtents = pageCount / extentPages + 1;
        byte[] current = null;
        long currentPage = -1;
        for (long seen = 0; page != Fil.FIL_NULL; seen++) {
            if (seen >= length || seen > maxExtents) {
                return "extent list longer than its length " + length;
            }
            int entry = offset - XDES_FLST_NODE;
            int index = (entry - ExtentMap.XDES_ARR_OFFSET) / entrySize;
            if (page >= pageCount || entry < ExtentMap.XDES_ARR_OFFSET
                    || (entry - ExtentMap.XDES_ARR_OFFSET) % entrySize != 0 || entry + entrySize > pageSize) {
                return "extent list address page " + page + " offset " + offset + " is no descriptor";
            }
            if (page != currentPage) {
                current = reader.read(page);
                currentPage = page;
                if (current == null) {
                    return "descriptor page " + page + " is unreadable";
                }
            }
            if (entry + entrySize > current.length) {
                return "extent list address page " + page + " offset " + offset + " is beyond the page's "
                        + current.length + " bytes";
            }
            if (Mach.read8(current, entry) != segmentId) {
                return "extent descriptor at page " + page + " offset " + entry + " belongs to segment "
                        + Mach.read8(current, entry) + ", not " + segmentId;
            }
            long first = page + (long) index * extentPages;
            for (int i = 0; i < extentPages; i++) {
                int bit = 2 * i;
                boolean free = ((current[entry + XDES_BITMAP + bit / 8] >> (bit % 8)) & 1) != 0;
                if (!free && first + i < Integer.MAX_VALUE) {
                    pages.set((int) (first + i));
                }
            }
            long nextPage = Mach.read4(current, offset + FLST_NEXT);
            offset = Mach.read2(current, offset + FLST_NEXT + 4);
            page = nextPage;
        }
        return null;
    }

    private static FileSegment failed(String why) {
        return new FileSegment(null, why);
    }
}
