package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

import java.util.HashSet;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads an off-page value of a ROW_FORMAT=COMPRESSED table the 5.x way (btr0cur.cc
 * {@code btr_copy_zblob_prefix}; MariaDB and MySQL 5.x): one zlib stream spread over a chain of compressed-size
 * pages, FIL_PAGE_TYPE_ZBLOB first and FIL_PAGE_TYPE_ZBLOB2 after. The reference's offset is FIL_PAGE_NEXT,
 * where each page keeps the next page number; the stream bytes start at FIL_PAGE_DATA and run to the page end.
 * The reference's length is the uncompressed length. Pages are taken at the size the reader returns them
 * (the tablespace's physical, i.e. compressed, page size).
 *
 * <p>MySQL 8.0 still writes this old single-stream format for an off-page SDI record of a compressed tablespace
 * (seen in every 8.0.15 file; ZLOB is for user indexes), and lob0zip.h {@code zInserter::log_page_type} types
 * every page of such a chain FIL_PAGE_SDI_ZBLOB, the first one too ({@link #readSdi}); ibd2sdi reads it so.
 */
public final class ZBlobChain {

    private static final int CHUNK = 64 * 1024;

    private ZBlobChain() {
    }

    public static LobRead read(PageReader pages, ExternRef ref, int maxBytes) {
        return read(pages, ref, maxBytes, PageType.ZBLOB, PageType.ZBLOB2);
    }

    /** An off-page SDI record of a compressed tablespace: the same stream, every page FIL_PAGE_SDI_ZBLOB. */
    public static LobRead readSdi(PageReader pages, ExternRef ref, int maxBytes) {
        return read(pages, ref, maxBytes, PageType.SDI_ZBLOB, PageType.SDI_ZBLOB);
    }

    private static LobRead read(PageReader pages, ExternRef ref, int maxBytes, int firstType, int nextType) {
        long expected = ref.length();
        LobBuffer out = new LobBuffer(expected, (int) Math.min(maxBytes, expected));
        if (ref.lengthHigh() != 0) {
            return LobRead.broken(out.toArray(), expected, ref.pageNo(), "length beyond 4 GiB in the reference");
        }
        Inflater inflater = new Inflater();
        try {
            return inflate(pages, ref, expected, out, inflater, firstType, nextType);
        } finally {
            inflater.end();
        }
    }

    private static LobRead inflate(PageReader pages, ExternRef ref, long expected, LobBuffer out, Inflater inflater,
            int firstType, int nextType) {
        long pageNo = ref.pageNo();
        long offset = ref.offset();
        int type = firstType;
        // A set, not a BitSet: a damaged next pointer near 2^31 must not allocate a 256 MiB bitmap.
        Set<Long> visited = new HashSet<>();
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, expected))];
        while (true) {
            if (pageNo < 0 || pageNo >= Integer.MAX_VALUE || !visited.add(pageNo)) {
                return LobRead.broken(out.toArray(), expected, pageNo, "chain loops or names page " + pageNo);
            }
            byte[] page = pages.read(pageNo);
            int zipSize = page == null ? 0 : page.length;
            String problem = zipSize < 1024 ? "page unreadable"
                    : BlobChain.checkPage(page, zipSize, ref.spaceId(), type);
            if (problem != null) {
                return LobRead.broken(out.toArray(), expected, pageNo, problem);
            }
            if (offset < Fil.PAGE_NEXT || offset + 4 > zipSize) {
                return LobRead.broken(out.toArray(), expected, pageNo, "ZBLOB header offset " + offset + " outside the page");
            }
            long next = Mach.read4(page, (int) offset);
            // At the page header the stream does not follow the next pointer but the whole FIL header.
            int dataStart = offset == Fil.PAGE_NEXT ? Fil.PAGE_DATA : (int) offset + 4;
            if (dataStart >= zipSize) {
                return LobRead.broken(out.toArray(), expected, pageNo, "no room for data after offset " + offset);
            }
            inflater.setInput(page, dataStart, zipSize - dataStart);
            try {
                while (!inflater.finished() && !out.full()) {
                    int n = inflater.inflate(chunk);
                    if (n == 0) {
                        if (inflater.needsInput()) {
                            break;
                        }
                        if (inflater.needsDictionary()) {
                            return LobRead.broken(out.toArray(), expected, pageNo, "zlib stream wants a dictionary");
                        }
                    }
                    out.append(chunk, 0, n);
                }
            } catch (DataFormatException e) {
                return LobRead.broken(out.toArray(), expected, pageNo, "corrupt zlib stream: " + e.getMessage());
            }
            if (out.size() >= expected) {
                return LobRead.complete(out.toArray());
            }
            if (out.full()) {
                return LobRead.broken(out.toArray(), expected, pageNo, "stopped at the byte limit");
            }
            if (inflater.finished()) {
                return LobRead.broken(out.toArray(), expected, pageNo, "zlib stream ends after " + out.size() + " bytes");
            }
            if (next == Fil.FIL_NULL) {
                return LobRead.broken(out.toArray(), expected, pageNo, "chain ends before the zlib stream");
            }
            pageNo = next;
            offset = Fil.PAGE_NEXT;
            type = nextType;
        }
    }
}
