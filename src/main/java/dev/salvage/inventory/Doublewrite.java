package dev.salvage.inventory;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.ExtentMap;

/**
 * The doublewrite buffer of the system tablespace: two blocks of one extent each, located by the
 * TRX_SYS page (page 5, trx0sys.h TRX_SYS_DOUBLEWRITE at page size − 200). Its pages are copies of
 * pages of other tablespaces, so their page numbers and space ids are not their own.
 */
public final class Doublewrite {

    public static final int TRX_SYS_PAGE_NO = 5;
    static final int FROM_END = 200;
    static final int MAGIC = 10;
    static final int BLOCK1 = 14;
    static final int BLOCK2 = 18;
    static final long MAGIC_N = 536853855L;

    /** Offset of the fragment page array in a segment inode entry (fsp0fsp: FSEG_FRAG_ARR). */
    static final int FSEG_FRAG_ARR = 64;

    private final long block1;
    private final long block2;
    private final int blockPages;
    private final long inodePage;
    private final int inodeOffset;
    private final java.util.Set<Long> reservePages = new java.util.HashSet<>();

    private Doublewrite(long block1, long block2, int blockPages, long inodePage, int inodeOffset) {
        this.block1 = block1;
        this.block2 = block2;
        this.blockPages = blockPages;
        this.inodePage = inodePage;
        this.inodeOffset = inodeOffset;
    }

    /** The page holding the doublewrite segment's inode (read it and pass it to {@link #addInodePage}). */
    public long inodePage() {
        return inodePage;
    }

    /**
     * Creating the doublewrite buffer first allocates half an extent of fragment pages to its segment,
     * which are never written: they stay all-zero although the extent descriptors mark them in use.
     * Their numbers are in the segment inode's fragment array.
     */
    public void addInodePage(byte[] page, int off, int physical) {
        int slots = blockPages / 2;
        int arr = off + inodeOffset + FSEG_FRAG_ARR;
        if (inodeOffset <= 0 || arr + slots * 4 > off + physical) {
            return;
        }
        for (int i = 0; i < slots; i++) {
            long p = Mach.read4(page, arr + i * 4);
            if (p != dev.salvage.innodb.fil.Fil.FIL_NULL) {
                reservePages.add(p);
            }
        }
    }

    /** Reads the location from the TRX_SYS page; null when the page holds no doublewrite header. */
    public static Doublewrite fromTrxSysPage(byte[] page, int off, PageSize size) {
        int physical = size.physical();
        int at = off + physical - FROM_END;
        if (physical < FROM_END || at + BLOCK2 + 4 > page.length) {
            return null;
        }
        if (Mach.read4(page, at + MAGIC) != MAGIC_N) {
            return null;
        }
        long b1 = Mach.read4(page, at + BLOCK1);
        long b2 = Mach.read4(page, at + BLOCK2);
        // TRX_SYS_DOUBLEWRITE_FSEG: space id (4), page number (4), byte offset (2) of the segment inode.
        long inodePage = Mach.read4(page, at + 4);
        int inodeOffset = Mach.read2(page, at + 8);
        return new Doublewrite(b1, b2, ExtentMap.extentPages(size), inodePage, inodeOffset);
    }

    /** True for the two blocks of page copies and for the segment's never-written fragment pages. */
    public boolean contains(long pageNo) {
        return reservePages.contains(pageNo) || (pageNo >= block1 && pageNo < block1 + blockPages) || (pageNo >= block2 && pageNo < block2 + blockPages);
    }

    public long block1() {
        return block1;
    }

    public long block2() {
        return block2;
    }

    public int blockPages() {
        return blockPages;
    }
}
