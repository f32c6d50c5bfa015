package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

import java.util.HashSet;
import java.util.Set;

/**
 * Reads an uncompressed MySQL 8.0 LOB (lob0first.h, lob0index.h, lob0pages.h): the reference points at a
 * LOB_FIRST page whose index list (a file list of 60-byte index entries, the first ten in the first page,
 * more in LOB_INDEX pages) names, in value order, the pages holding the data and how many bytes each holds.
 * Only the current version is read (the entries' version lists hold older values for MVCC).
 */
public final class Lob8 {

    // first_page_t
    public static final int FIRST_VERSION = Fil.PAGE_DATA;
    public static final int FIRST_DATA_LEN = Fil.PAGE_DATA + 16;
    public static final int FIRST_INDEX_LIST = Fil.PAGE_DATA + 26;
    public static final int FIRST_PAGE_DATA = Fil.PAGE_DATA + 58;
    public static final int FIRST_NODE_COUNT = 10;
    // index_entry_t
    public static final int ENTRY_NEXT = 6;
    public static final int ENTRY_PAGE_NO = 48;
    public static final int ENTRY_DATA_LEN = 52;
    public static final int ENTRY_SIZE = 60;
    /** Where the first page's own data begins, after its ten index entries. */
    public static final int FIRST_DATA_BEGIN = FIRST_PAGE_DATA + FIRST_NODE_COUNT * ENTRY_SIZE;
    // data_page_t
    public static final int DATA_PAGE_DATA = Fil.PAGE_DATA + 11;
    /** flst base node: length (4), first (page 4 + offset 2), last (6). */
    private static final int FLST_LEN = 0;
    private static final int FLST_FIRST = 4;

    private Lob8() {
    }

    public static LobRead read(PageReader pages, ExternRef ref, int pageSize, int maxBytes) {
        long expected = ref.length();
        LobBuffer out = new LobBuffer(expected, (int) Math.min(maxBytes, expected));
        long firstNo = ref.pageNo();
        byte[] first = pages.read(firstNo);
        String problem = BlobChain.checkPage(first, pageSize, ref.spaceId(), PageType.LOB_FIRST);
        if (problem != null) {
            return LobRead.broken(out.toArray(), expected, firstNo, problem);
        }
        int trailer = pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM;
        long entries = Mach.read4(first, FIRST_INDEX_LIST + FLST_LEN);
        long entryPage = Mach.read4(first, FIRST_INDEX_LIST + FLST_FIRST);
        int entryOffset = Mach.read2(first, FIRST_INDEX_LIST + FLST_FIRST + 4);
        Set<Long> seen = new HashSet<>();
        long page = firstNo;
        for (long n = 0; entryPage != Fil.FIL_NULL && out.size() < expected && !out.full(); n++) {
            if (n >= entries) {
                return LobRead.broken(out.toArray(), expected, entryPage, "index list longer than its length " + entries);
            }
            if (!seen.add(entryPage << 16 | entryOffset)) {
                return LobRead.broken(out.toArray(), expected, entryPage, "index list loops");
            }
            byte[] holder = entryPage == firstNo ? first : pages.read(entryPage);
            problem = entryPage == firstNo ? null
                    : BlobChain.checkPage(holder, pageSize, ref.spaceId(), PageType.LOB_INDEX, PageType.LOB_FIRST);
            if (problem != null) {
                return LobRead.broken(out.toArray(), expected, entryPage, "index entry: " + problem);
            }
            if (entryOffset < Fil.PAGE_DATA || entryOffset + ENTRY_SIZE > trailer) {
                return LobRead.broken(out.toArray(), expected, entryPage, "index entry offset " + entryOffset + " outside the page");
            }
            page = Mach.read4(holder, entryOffset + ENTRY_PAGE_NO);
            // index_entry_t::get_data_len reads 2 bytes, although the field is 4 wide.
            long dataLen = Mach.read2(holder, entryOffset + ENTRY_DATA_LEN);
            int want = (int) Math.min(dataLen, expected - out.size());
            if (page == firstNo) {
                if (FIRST_DATA_BEGIN + dataLen > trailer) {
                    return LobRead.broken(out.toArray(), expected, page, "first page data length " + dataLen + " exceeds the page");
                }
                out.append(first, FIRST_DATA_BEGIN, want);
            } else {
                byte[] data = pages.read(page);
                problem = BlobChain.checkPage(data, pageSize, ref.spaceId(), PageType.LOB_DATA);
                if (problem != null) {
                    return LobRead.broken(out.toArray(), expected, page, problem);
                }
                if (DATA_PAGE_DATA + dataLen > trailer) {
                    return LobRead.broken(out.toArray(), expected, page, "data length " + dataLen + " exceeds the page");
                }
                out.append(data, DATA_PAGE_DATA, want);
            }
            entryPage = Mach.read4(holder, entryOffset + ENTRY_NEXT);
            entryOffset = Mach.read2(holder, entryOffset + ENTRY_NEXT + 4);
        }
        if (out.size() < expected) {
            return LobRead.broken(out.toArray(), expected, page,
                    out.full() ? "stopped at the " + maxBytes + "-byte limit" : "index list ends early");
        }
        return LobRead.complete(out.toArray());
    }
}
