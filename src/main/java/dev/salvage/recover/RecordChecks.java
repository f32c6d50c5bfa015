package dev.salvage.recover;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordStatus;

/**
 * InnoDB invariants a parsed leaf record must satisfy before salvage believes it: a heap number the page has
 * handed out, no min-rec flag (only the leftmost node pointer and MariaDB's metadata record carry it), at most
 * 8 records owned (PAGE_DIR_SLOT_MAX_N_OWNED), a transaction id and roll pointer a server could have written.
 */
final class RecordChecks {

    /**
     * Transaction ids beyond this are taken for garbage: 2^44 is 17 trillion transactions, far beyond what any
     * server reaches, while a random 6-byte value exceeds it 15 times out of 16.
     */
    static final long MAX_PLAUSIBLE_TRX_ID = 1L << 44;
    /** MariaDB 10.3+ resets DB_ROLL_PTR to this (only the insert flag) once the history is purged. */
    private static final long PURGED_ROLL_PTR = 1L << 55;

    private RecordChecks() {
    }

    static long trxId(byte[] page, RecordOffsets rec, int field) {
        int at = rec.offset(field);
        return (long) Mach.read2(page, at) << 32 | Mach.read4(page, at + 2);
    }

    private static long rollPtr(byte[] page, RecordOffsets rec, int field) {
        int at = rec.offset(field);
        return (long) Mach.read4(page, at) << 24 | (long) Mach.read3(page, at + 4);
    }

    /**
     * MariaDB 10.3+: the first record of the leftmost leaf, carrying REC_INFO_MIN_REC_FLAG (which no other leaf
     * record has) and in COMPACT records the INSTANT status, is the instant ALTER metadata record (btr0cur.cc
     * btr_cur_instant_init_low).
     */
    static boolean isInstantMetadata(byte[] page, int origin, RecordFormat format) {
        return RecordHeader.fits(page, page.length, origin, format) && RecordHeader.isMinRec(page, origin, format)
                && (format == RecordFormat.REDUNDANT || RecordHeader.status(page, origin) == RecordStatus.INSTANT)
                && (Mach.read4(page, Fil.PAGE_PREV) & 0xFFFFFFFFL) == Fil.FIL_NULL;
    }

    /** Null when plausible, else the reason. */
    static String check(byte[] page, RecordOffsets rec, RecordFormat format, int nHeap, ClusteredLayout layout,
            int logicalPageSize) {
        int origin = rec.origin();
        int heapNo = RecordHeader.heapNo(page, origin, format);
        if (heapNo < 2 || heapNo >= nHeap) {
            return "heap number " + heapNo + " outside 2.." + (nHeap - 1);
        }
        if (rec.minRec()) {
            return "min-rec flag on a leaf record";
        }
        if (RecordHeader.nOwned(page, origin, format) > 8) {
            return "owns more than 8 records";
        }
        if (rec.length(layout.trxIdField()) != 6 || rec.length(layout.rollPtrField()) != 7) {
            return "system columns missing";
        }
        long trx = trxId(page, rec, layout.trxIdField());
        if (trx >= MAX_PLAUSIBLE_TRX_ID) {
            return "implausible DB_TRX_ID " + trx;
        }
        long roll = rollPtr(page, rec, layout.rollPtrField());
        int undoOffset = (int) (roll & 0xFFFF);
        if (roll != 0 && roll != PURGED_ROLL_PTR && (undoOffset < Fil.PAGE_DATA || undoOffset >= logicalPageSize)) {
            return "implausible DB_ROLL_PTR offset " + undoOffset;
        }
        return null;
    }
}
