package dev.salvage.innodb.zip;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

import java.util.Arrays;

/**
 * Decompresses a ROW_FORMAT=COMPRESSED index page into the COMPACT page image the server keeps in its buffer
 * pool (page0zip.cc {@code page_zip_decompress_low}), so the record layer reads it like any other page.
 *
 * <p>The compressed page (page0zip.ic describes it):
 * <pre>
 * 0    FIL header and index page header (PAGE_DATA = 94 bytes), uncompressed
 * 94   zlib stream: the index description ({@link ZipFields}), then every byte of the record heap from
 *      PAGE_ZIP_START (120, after infimum/supremum, which are not stored) to PAGE_HEAP_TOP, in address order,
 *      minus what is stored uncompressed: the 5 fixed header bytes of each record, DB_TRX_ID + DB_ROLL_PTR
 *      (clustered leaves), BLOB references, node pointers' child page numbers
 * ..   modification log ({@link ZipModLog}): records written since the last compression; a 0 byte ends it
 * ..   free space
 * ..   BLOB references (20 bytes each, clustered leaves, growing down)
 * ..   per heap record: DB_TRX_ID+DB_ROLL_PTR (13) or child page number (4), in heap order, growing down
 * end  dense page directory: 2 bytes per record, live records in key order, then the free list;
 *      0x8000 = delete-marked, 0x4000 = owns a sparse directory slot, low 14 bits = record offset
 * </pre>
 * Every failure is a {@link Result} with a reason; no input makes this throw.
 */
public final class ZipPage {

    static final int PAGE_HEADER = Fil.PAGE_DATA;
    static final int N_DIR_SLOTS = PAGE_HEADER;
    static final int HEAP_TOP = PAGE_HEADER + 2;
    static final int N_HEAP = PAGE_HEADER + 4;
    static final int N_RECS = PAGE_HEADER + 16;
    static final int LEVEL = PAGE_HEADER + 26;
    /** PAGE_DATA: end of the index page header. */
    static final int PAGE_DATA = PAGE_HEADER + 56;
    static final int INFIMUM = PAGE_DATA + 5;
    static final int SUPREMUM = INFIMUM + 13;
    /** PAGE_ZIP_START = PAGE_NEW_SUPREMUM_END: the first byte of the compressed heap. */
    static final int ZIP_START = SUPREMUM + 8;
    /** PAGE_DIR: the FIL trailer below the sparse directory. */
    static final int PAGE_DIR = 8;
    static final int DIR_SLOT_MASK = 0x3FFF;
    static final int DIR_SLOT_OWNED = 0x4000;
    static final int DIR_SLOT_DEL = 0x8000;
    static final int TRX_ROLL = 13;
    static final int EXTERN_REF = 20;
    static final int HEAP_NO_SHIFT = 3;
    static final int STATUS_NODE_PTR = 1;
    static final int INFO_DELETED = 0x20;
    static final int INFO_MIN_REC = 0x10;

    private static final byte[] INFIMUM_EXTRA = {0x01, 0x00, 0x02};
    private static final byte[] INFIMUM_DATA = {'i', 'n', 'f', 'i', 'm', 'u', 'm', 0};
    private static final byte[] SUPREMUM_EXTRA_DATA = {0x00, 0x0b, 0x00, 0x00, 's', 'u', 'p', 'r', 'e', 'm', 'u', 'm'};
    /** The description is at most (1023 + 1) two-byte entries; its deflated form a little more. */
    private static final int MAX_FIELDS_BYTES = 2 * (ZipFields.MAX_FIELDS + 1);

    /**
     * @param page       the uncompressed image ({@code logicalSize} bytes), null when decompression failed
     * @param problem    why it failed, null on success
     * @param fields     the page's own index description, null when not reached
     * @param records    dense directory entries (live + free-list records)
     * @param logRecords records written or cleared by the modification log
     * @param blobs      BLOB references restored
     */
    public record Result(byte[] page, String problem, ZipFields fields, int records, int logRecords, int blobs) {
        public boolean ok() {
            return page != null;
        }

        static Result failed(String why, ZipFields fields, int records) {
            return new Result(null, why, fields, records, 0, 0);
        }
    }

    private ZipPage() {
    }

    /** True for the page types this class decompresses (B-tree index pages; not R-trees or BLOBs). */
    public static boolean isIndexPage(byte[] zip) {
        return zip != null && zip.length >= PAGE_DATA && Mach.read2(zip, Fil.PAGE_TYPE) == PageType.INDEX;
    }

    /**
     * Decompresses {@code zip[0, zipSize)} into a page of {@code logicalSize} bytes.
     */
    public static Result decompress(byte[] zip, int zipSize, int logicalSize) {
        if (zip == null || zipSize < 1024 || zipSize > 16384 || Integer.bitCount(zipSize) != 1 || zip.length < zipSize) {
            return Result.failed("compressed page size " + zipSize + " is not 1K-16K or exceeds the buffer", null, 0);
        }
        if (logicalSize < 4096 || logicalSize > 16384 || Integer.bitCount(logicalSize) != 1 || logicalSize < zipSize) {
            return Result.failed("logical page size " + logicalSize + " cannot hold compressed pages", null, 0);
        }
        if (!isIndexPage(zip)) {
            return Result.failed("page type " + Mach.read2(zip, Fil.PAGE_TYPE) + " is not an index page", null, 0);
        }
        try {
            return new ZipPageDecoder(zip, zipSize, logicalSize).run();
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Every read is bounds-checked; should one check be missing, one page is lost, not the whole run.
            return Result.failed("decoder could not follow this page (" + e + ")", null, 0);
        }
    }

    /** Finds the index description: the output of the stream's first block, ended by a Z_FULL_FLUSH marker. */
    static ZipFields findFields(byte[] zip, int from, int to, boolean leaf, int[] lengthOut) {
        // Z_FULL_FLUSH ends the description with an empty stored block: 00 00 FF FF, byte-aligned. The marker
        // bytes could, rarely, also occur inside the first block, so each candidate is checked by inflating.
        int last = Math.min(to - 4, from + 2 + MAX_FIELDS_BYTES + 64);
        byte[] out = new byte[MAX_FIELDS_BYTES + 8];
        for (int p = from + 2; p <= last; p++) {
            if (zip[p] != 0 || zip[p + 1] != 0 || zip[p + 2] != (byte) 0xFF || zip[p + 3] != (byte) 0xFF) {
                continue;
            }
            try (ZipStream probe = new ZipStream(zip, from, p + 4)) {
                ZipStream.Step step = probe.inflate(out, 0, out.length);
                int n = probe.lastCount();
                if (step == ZipStream.Step.FAILED && n > 0 && probe.inputEnd() == p + 4) {
                    ZipFields fields = ZipFields.decode(out, 0, n, leaf);
                    if (fields != null) {
                        lengthOut[0] = n;
                        return fields;
                    }
                }
            }
        }
        return null;
    }

    static Result failure(String why, ZipFields fields, int records) {
        return Result.failed(why, fields, records);
    }

    static int[] sortedCopy(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
