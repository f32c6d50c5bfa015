package dev.salvage.innodb.fil;

/**
 * Byte offsets of the FIL header and trailer that begin and end every InnoDB page
 * (storage/innobase/include/fil0fil.h). All multi-byte values are big-endian.
 */
public final class Fil {
    private Fil() {}

    /** Checksum (new style) or, on very old files, the space id. */
    public static final int PAGE_SPACE_OR_CHKSUM = 0;
    /** Page number within its tablespace. */
    public static final int PAGE_OFFSET = 4;
    public static final int PAGE_PREV = 8;
    public static final int PAGE_NEXT = 12;
    /** LSN of the newest modification written to the page. */
    public static final int PAGE_LSN = 16;
    public static final int PAGE_TYPE = 24;
    /** Flush LSN on page 0 of the system tablespace; MariaDB: key version of encrypted pages. */
    public static final int PAGE_FILE_FLUSH_LSN = 26;
    /** Space id (since 4.1). */
    public static final int PAGE_SPACE_ID = 34;
    /** First byte after the FIL header. */
    public static final int PAGE_DATA = 38;
    /** Trailer length: old-style checksum (4) + low 32 bits of the LSN (4). */
    public static final int PAGE_END_LSN_OLD_CHKSUM = 8;

    /** "No page" in FIL_PAGE_PREV / FIL_PAGE_NEXT and in file addresses. */
    public static final long FIL_NULL = 0xFFFFFFFFL;
}
