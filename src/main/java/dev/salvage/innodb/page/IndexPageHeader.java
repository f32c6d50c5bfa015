package dev.salvage.innodb.page;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The index page header (page0page.h, PAGE_HEADER = FIL_PAGE_DATA) of INDEX, RTREE, SDI and
 * MariaDB INSTANT pages, and the check for the two system records that follow it.
 *
 * @param nDirSlots     PAGE_N_DIR_SLOTS
 * @param heapTop       PAGE_HEAP_TOP: first byte of free space above the record heap
 * @param nHeap         PAGE_N_HEAP without the compact-format bit: records in the heap, incl. infimum, supremum and garbage
 * @param compact       bit 15 of PAGE_N_HEAP: new-style (COMPACT/DYNAMIC/COMPRESSED) records
 * @param free          PAGE_FREE: first record of the garbage list, 0 when empty
 * @param garbage       PAGE_GARBAGE: bytes in deleted records
 * @param lastInsert    PAGE_LAST_INSERT: 0 when unknown
 * @param direction     PAGE_DIRECTION, low 3 bits (1 left, 2 right, 3 same rec, 4 same page, 5 none)
 * @param directionRaw  the whole 2-byte field: MariaDB 10.3+ keeps the instant ADD COLUMN core field
 *                      count in its upper 13 bits on an INSTANT root page
 * @param nDirection    PAGE_N_DIRECTION
 * @param nRecs         PAGE_N_RECS: user records
 * @param maxTrxId      PAGE_MAX_TRX_ID: newest transaction that modified a secondary index leaf; 0 on clustered index pages
 * @param level         PAGE_LEVEL: 0 for leaves
 * @param indexId       PAGE_INDEX_ID
 */
public record IndexPageHeader(int nDirSlots, int heapTop, int nHeap, boolean compact, int free, int garbage,
                              int lastInsert, int direction, int directionRaw, int nDirection, int nRecs,
                              long maxTrxId, int level, long indexId) {

    public static final int PAGE_HEADER = Fil.PAGE_DATA;
    public static final int N_DIR_SLOTS = 0;
    public static final int HEAP_TOP = 2;
    public static final int N_HEAP = 4;
    public static final int FREE = 6;
    public static final int GARBAGE = 8;
    public static final int LAST_INSERT = 10;
    public static final int DIRECTION = 12;
    public static final int N_DIRECTION = 14;
    public static final int N_RECS = 16;
    public static final int MAX_TRX_ID = 18;
    public static final int LEVEL = 26;
    public static final int INDEX_ID = 28;
    /** PAGE_BTR_SEG_LEAF and PAGE_BTR_SEG_TOP (two 10-byte FSEG headers) end the page header. */
    public static final int BTR_SEG_LEAF = 36;
    public static final int BTR_SEG_TOP = 46;
    /** PAGE_DATA: where the system records start. */
    public static final int PAGE_DATA = PAGE_HEADER + 36 + 2 * 10;

    /** Origins of the system records: record header bytes (5 compact, 6 redundant) come first. */
    public static final int COMPACT_INFIMUM = PAGE_DATA + 5;
    public static final int COMPACT_SUPREMUM = PAGE_DATA + 2 * 5 + 8;
    public static final int REDUNDANT_INFIMUM = PAGE_DATA + 1 + 6;
    public static final int REDUNDANT_SUPREMUM = PAGE_DATA + 2 + 2 * 6 + 8;

    /** Bytes {@link #read} needs from the start of the page. */
    public static final int MIN_BYTES = PAGE_DATA;
    /** Bytes the system record check needs from the start of the page. */
    public static final int SYSTEM_RECORDS_BYTES = REDUNDANT_SUPREMUM + 9;

    private static final byte[] INFIMUM = "infimum\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUPREMUM = "supremum".getBytes(StandardCharsets.US_ASCII);
    /** Redundant pages store the supremum with its terminating NUL (9 bytes). */
    private static final byte[] SUPREMUM_NUL = "supremum\0".getBytes(StandardCharsets.US_ASCII);

    /** Which record format the system records at their fixed offsets show. */
    public enum SystemRecords { COMPACT, REDUNDANT, NONE }

    /** Reads the header of the page starting at {@code page[off]}; null when the page is shorter than {@link #MIN_BYTES}. */
    public static IndexPageHeader read(byte[] page, int off) {
        if (page == null || off < 0 || off > page.length - MIN_BYTES) {
            return null;
        }
        int h = off + PAGE_HEADER;
        int nHeapRaw = Mach.read2(page, h + N_HEAP);
        int dir = Mach.read2(page, h + DIRECTION);
        return new IndexPageHeader(Mach.read2(page, h + N_DIR_SLOTS), Mach.read2(page, h + HEAP_TOP),
                nHeapRaw & 0x7FFF, (nHeapRaw & 0x8000) != 0, Mach.read2(page, h + FREE),
                Mach.read2(page, h + GARBAGE), Mach.read2(page, h + LAST_INSERT), dir & 7, dir,
                Mach.read2(page, h + N_DIRECTION), Mach.read2(page, h + N_RECS), Mach.read8(page, h + MAX_TRX_ID),
                Mach.read2(page, h + LEVEL), Mach.read8(page, h + INDEX_ID));
    }

    /** Finds "infimum"/"supremum" at the compact or the redundant offsets; NONE on short input. */
    public static SystemRecords systemRecords(byte[] page, int off) {
        if (page == null || off < 0 || off > page.length - SYSTEM_RECORDS_BYTES) {
            return SystemRecords.NONE;
        }
        if (equalsAt(page, off + COMPACT_INFIMUM, INFIMUM) && equalsAt(page, off + COMPACT_SUPREMUM, SUPREMUM)) {
            return SystemRecords.COMPACT;
        }
        if (equalsAt(page, off + REDUNDANT_INFIMUM, INFIMUM)
                && equalsAt(page, off + REDUNDANT_SUPREMUM, SUPREMUM_NUL)) {
            return SystemRecords.REDUNDANT;
        }
        return SystemRecords.NONE;
    }

    /** True when either format's system records are in place. */
    public static boolean hasSystemRecords(byte[] page, int off) {
        return systemRecords(page, off) != SystemRecords.NONE;
    }

    /**
     * True when the system records agree with the compact bit of PAGE_N_HEAP. (On
     * ROW_FORMAT=COMPRESSED pages this holds only after decompression: the stored bytes are the
     * zlib stream.)
     */
    public boolean systemRecordsMatch(byte[] page, int off) {
        SystemRecords found = systemRecords(page, off);
        return compact ? found == SystemRecords.COMPACT : found == SystemRecords.REDUNDANT;
    }

    /**
     * Checks the header's numbers against each other and the page size: the "does this look like
     * an index page" test that needs no record walking. Returns null when plausible, else the first
     * reason it is not.
     */
    public String implausibility(int pageSize) {
        int minHeapTop = compact ? COMPACT_SUPREMUM + 8 : REDUNDANT_SUPREMUM + 9;
        if (nDirSlots < 2 || nDirSlots * 2 > pageSize) {
            return "PAGE_N_DIR_SLOTS " + nDirSlots;
        }
        if (heapTop < minHeapTop || heapTop > pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM - nDirSlots * 2) {
            return "PAGE_HEAP_TOP " + heapTop;
        }
        if (nHeap < 2 || nRecs > nHeap - 2) {
            return "PAGE_N_HEAP " + nHeap + " / PAGE_N_RECS " + nRecs;
        }
        if (free != 0 && (free < minHeapTop || free >= heapTop)) {
            return "PAGE_FREE " + free;
        }
        if (garbage > heapTop) {
            return "PAGE_GARBAGE " + garbage;
        }
        if (direction == 0 || direction > 5) {
            return "PAGE_DIRECTION " + direction;
        }
        if (level > 255) {
            return "PAGE_LEVEL " + level;
        }
        if (indexId == 0) {
            return "PAGE_INDEX_ID 0";
        }
        return null;
    }

    /** MariaDB INSTANT root pages: the number of core (pre-instant) fields kept in PAGE_DIRECTION's upper bits. */
    public int instantCoreFields() {
        return directionRaw >>> 3;
    }

    private static boolean equalsAt(byte[] page, int at, byte[] expected) {
        return Arrays.equals(page, at, at + expected.length, expected, 0, expected.length);
    }
}
