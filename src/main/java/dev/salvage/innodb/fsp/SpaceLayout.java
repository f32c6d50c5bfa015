package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.PageSize;

/**
 * What salvage knows about a tablespace before reading its pages: page size, checksum layout and
 * identity, and how that was established.
 *
 * @param pageSize  logical and physical page size in use
 * @param flags     page 0's FSP flags, or null when page 0 could not be trusted
 * @param spaceId   page 0's space id, or -1 when unknown
 * @param fullCrc32 MariaDB full_crc32 page layout
 * @param source    how the page size was established
 * @param note      a sentence for the report when the size was inferred or overridden, else null
 */
public record SpaceLayout(PageSize pageSize, FspFlags flags, long spaceId, boolean fullCrc32,
                          Source source, String note) {

    public enum Source {
        /** From the FSP flags of a sound page 0. */
        PAGE0_FLAGS,
        /** Page 0 was damaged: inferred from the page numbers and checksums of other pages. */
        INFERRED,
        /** Given on the command line. */
        OVERRIDE
    }
}
