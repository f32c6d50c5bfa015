package dev.salvage.innodb.rec;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;

/**
 * The page directory (page0page.h): PAGE_N_DIR_SLOTS 2-byte slots growing down from the trailer
 * (PAGE_DIR = FIL_PAGE_DATA_END), slot 0 pointing at the infimum, the last at the supremum, each at the record
 * that owns (via n_owned) the group of records ending with it.
 */
public final class PageDirectory {

    /** PAGE_DIR: slots start this many bytes before the page end. */
    public static final int PAGE_DIR = Fil.PAGE_END_LSN_OLD_CHKSUM;
    public static final int SLOT_SIZE = 2;
    /** PAGE_DIR_SLOT_MAX_N_OWNED. */
    public static final int MAX_OWNED = 8;

    private PageDirectory() {
    }

    /** How many slots can fit at all between the system records and the trailer. */
    public static int maxSlots(int pageSize, RecordFormat format) {
        return Math.max(0, (pageSize - PAGE_DIR - format.heapStart()) / SLOT_SIZE);
    }

    /** True when {@code nSlots} slots fit in the page. */
    public static boolean plausibleSlotCount(int nSlots, int pageSize, RecordFormat format) {
        return nSlots >= 2 && nSlots <= maxSlots(pageSize, format);
    }

    /** Page offset of slot {@code i}'s two bytes. */
    public static int slotPosition(int pageSize, int i) {
        return pageSize - PAGE_DIR - SLOT_SIZE * (i + 1);
    }

    /** The record origin slot {@code i} points at; the caller checks {@code i} against a plausible slot count. */
    public static int slot(byte[] page, int pageSize, int i) {
        return Mach.read2(page, slotPosition(pageSize, i));
    }

    /** First page offset taken by the directory: the end of the record heap. */
    public static int start(int pageSize, int nSlots) {
        return pageSize - PAGE_DIR - SLOT_SIZE * nSlots;
    }
}
