package dev.salvage.innodb.rec;

import dev.salvage.innodb.fil.Mach;

/**
 * The fixed header bytes in front of a record origin, decoded (rem0rec.h). Byte layout before the origin:
 * <pre>
 * COMPACT   origin-5: info bits (high nibble) | n_owned (low nibble)
 *           origin-4..-3: heap_no (13 bits) | status (3 bits)
 *           origin-2..-1: next record, relative to this origin, modulo the page size (0 = none)
 * REDUNDANT origin-6: info bits | n_owned
 *           origin-5..-4: heap_no (13 bits) | n_fields (10 bits) | 1byte_offs flag (1 bit) over origin-5..-3
 *           origin-2..-1: next record, absolute page offset (0 = none)
 * </pre>
 * The static accessors are the allocation-free hot path; {@link #read} builds a value for reports and tests.
 *
 * @param origin      page offset of the record origin
 * @param format      the record format the header was read as
 * @param infoBits    the high nibble of the first header byte (see the FLAG constants)
 * @param nOwned      records owned by this record in the page directory (0 unless it is a slot owner)
 * @param heapNo      order of creation on the page: 0 infimum, 1 supremum, 2.. user records
 * @param status      COMPACT status; for REDUNDANT derived from the heap number (INFIMUM/SUPREMUM/ORDINARY)
 * @param nFields     REDUNDANT: the stored field count; COMPACT: -1 (the index definition decides)
 * @param shortOffsets REDUNDANT: field end offsets take 1 byte each; COMPACT: false
 * @param next        absolute page offset of the next record, 0 when none (supremum, end of free list)
 */
public record RecordHeader(int origin, RecordFormat format, int infoBits, int nOwned, int heapNo,
                           RecordStatus status, int nFields, boolean shortOffsets, int next) {

    /** REC_INFO_MIN_REC_FLAG: the leftmost node pointer of a level; MariaDB: with INSTANT status, the metadata record. */
    public static final int MIN_REC_FLAG = 0x1;
    /** REC_INFO_DELETED_FLAG: delete-marked (still in the list) or purged (on the free list). */
    public static final int DELETED_FLAG = 0x2;
    /** MySQL 8.0 REC_INFO_VERSION_FLAG (8.0.29+ row versions). */
    public static final int VERSION_FLAG = 0x4;
    /** MySQL 8.0 REC_INFO_INSTANT_FLAG: the record stores its own field count (instant ADD COLUMN, 8.0.13+). */
    public static final int INSTANT_FLAG = 0x8;

    /** Returns the decoded header, or null when its bytes do not lie inside the page. */
    public static RecordHeader read(byte[] page, int pageSize, int origin, RecordFormat format) {
        if (!fits(page, pageSize, origin, format)) {
            return null;
        }
        int heapNo = heapNo(page, origin, format);
        RecordStatus status;
        if (format == RecordFormat.COMPACT) {
            status = status(page, origin);
        } else {
            status = heapNo == 0 ? RecordStatus.INFIMUM : heapNo == 1 ? RecordStatus.SUPREMUM : RecordStatus.ORDINARY;
        }
        return new RecordHeader(origin, format, infoBits(page, origin, format), nOwned(page, origin, format), heapNo,
                status, format == RecordFormat.REDUNDANT ? redundantFieldCount(page, origin) : -1,
                format == RecordFormat.REDUNDANT && redundantShortOffsets(page, origin),
                next(page, pageSize, origin, format));
    }

    /** True when the fixed header bytes of a record at {@code origin} lie inside the page. */
    public static boolean fits(byte[] page, int pageSize, int origin, RecordFormat format) {
        return page != null && pageSize <= page.length && origin >= format.headerBytes() && origin < pageSize;
    }

    public static int infoBits(byte[] page, int origin, RecordFormat format) {
        return (page[origin - format.headerBytes()] & 0xF0) >>> 4;
    }

    public static int nOwned(byte[] page, int origin, RecordFormat format) {
        return page[origin - format.headerBytes()] & 0x0F;
    }

    public static boolean isDeleted(byte[] page, int origin, RecordFormat format) {
        return (infoBits(page, origin, format) & DELETED_FLAG) != 0;
    }

    public static boolean isMinRec(byte[] page, int origin, RecordFormat format) {
        return (infoBits(page, origin, format) & MIN_REC_FLAG) != 0;
    }

    public static int heapNo(byte[] page, int origin, RecordFormat format) {
        int at = format == RecordFormat.COMPACT ? origin - 4 : origin - 5;
        return Mach.read2(page, at) >>> 3;
    }

    /** COMPACT only: the status bits. */
    public static RecordStatus status(byte[] page, int origin) {
        return RecordStatus.ofCode(page[origin - 3]);
    }

    /** REDUNDANT only: the number of fields the record stores (10 bits). */
    public static int redundantFieldCount(byte[] page, int origin) {
        return (Mach.read2(page, origin - 4) >>> 1) & 0x3FF;
    }

    /** REDUNDANT only: REC_1BYTE_OFFS_FLAG, field end offsets are 1 byte each. */
    public static boolean redundantShortOffsets(byte[] page, int origin) {
        return (page[origin - 3] & 1) != 0;
    }

    /**
     * Absolute page offset of the next record, 0 when the header says "none". The result is not validated:
     * a corrupt pointer may point anywhere inside {@code [0, pageSize)}.
     */
    public static int next(byte[] page, int pageSize, int origin, RecordFormat format) {
        int stored = Mach.read2(page, origin - 2);
        if (stored == 0) {
            return 0;
        }
        if (format == RecordFormat.REDUNDANT) {
            return stored;
        }
        // rec_get_next_offs: a 16-bit relative offset; page sizes are powers of two up to 64k, so the
        // wrap-around of the addition is the modulo.
        return (origin + stored) & (pageSize - 1);
    }

    public boolean deleted() {
        return (infoBits & DELETED_FLAG) != 0;
    }

    public boolean minRec() {
        return (infoBits & MIN_REC_FLAG) != 0;
    }
}
