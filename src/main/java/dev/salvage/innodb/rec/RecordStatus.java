package dev.salvage.innodb.rec;

/**
 * The 3 status bits of a COMPACT record header (rem0rec.h REC_STATUS_*). REDUNDANT records have no status
 * field; their kind follows from the page level and the heap number.
 */
public enum RecordStatus {
    /** A leaf record. */
    ORDINARY,
    /** A node pointer on a non-leaf page: key fields plus the child page number. */
    NODE_PTR,
    INFIMUM,
    SUPREMUM,
    /**
     * MariaDB 10.3+ REC_STATUS_INSTANT: a leaf record written after instant ADD COLUMN, carrying its own field
     * count; also the status of the instant metadata record (with the min_rec info bit).
     */
    INSTANT,
    /** Status values 5..7: never written by any server. */
    INVALID;

    private static final RecordStatus[] BY_CODE = {ORDINARY, NODE_PTR, INFIMUM, SUPREMUM, INSTANT, INVALID, INVALID, INVALID};

    public static RecordStatus ofCode(int code) {
        return BY_CODE[code & 7];
    }
}
