package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

/**
 * Reads an off-page value stored the 5.x way (btr0cur.cc {@code btr_copy_blob_prefix}), which MariaDB and
 * MySQL 5.x use for every uncompressed row format: a chain of FIL_PAGE_TYPE_BLOB pages, each holding at the
 * reference's offset (FIL_PAGE_DATA on every page after the first) a header
 * <pre>
 * 0 BTR_BLOB_HDR_PART_LEN     bytes of data on this page (4)
 * 4 BTR_BLOB_HDR_NEXT_PAGE_NO next page of the chain, FIL_NULL at the end (4)
 * 8 data
 * </pre>
 */
public final class BlobChain {

    public static final int HDR_PART_LEN = 0;
    public static final int HDR_NEXT_PAGE_NO = 4;
    public static final int HDR_SIZE = 8;

    private BlobChain() {
    }

    /**
     * Reads the chain {@code ref} points at, at most {@code maxBytes} bytes.
     *
     * @param pageSize physical page size of the tablespace
     */
    public static LobRead read(PageReader pages, ExternRef ref, int pageSize, int maxBytes) {
        long expected = ref.length();
        LobBuffer out = new LobBuffer(expected, (int) Math.min(maxBytes, expected));
        if (ref.lengthHigh() != 0) {
            return LobRead.broken(out.toArray(), expected, ref.pageNo(), "length beyond 4 GiB in the reference");
        }
        long pageNo = ref.pageNo();
        long offset = ref.offset();
        // A chain cannot have more pages than the bytes it carries need; anything longer is a loop.
        long maxPages = expected / Math.max(1, pageSize - Fil.PAGE_DATA - HDR_SIZE - Fil.PAGE_END_LSN_OLD_CHKSUM) + 2;
        long pagesRead = 0;
        while (out.size() < expected && !out.full()) {
            if (pageNo == Fil.FIL_NULL) {
                return LobRead.broken(out.toArray(), expected, pageNo, "chain ends early");
            }
            if (++pagesRead > maxPages) {
                return LobRead.broken(out.toArray(), expected, pageNo, "chain longer than its length allows (loop?)");
            }
            byte[] page = pages.read(pageNo);
            String problem = checkPage(page, pageSize, ref.spaceId(), PageType.BLOB, PageType.SDI_BLOB_OR_INSTANT);
            if (problem != null) {
                return LobRead.broken(out.toArray(), expected, pageNo, problem);
            }
            if (offset < Fil.PAGE_DATA || offset + HDR_SIZE > pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM) {
                return LobRead.broken(out.toArray(), expected, pageNo, "BLOB header offset " + offset + " outside the page");
            }
            int at = (int) offset;
            long partLen = Mach.read4(page, at + HDR_PART_LEN);
            if (partLen > pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM - at - HDR_SIZE) {
                return LobRead.broken(out.toArray(), expected, pageNo, "part length " + partLen + " exceeds the page");
            }
            int want = (int) Math.min(partLen, expected - out.size());
            out.append(page, at + HDR_SIZE, want);
            pageNo = Mach.read4(page, at + HDR_NEXT_PAGE_NO);
            offset = Fil.PAGE_DATA;
        }
        if (out.size() < expected) {
            return LobRead.broken(out.toArray(), expected, pageNo, "stopped at the " + maxBytes + "-byte limit");
        }
        return LobRead.complete(out.toArray());
    }

    /** Null when the page is there, from the right space and of one of the types; else why not. */
    static String checkPage(byte[] page, int pageSize, long spaceId, int... types) {
        if (page == null || page.length < pageSize) {
            return "page unreadable";
        }
        int type = Mach.read2(page, Fil.PAGE_TYPE);
        boolean typeOk = false;
        for (int t : types) {
            typeOk |= type == t;
        }
        if (!typeOk) {
            return "page type " + type + ", expected " + java.util.Arrays.toString(types);
        }
        long pageSpace = Mach.read4(page, Fil.PAGE_SPACE_ID);
        if (pageSpace != spaceId) {
            return "page belongs to space " + pageSpace + ", not " + spaceId;
        }
        return null;
    }
}
