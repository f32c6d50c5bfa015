package dev.salvage.innodb.rec;

import dev.salvage.innodb.page.IndexPageHeader;

/**
 * The two physical record formats of InnoDB index pages. COMPACT covers ROW_FORMAT=COMPACT, DYNAMIC and
 * (decompressed) COMPRESSED; REDUNDANT is the original format. The page says which: bit 15 of PAGE_N_HEAP
 * (page0page.h, {@code page_is_comp}).
 */
public enum RecordFormat {
    /** Old-style records: 6 header bytes, then a field end-offset array (rem0rec.h REC_N_OLD_EXTRA_BYTES). */
    REDUNDANT(6, IndexPageHeader.REDUNDANT_INFIMUM, IndexPageHeader.REDUNDANT_SUPREMUM),
    /** New-style records: 5 header bytes, then the null bitmap and variable lengths (REC_N_NEW_EXTRA_BYTES). */
    COMPACT(5, IndexPageHeader.COMPACT_INFIMUM, IndexPageHeader.COMPACT_SUPREMUM);

    private final int headerBytes;
    private final int infimum;
    private final int supremum;

    RecordFormat(int headerBytes, int infimum, int supremum) {
        this.headerBytes = headerBytes;
        this.infimum = infimum;
        this.supremum = supremum;
    }

    /** The format the page header declares. */
    public static RecordFormat of(IndexPageHeader header) {
        return header.compact() ? COMPACT : REDUNDANT;
    }

    /** From the raw 2-byte PAGE_N_HEAP value. */
    public static RecordFormat ofNHeap(int rawNHeap) {
        return (rawNHeap & 0x8000) != 0 ? COMPACT : REDUNDANT;
    }

    /** Fixed header bytes before the record origin (not counting null bitmap, lengths or offsets). */
    public int headerBytes() {
        return headerBytes;
    }

    /** Page offset of the infimum record's origin. */
    public int infimum() {
        return infimum;
    }

    /** Page offset of the supremum record's origin. */
    public int supremum() {
        return supremum;
    }

    /** First byte after the supremum record ("supremum" is 8 bytes in COMPACT, 9 with its NUL in REDUNDANT). */
    public int heapStart() {
        return this == COMPACT ? supremum + 8 : supremum + 9;
    }
}
