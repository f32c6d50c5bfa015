package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;

/**
 * The first fields of the file space header on page 0 (fsp0fsp.h, FSP_HEADER_OFFSET =
 * FIL_PAGE_DATA): space id, size in pages, free limit and the space flags. The lists that
 * follow belong to the XDES/INODE views.
 *
 * @param spaceId   FSP_SPACE_ID (unsigned 32 bits)
 * @param sizePages FSP_SIZE: the tablespace size in pages as the server last extended it
 * @param freeLimit FSP_FREE_LIMIT: first page not yet initialised into an extent
 * @param fragNUsed FSP_FRAG_N_USED: used pages in the FSP_FREE_FRAG list
 * @param flags     FSP_SPACE_FLAGS decoded
 */
public record FspHeader(long spaceId, long sizePages, long freeLimit, long fragNUsed, FspFlags flags) {

    public static final int OFFSET = Fil.PAGE_DATA;
    public static final int SPACE_ID = 0;
    public static final int NOT_USED = 4;
    public static final int SIZE = 8;
    public static final int FREE_LIMIT = 12;
    public static final int SPACE_FLAGS = 16;
    public static final int FRAG_N_USED = 20;
    /** Bytes this view reads, from the start of the page. */
    public static final int MIN_BYTES = OFFSET + FRAG_N_USED + 4;

    /** Reads the header of the page starting at {@code page[off]}; null when fewer than {@link #MIN_BYTES} bytes are there. */
    public static FspHeader read(byte[] page, int off) {
        if (page == null || off < 0 || off > page.length - MIN_BYTES) {
            return null;
        }
        int base = off + OFFSET;
        return new FspHeader(Mach.read4(page, base + SPACE_ID), Mach.read4(page, base + SIZE),
                Mach.read4(page, base + FREE_LIMIT), Mach.read4(page, base + FRAG_N_USED),
                FspFlags.decode(Mach.readInt(page, base + SPACE_FLAGS)));
    }

    /** The raw FSP_SPACE_FLAGS value. */
    public int rawFlags() {
        return flags.raw();
    }
}
