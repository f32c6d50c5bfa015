package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

import java.util.HashSet;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a MySQL 8.0 compressed LOB (zlob0first.h, zlob0index.h, zlob0read.cc {@code z_read}): the reference
 * points at a ZLOB_FIRST page whose index list names, in value order, chunks that were compressed one by one;
 * each entry gives the page where its zlib stream starts (the first page's data area, a chain of ZLOB_DATA
 * pages linked by FIL_PAGE_NEXT, or one fragment of a ZLOB_FRAG page), the fragment id, and the uncompressed
 * and compressed lengths. Entries newer than the reference's LOB version are replaced by the first older
 * version that is visible, as the server does.
 */
public final class ZLob8 {

    // z_first_page_t
    static final int FIRST_DATA_LEN = Fil.PAGE_DATA + 16;
    static final int FIRST_INDEX_LIST = Fil.PAGE_DATA + 50;
    static final int FIRST_INDEX_BEGIN = Fil.PAGE_DATA + 98;
    // z_index_entry_t
    static final int ENTRY_NEXT = 6;
    static final int ENTRY_VERSIONS = 12;
    static final int ENTRY_Z_PAGE_NO = 48;
    static final int ENTRY_Z_FRAG_ID = 52;
    static final int ENTRY_DATA_LEN = 54;
    static final int ENTRY_ZDATA_LEN = 58;
    static final int ENTRY_LOB_VERSION = 62;
    static final int ENTRY_SIZE = 66;
    static final int FRAG_ENTRY_SIZE = 24;
    // z_data_page_t
    static final int DATA_PAGE_LEN = Fil.PAGE_DATA + 1;
    static final int DATA_PAGE_BEGIN = Fil.PAGE_DATA + 11;
    // z_frag_page_t: directory from the page end, after the 8-byte trailer and a 2-byte count
    static final int FRAG_DIR_COUNT_FROM_END = 10;
    static final int FRAG_DIR_FIRST_FROM_END = 12;
    static final int FRAG_NODE_LEN = 4;
    static final int FRAG_NODE_DATA = 8;
    /** One chunk's compressed stream is never near this; a larger length is damage. */
    private static final int MAX_ZDATA = 4 * 1024 * 1024;

    private ZLob8() {
    }

    public static LobRead read(PageReader pages, ExternRef ref, int maxBytes) {
        long expected = ref.length();
        LobBuffer out = new LobBuffer(expected, (int) Math.min(maxBytes, expected));
        long firstNo = ref.pageNo();
        byte[] first = pages.read(firstNo);
        int zipSize = first == null ? 0 : first.length;
        String problem = zipSize < 1024 ? "page unreadable"
                : BlobChain.checkPage(first, zipSize, ref.spaceId(), PageType.ZLOB_FIRST);
        if (problem != null) {
            return LobRead.broken(out.toArray(), expected, firstNo, problem);
        }
        int[] entries = entriesOf(zipSize);
        if (entries == null) {
            return LobRead.broken(out.toArray(), expected, firstNo, "page size " + zipSize + " has no ZLOB layout");
        }
        int firstDataBegin = FIRST_INDEX_BEGIN + entries[0] * ENTRY_SIZE + entries[1] * FRAG_ENTRY_SIZE;
        long listLength = Mach.read4(first, FIRST_INDEX_LIST);
        long page = Mach.read4(first, FIRST_INDEX_LIST + 4);
        int offset = Mach.read2(first, FIRST_INDEX_LIST + 8);
        Set<Long> seen = new HashSet<>();
        Inflater inflater = new Inflater();
        try {
            for (long n = 0; page != Fil.FIL_NULL && out.size() < expected && !out.full(); n++) {
                if (n >= listLength || !seen.add(page << 16 | offset)) {
                    return LobRead.broken(out.toArray(), expected, page, "index list loops or exceeds its length");
                }
                byte[] holder = page == firstNo ? first : pages.read(page);
                if (holder == null || offset < Fil.PAGE_DATA || offset + ENTRY_SIZE > holder.length) {
                    return LobRead.broken(out.toArray(), expected, page, "index entry at " + offset + " unreadable");
                }
                Located entry = visibleVersion(pages, first, firstNo, holder, offset, ref.offset());
                problem = readChunk(pages, first, firstNo, firstDataBegin, entry.page(), entry.offset(), inflater, out);
                if (problem != null) {
                    return LobRead.broken(out.toArray(), expected, page, problem);
                }
                page = Mach.read4(holder, offset + ENTRY_NEXT);
                offset = Mach.read2(holder, offset + ENTRY_NEXT + 4);
            }
        } finally {
            inflater.end();
        }
        if (out.size() < expected) {
            return LobRead.broken(out.toArray(), expected, page,
                    out.full() ? "stopped at the byte limit" : "index list ends early");
        }
        return LobRead.complete(out.toArray());
    }

    /** {index entries, frag entries} in a first page of this size (z_first_page_t::get_n_*_entries). */
    static int[] entriesOf(int zipSize) {
        return switch (zipSize) {
            case 16384 -> new int[] {100, 200};
            case 8192 -> new int[] {80, 100};
            case 4096 -> new int[] {40, 40};
            case 2048 -> new int[] {20, 20};
            case 1024 -> new int[] {5, 5};
            default -> null;
        };
    }

    /** An index entry: the page holding it and its offset there. */
    private record Located(byte[] page, int offset) {
    }

    /**
     * The entry to read at {@code holder[offset]}: itself when its LOB version is visible, else the first older
     * version that is, else itself (z_read does the same).
     */
    private static Located visibleVersion(PageReader pages, byte[] first, long firstNo, byte[] holder, int offset,
            long lobVersion) {
        Located current = new Located(holder, offset);
        if (Mach.read4(holder, offset + ENTRY_LOB_VERSION) <= lobVersion) {
            return current;
        }
        long page = Mach.read4(holder, offset + ENTRY_VERSIONS + 4);
        int off = Mach.read2(holder, offset + ENTRY_VERSIONS + 8);
        for (int hops = 0; page != Fil.FIL_NULL && hops < 10000; hops++) {
            byte[] h = page == firstNo ? first : pages.read(page);
            if (h == null || off < Fil.PAGE_DATA || off + ENTRY_SIZE > h.length) {
                return current;
            }
            if (Mach.read4(h, off + ENTRY_LOB_VERSION) <= lobVersion) {
                return new Located(h, off);
            }
            page = Mach.read4(h, off + ENTRY_NEXT);
            off = Mach.read2(h, off + ENTRY_NEXT + 4);
        }
        return current;
    }

    /** z_read_chunk + z_read_strm: gathers one entry's zlib stream and inflates it; null or why it failed. */
    private static String readChunk(PageReader pages, byte[] first, long firstNo, int firstDataBegin,
            byte[] holder, int entry, Inflater inflater, LobBuffer out) {
        long zPage = Mach.read4(holder, entry + ENTRY_Z_PAGE_NO);
        int fragId = Mach.read2(holder, entry + ENTRY_Z_FRAG_ID);
        long dataLen = Mach.read4(holder, entry + ENTRY_DATA_LEN);
        long zdataLen = Mach.read4(holder, entry + ENTRY_ZDATA_LEN);
        if (zPage == Fil.FIL_NULL || dataLen == 0) {
            return null;
        }
        if (zdataLen > MAX_ZDATA || zdataLen == 0) {
            return "chunk of " + zdataLen + " compressed bytes is implausible";
        }
        byte[] zbuf = new byte[(int) zdataLen];
        int got = 0;
        Set<Long> seen = new HashSet<>();
        while (got < zbuf.length && zPage != Fil.FIL_NULL) {
            if (!seen.add(zPage)) {
                return "chunk page chain loops at " + zPage;
            }
            byte[] p = zPage == firstNo ? first : pages.read(zPage);
            if (p == null || p.length != first.length) {
                return "chunk page " + zPage + " unreadable";
            }
            int type = Mach.read2(p, Fil.PAGE_TYPE);
            int from;
            long size;
            if (type == PageType.ZLOB_FRAG) {
                int dirCount = Mach.read2(p, p.length - FRAG_DIR_COUNT_FROM_END);
                if (fragId >= dirCount) {
                    return "fragment " + fragId + " not in the directory of page " + zPage;
                }
                int node = Mach.read2(p, p.length - FRAG_DIR_FIRST_FROM_END - 2 * fragId);
                if (node < Fil.PAGE_DATA || node + FRAG_NODE_DATA > p.length) {
                    return "fragment " + fragId + " of page " + zPage + " outside the page";
                }
                from = node + FRAG_NODE_DATA;
                size = Mach.read2(p, node + FRAG_NODE_LEN) - (long) FRAG_NODE_DATA;
            } else if (type == PageType.ZLOB_FIRST) {
                from = firstDataBegin;
                size = Mach.read4(p, FIRST_DATA_LEN);
            } else if (type == PageType.ZLOB_DATA) {
                from = DATA_PAGE_BEGIN;
                size = Mach.read4(p, DATA_PAGE_LEN);
            } else {
                return "page " + zPage + " of type " + type + " in a ZLOB chunk";
            }
            if (size < 0 || from + size > p.length - Fil.PAGE_END_LSN_OLD_CHKSUM) {
                return "chunk data of " + size + " bytes exceeds page " + zPage;
            }
            int take = (int) Math.min(size, zbuf.length - got);
            System.arraycopy(p, from, zbuf, got, take);
            got += take;
            zPage = Mach.read4(p, Fil.PAGE_NEXT);
        }
        if (got < zbuf.length) {
            return "chunk stream " + got + " of " + zbuf.length + " bytes";
        }
        inflater.reset();
        inflater.setInput(zbuf);
        byte[] chunk = new byte[(int) Math.min(64 * 1024, dataLen)];
        long produced = 0;
        try {
            while (!inflater.finished() && !out.full()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return "chunk zlib stream truncated";
                }
                produced += n;
                out.append(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            return "corrupt chunk zlib stream: " + e.getMessage();
        }
        if (!out.full() && produced != dataLen) {
            return "chunk inflates to " + produced + " bytes, its entry says " + dataLen;
        }
        return null;
    }
}
