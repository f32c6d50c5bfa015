package dev.salvage.innodb.zip;

import static dev.salvage.innodb.zip.ZipPage.HEAP_NO_SHIFT;
import static dev.salvage.innodb.zip.ZipPage.TRX_ROLL;
import static dev.salvage.innodb.zip.ZipPage.EXTERN_REF;
import static dev.salvage.innodb.zip.ZipPage.ZIP_START;
import static dev.salvage.innodb.zip.ZipRecordShape.CHILD_PAGE_NO;
import static dev.salvage.innodb.zip.ZipRecordShape.FIXED_EXTRA;

/**
 * The modification log after the zlib stream (page0zip.cc {@code page_zip_apply_log}): each entry is
 * {@code (heap_no - 1) << 1 | cleared} in 1 or 2 bytes, then, unless cleared, the record's variable header
 * bytes in reverse order and its data bytes minus what the trailer holds (DB_TRX_ID+DB_ROLL_PTR, BLOB
 * references, child page numbers). A 0 byte ends the log. Entries are replayed in order onto the page, so a
 * record updated twice ends with its last image.
 */
final class ZipModLog {

    private final byte[] zip;
    private final byte[] page;
    private final int[] recs;
    private final ZipFields fields;
    private final boolean leaf;
    private final int dirLow;
    private final ZipRecordShape shape = new ZipRecordShape();
    private String problem;
    private int records;

    ZipModLog(byte[] zip, byte[] page, int[] recs, ZipFields fields, boolean leaf, int dirLow) {
        this.zip = zip;
        this.page = page;
        this.recs = recs;
        this.fields = fields;
        this.leaf = leaf;
        this.dirLow = dirLow;
    }

    /**
     * Replays the log in {@code zip[from, end)}.
     *
     * @return the offset of its terminating 0 byte, or -1 with {@link #problem()}
     */
    int apply(int from, int end, int heapStatus) {
        int data = from;
        int trx = leaf ? fields.trxIdField() : -1;
        while (true) {
            if (data >= end) {
                return fail("runs past its end " + end + " without a terminator");
            }
            int val = zip[data++] & 0xFF;
            if (val == 0) {
                return data - 1;
            }
            if ((val & 0x80) != 0) {
                if (data >= end) {
                    return fail("entry header cut at " + data);
                }
                val = (val & 0x7F) << 8 | zip[data++] & 0xFF;
            }
            if (data >= end) {
                return fail("entry at " + data + " reaches the end");
            }
            int heapIndex = val >> 1;
            if (heapIndex < 1 || heapIndex > recs.length) {
                return fail("entry names heap record " + (heapIndex + 1) + " of " + (recs.length + 2));
            }
            int rec = recs[heapIndex - 1];
            int hs = (heapIndex + 1) << HEAP_NO_SHIFT | heapStatus & ((1 << HEAP_NO_SHIFT) - 1);
            if (hs > heapStatus) {
                return fail("entry for heap record " + (heapIndex + 1) + " skips unused heap numbers");
            } else if (hs == heapStatus) {
                if ((val & 1) != 0) {
                    return fail("entry clears a record that was never written");
                }
                heapStatus += 1 << HEAP_NO_SHIFT;
            }
            page[rec - 4] = (byte) (hs >> 8);
            page[rec - 3] = (byte) hs;
            records++;
            if ((val & 1) != 0) {
                // A deleted record's data is cleared (its header stays).
                if (!shape.read(fields, !leaf, page, rec - FIXED_EXTRA - 1, -1, ZIP_START, rec - FIXED_EXTRA)
                        || rec + shape.dataSize() > dirLow) {
                    return fail("cleared record " + rec + " has an unreadable header");
                }
                java.util.Arrays.fill(page, rec, rec + shape.dataSize(), (byte) 0);
                continue;
            }
            if (!shape.read(fields, !leaf, zip, data, 1, data, end)) {
                return fail("record " + rec + ": header in the log unreadable");
            }
            int start = rec - shape.extraSize();
            if (start < ZIP_START || rec + shape.dataSize() > dirLow) {
                return fail("record " + rec + " as logged does not fit the heap");
            }
            for (int b = rec - FIXED_EXTRA; b != start; ) {
                page[--b] = zip[data++];
            }
            int next;
            if (shape.anyExtern()) {
                if (!leaf) {
                    return fail("node pointer " + rec + " with an extern field");
                }
                next = copyExtern(rec, trx, data, end);
            } else if (!leaf) {
                next = copy(data, end, rec, shape.dataSize() - CHILD_PAGE_NO);
            } else if (trx < 0) {
                next = copy(data, end, rec, shape.dataSize());
            } else {
                int l = shape.start(trx);
                if (trx >= shape.fields() || shape.length(trx) < TRX_ROLL) {
                    return fail("record " + rec + ": DB_TRX_ID field unusable");
                }
                next = copy(data, end, rec, l);
                if (next >= 0) {
                    int b = rec + l + TRX_ROLL;
                    next = copy(next, end, b, rec + shape.dataSize() - b);
                }
            }
            if (next < 0) {
                return fail("record " + rec + ": data runs past the log's end");
            }
            data = next;
        }
    }

    /** Copies {@code len} log bytes to {@code page[to..]}; the next log offset, or -1 past the end. */
    private int copy(int data, int end, int to, int len) {
        if (len < 0 || data + len >= end) {
            return -1;
        }
        System.arraycopy(zip, data, page, to, len);
        return data + len;
    }

    /** page_zip_apply_log_ext: the data minus DB_TRX_ID/DB_ROLL_PTR and each BLOB reference. */
    private int copyExtern(int rec, int trx, int data, int end) {
        int nextOut = rec;
        for (int i = 0; i < shape.fields(); i++) {
            if (i == trx) {
                int dst = rec + shape.start(i);
                if (dst < nextOut || dst - nextOut >= end - data || shape.length(i) < TRX_ROLL || shape.isExtern(i)) {
                    return -1;
                }
                System.arraycopy(zip, data, page, nextOut, dst - nextOut);
                data += dst - nextOut;
                nextOut = dst + TRX_ROLL;
            } else if (shape.isExtern(i)) {
                if (shape.length(i) < EXTERN_REF) {
                    return -1;
                }
                int len = rec + shape.end(i) - EXTERN_REF - nextOut;
                data = copy(data, end, nextOut, len);
                if (data < 0) {
                    return -1;
                }
                nextOut += len + EXTERN_REF;
            }
        }
        return copy(data, end, nextOut, rec + shape.dataSize() - nextOut);
    }

    int records() {
        return records;
    }

    String problem() {
        return problem;
    }

    private int fail(String why) {
        problem = why;
        return -1;
    }
}
