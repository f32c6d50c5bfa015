package dev.salvage.innodb.zip;

import dev.salvage.innodb.fil.Mach;

import static dev.salvage.innodb.zip.ZipPage.DIR_SLOT_DEL;
import static dev.salvage.innodb.zip.ZipPage.DIR_SLOT_MASK;
import static dev.salvage.innodb.zip.ZipPage.DIR_SLOT_OWNED;
import static dev.salvage.innodb.zip.ZipPage.EXTERN_REF;
import static dev.salvage.innodb.zip.ZipPage.HEAP_NO_SHIFT;
import static dev.salvage.innodb.zip.ZipPage.INFIMUM;
import static dev.salvage.innodb.zip.ZipPage.PAGE_DATA;
import static dev.salvage.innodb.zip.ZipPage.PAGE_DIR;
import static dev.salvage.innodb.zip.ZipPage.STATUS_NODE_PTR;
import static dev.salvage.innodb.zip.ZipPage.SUPREMUM;
import static dev.salvage.innodb.zip.ZipPage.TRX_ROLL;
import static dev.salvage.innodb.zip.ZipPage.ZIP_START;
import static dev.salvage.innodb.zip.ZipRecordShape.CHILD_PAGE_NO;
import static dev.salvage.innodb.zip.ZipRecordShape.FIXED_EXTRA;

/**
 * One decompression, step for step as {@code page_zip_decompress_low} and its helpers do it, with a bounds
 * check wherever the server trusts the page: header and directories, the zlib stream record by record, the
 * modification log, the uncompressed columns, then the record headers and list pointers.
 */
final class ZipPageDecoder {

    private final byte[] zip;
    private final int zipSize;
    private final int logical;
    private final byte[] page;
    private final ZipRecordShape shape = new ZipRecordShape();
    private ZipFields fields;
    private boolean leaf;
    private int nDense;
    private int nRecs;
    /** Dense directory offsets sorted by address, which is heap-number order. */
    private int[] recs;
    /** Lowest byte of the sparse directory: records must end below it. */
    private int dirLow;
    private int heapStatus;
    private int nextOut = ZIP_START;
    private int blobs;
    private int logRecords;

    ZipPageDecoder(byte[] zip, int zipSize, int logical) {
        this.zip = zip;
        this.zipSize = zipSize;
        this.logical = logical;
        this.page = new byte[logical];
    }

    ZipPage.Result run() {
        int nHeapField = Mach.read2(zip, ZipPage.N_HEAP);
        if ((nHeapField & 0x8000) == 0) {
            return fail("PAGE_N_HEAP lacks the COMPACT flag: not a compressed-format page");
        }
        nDense = (nHeapField & 0x7FFF) - 2;
        nRecs = Mach.read2(zip, ZipPage.N_RECS);
        leaf = Mach.read2(zip, ZipPage.LEVEL) == 0;
        if (nDense < 0 || nDense * 2 >= zipSize) {
            return fail("PAGE_N_HEAP " + (nDense + 2) + " does not fit a " + zipSize + "-byte page");
        }
        if (nRecs > nDense) {
            return fail("PAGE_N_RECS " + nRecs + " exceeds the " + nDense + " heap records");
        }
        int nSlots = Mach.read2(zip, ZipPage.N_DIR_SLOTS);
        dirLow = logical - PAGE_DIR - 2 * nSlots;
        if (nSlots < 2 || dirLow <= ZIP_START) {
            return fail("PAGE_N_DIR_SLOTS " + nSlots + " impossible");
        }
        System.arraycopy(zip, 0, page, 0, PAGE_DATA);
        String why = decodeDirectory(nSlots);
        if (why != null) {
            return fail(why);
        }
        writeSystemRecords();

        // The description's first guess of the trailer size: node pointers 2+4, leaves at least 2.
        int[] fieldsLength = new int[1];
        fields = ZipPage.findFields(zip, PAGE_DATA, zipSize - 1 - nDense * 2, leaf, fieldsLength);
        if (fields == null) {
            return fail("index description at the start of the zlib stream unreadable");
        }
        boolean clustered = leaf && fields.trxIdField() >= 0;
        int slotSize = !leaf ? 2 + CHILD_PAGE_NO : clustered ? 2 + TRX_ROLL : 2;
        int inputEnd = zipSize - 1 - nDense * slotSize;
        if (inputEnd <= PAGE_DATA + fieldsLength[0]) {
            return fail(nDense + " records leave no room for the zlib stream");
        }
        try (ZipStream stream = new ZipStream(zip, PAGE_DATA, inputEnd)) {
            byte[] scratch = new byte[fieldsLength[0]];
            // ENDED is normal here: pages rebuilt record by record keep every record in the modification log.
            if (stream.inflate(scratch, 0, scratch.length) == ZipStream.Step.FAILED
                    || stream.lastCount() != scratch.length) {
                return fail("index description: " + stream.problem());
            }
            heapStatus = 2 << HEAP_NO_SHIFT | (leaf ? 0 : STATUS_NODE_PTR);
            why = inflateRecords(stream, clustered);
            if (why != null) {
                return fail(why);
            }
            // Clear what the stream did not fill (the server does too; a fresh array already is zero).
            java.util.Arrays.fill(page, Math.min(nextOut, dirLow), dirLow, (byte) 0);
            ZipModLog log = new ZipModLog(zip, page, recs, fields, leaf, dirLow);
            int logEnd = log.apply(stream.inputEnd(), inputEnd + 1, heapStatus);
            if (logEnd < 0) {
                return fail("modification log: " + log.problem());
            }
            logRecords = log.records();
            if (nDense * slotSize + logEnd >= zipSize) {
                return fail("modification log ends at " + logEnd + ", inside the " + nDense * slotSize
                        + "-byte trailer");
            }
            why = leaf ? (clustered ? restoreClustered(logEnd) : null) : restoreNodePointers();
            if (why == null) {
                why = setExtraBytes(leaf ? 0 : Mach.read4(zip, dev.salvage.innodb.fil.Fil.PAGE_PREV)
                        == dev.salvage.innodb.fil.Fil.FIL_NULL ? ZipPage.INFO_MIN_REC : 0);
            }
            if (why != null) {
                return fail(why);
            }
        }
        return new ZipPage.Result(page, null, fields, nDense, logRecords, blobs);
    }

    private ZipPage.Result fail(String why) {
        return ZipPage.failure(why, fields, Math.max(0, nDense));
    }

    private int dense(int i) {
        return Mach.read2(zip, zipSize - 2 * (i + 1));
    }

    /** page_zip_dir_decode: the sparse directory from the owner flags, and the records by address. */
    private String decodeDirectory(int nSlots) {
        int slot = logical - PAGE_DIR - 2;
        write2(slot, INFIMUM);
        slot -= 2;
        int[] all = new int[nDense];
        for (int i = 0; i < nRecs; i++) {
            int offs = dense(i);
            if ((offs & DIR_SLOT_OWNED) != 0) {
                if (slot <= dirLow) {
                    return "more owner records than PAGE_N_DIR_SLOTS " + nSlots + " allows";
                }
                write2(slot, offs & DIR_SLOT_MASK);
                slot -= 2;
            }
            all[i] = offs & DIR_SLOT_MASK;
        }
        write2(slot, SUPREMUM);
        if (slot != dirLow) {
            return "owner flags give " + ((logical - PAGE_DIR - slot) / 2) + " directory slots, PAGE_N_DIR_SLOTS "
                    + nSlots;
        }
        for (int i = nRecs; i < nDense; i++) {
            int offs = dense(i);
            if ((offs & ~DIR_SLOT_MASK) != 0) {
                return "free-list directory entry " + i + " has flags: 0x" + Integer.toHexString(offs);
            }
            all[i] = offs;
        }
        recs = ZipPage.sortedCopy(all);
        for (int i = 0; i < nDense; i++) {
            if (recs[i] < ZIP_START + FIXED_EXTRA || recs[i] >= dirLow) {
                return "directory entry points at " + recs[i] + ", outside the record heap";
            }
            if (i > 0 && recs[i] - recs[i - 1] < FIXED_EXTRA) {
                return "directory entries " + recs[i - 1] + " and " + recs[i] + " overlap";
            }
        }
        return null;
    }

    private void writeSystemRecords() {
        System.arraycopy(new byte[] {0x01, 0x00, 0x02}, 0, page, INFIMUM - FIXED_EXTRA, 3);
        setNext(INFIMUM, nRecs == 0 ? SUPREMUM : dense(0) & DIR_SLOT_MASK);
        System.arraycopy("infimum\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, page, INFIMUM, 8);
        byte[] sup = {0x00, 0x0b, 0x00, 0x00, 's', 'u', 'p', 'r', 'e', 'm', 'u', 'm'};
        System.arraycopy(sup, 0, page, SUPREMUM - FIXED_EXTRA + 1, sup.length);
    }

    /** The stream part of page_zip_decompress_{clust,sec,node_ptrs}; null or why it failed. */
    private String inflateRecords(ZipStream stream, boolean clustered) {
        for (int slot = 0; slot < nDense; slot++) {
            int rec = recs[slot];
            ZipStream.Step step = stream.inflate(page, nextOut, rec - FIXED_EXTRA - nextOut);
            if (step == ZipStream.Step.FAILED) {
                return "record " + rec + ": " + stream.problem();
            }
            nextOut += stream.lastCount();
            if (step == ZipStream.Step.ENDED) {
                // Records from here on were added after the last compression: the log holds them.
                if (nextOut == rec - FIXED_EXTRA) {
                    setHeapNo(rec);
                }
                return null;
            }
            setHeapNo(rec);
            if (leaf && !clustered) {
                continue; // secondary leaf: the data flows on with the next record's header
            }
            if (!shape.read(fields, !leaf, page, rec - FIXED_EXTRA - 1, -1, ZIP_START, rec - FIXED_EXTRA)) {
                return "record " + rec + ": header unreadable";
            }
            if (rec + shape.dataSize() > dirLow) {
                return "record " + rec + " runs into the page directory";
            }
            String why = !leaf ? skipChildPageNo(stream, rec) : skipClusteredColumns(stream, rec);
            if (why != null) {
                return why;
            }
        }
        // The rest of the heap (the data of the last secondary record, garbage) up to PAGE_HEAP_TOP.
        int heapTop = Mach.read2(zip, ZipPage.HEAP_TOP);
        if (heapTop < nextOut || heapTop > dirLow) {
            return "PAGE_HEAP_TOP " + heapTop + " outside " + nextOut + ".." + dirLow;
        }
        ZipStream.Step step = stream.inflate(page, nextOut, heapTop - nextOut);
        nextOut += stream.lastCount();
        if (step == ZipStream.Step.FILLED) {
            // Z_FINISH: the stream must end here; one more byte would be data beyond the heap top.
            step = stream.inflate(new byte[1], 0, 1);
            if (step != ZipStream.Step.ENDED || stream.lastCount() != 0) {
                return "zlib stream continues past PAGE_HEAP_TOP " + heapTop;
            }
        }
        return step == ZipStream.Step.FAILED ? "heap end: " + stream.problem() : null;
    }

    /** Inflates exactly up to {@code to}; null, or why not. */
    private String fillTo(ZipStream stream, int to, int rec) {
        ZipStream.Step step = stream.inflate(page, nextOut, to - nextOut);
        int want = to - nextOut;
        nextOut += stream.lastCount();
        if (step == ZipStream.Step.FAILED || stream.lastCount() != want) {
            return "record " + rec + ": " + (step == ZipStream.Step.FAILED ? stream.problem() : "zlib stream ends early");
        }
        return null;
    }

    private String skipChildPageNo(ZipStream stream, int rec) {
        String why = fillTo(stream, rec + shape.dataSize() - CHILD_PAGE_NO, rec);
        nextOut += CHILD_PAGE_NO; // restored from the trailer later
        return why;
    }

    /** DB_TRX_ID, DB_ROLL_PTR and BLOB references are not in the stream: skip them, in field order. */
    private String skipClusteredColumns(ZipStream stream, int rec) {
        int trx = fields.trxIdField();
        if (trx >= shape.fields() || shape.length(trx) < TRX_ROLL || shape.isExtern(trx)) {
            return "record " + rec + ": DB_TRX_ID field unusable";
        }
        for (int i = 0; i < shape.fields(); i++) {
            int gap;
            if (i == trx) {
                gap = TRX_ROLL;
            } else if (shape.isExtern(i)) {
                if (shape.length(i) < EXTERN_REF) {
                    return "record " + rec + ": extern field shorter than its reference";
                }
                gap = EXTERN_REF;
            } else {
                continue;
            }
            int dst = rec + (i == trx ? shape.start(i) : shape.end(i) - EXTERN_REF);
            String why = fillTo(stream, dst, rec);
            if (why != null) {
                return why;
            }
            java.util.Arrays.fill(page, dst, dst + gap, (byte) 0);
            nextOut += gap;
        }
        return fillTo(stream, rec + shape.dataSize(), rec);
    }

    private void setHeapNo(int rec) {
        nextOut = rec;
        write2(rec - 4, heapStatus);
        heapStatus += 1 << HEAP_NO_SHIFT;
    }

    /** DB_TRX_ID/DB_ROLL_PTR in heap order from the trailer; BLOB references of live records from below them. */
    private String restoreClustered(int logEnd) {
        int storage = zipSize - nDense * 2;
        int externs = storage - nDense * TRX_ROLL;
        java.util.BitSet free = new java.util.BitSet();
        for (int i = nRecs; i < nDense; i++) {
            free.set(dense(i) & DIR_SLOT_MASK);
        }
        int trx = fields.trxIdField();
        for (int slot = 0; slot < nDense; slot++) {
            int rec = recs[slot];
            if (!readShape(rec)) {
                return "record " + rec + ": header unreadable after the log";
            }
            if (trx >= shape.fields() || shape.length(trx) < TRX_ROLL) {
                return "record " + rec + ": DB_TRX_ID field unusable";
            }
            storage -= TRX_ROLL;
            System.arraycopy(zip, storage, page, rec + shape.start(trx), TRX_ROLL);
            if (!shape.anyExtern()) {
                continue;
            }
            boolean exists = !free.get(rec);
            for (int i = 0; i < shape.fields(); i++) {
                if (!shape.isExtern(i)) {
                    continue;
                }
                if (shape.length(i) < EXTERN_REF) {
                    return "record " + rec + ": extern field shorter than its reference";
                }
                int dst = rec + shape.end(i) - EXTERN_REF;
                if (exists) {
                    externs -= EXTERN_REF;
                    if (externs < logEnd) {
                        return "BLOB references run into the modification log";
                    }
                    System.arraycopy(zip, externs, page, dst, EXTERN_REF);
                    blobs++;
                } else {
                    java.util.Arrays.fill(page, dst, dst + EXTERN_REF, (byte) 0);
                }
            }
        }
        return null;
    }

    private String restoreNodePointers() {
        int storage = zipSize - nDense * 2;
        for (int slot = 0; slot < nDense; slot++) {
            int rec = recs[slot];
            if (!readShape(rec)) {
                return "record " + rec + ": header unreadable after the log";
            }
            storage -= CHILD_PAGE_NO;
            System.arraycopy(zip, storage, page, rec + shape.dataSize() - CHILD_PAGE_NO, CHILD_PAGE_NO);
        }
        return null;
    }

    private boolean readShape(int rec) {
        return shape.read(fields, !leaf, page, rec - FIXED_EXTRA - 1, -1, ZIP_START, rec - FIXED_EXTRA)
                && rec + shape.dataSize() <= dirLow;
    }

    /** page_zip_set_extra_bytes: info bits, n_owned and next pointers of the record list and the free list. */
    private String setExtraBytes(int firstInfoBits) {
        int info = firstInfoBits;
        int nOwned = 1;
        int rec = INFIMUM;
        int i = 0;
        for (; i < nRecs; i++) {
            int offs = dense(i);
            if ((offs & DIR_SLOT_DEL) != 0) {
                info |= ZipPage.INFO_DELETED;
            }
            if ((offs & DIR_SLOT_OWNED) != 0) {
                info |= nOwned;
                nOwned = 1;
            } else {
                nOwned++;
            }
            offs &= DIR_SLOT_MASK;
            setNext(rec, offs);
            rec = offs;
            page[rec - FIXED_EXTRA] = (byte) info;
            info = 0;
        }
        setNext(rec, SUPREMUM);
        page[SUPREMUM - FIXED_EXTRA] = (byte) nOwned;
        if (i == nDense) {
            return null;
        }
        int offs = dense(i);
        while (true) {
            if (offs == 0 || (offs & ~DIR_SLOT_MASK) != 0) {
                return "free-list directory entry 0x" + Integer.toHexString(offs);
            }
            rec = offs;
            page[rec - FIXED_EXTRA] = 0;
            if (++i == nDense) {
                break;
            }
            offs = dense(i);
            setNext(rec, offs);
        }
        page[rec - FIXED_EXTRA] = 0;
        setNext(rec, 0);
        return null;
    }

    private void setNext(int rec, int next) {
        write2(rec - 2, next == 0 ? 0 : (next - rec) & 0xFFFF);
    }

    private void write2(int at, int value) {
        page[at] = (byte) (value >> 8);
        page[at + 1] = (byte) value;
    }
}
