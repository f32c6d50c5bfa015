package dev.salvage.carve;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;

/**
 * The structural test carve applies to an uncompressed index page whose checksum matches no
 * algorithm: the system records and the page directory must be where page0page.h puts them.
 * Random bytes pass with a probability far below 2^-100 (two 8-byte strings alone are 2^-128).
 *
 * <p>Offsets (page0page.h, rem0rec.h): the index page header starts at FIL_PAGE_DATA (38) and is
 * 56 bytes; records start at PAGE_DATA = 94. Compact pages (bit 15 of PAGE_N_HEAP set) keep the
 * infimum at 94 + 5 and the supremum at 94 + 13 + 5; redundant pages at 94 + 1 + 6 and 94 + 2 + 12 + 8.
 * The directory grows down from the trailer: slot n is 2 bytes at size − 8 − 2(n+1); slot 0 points
 * at the infimum, the last slot at the supremum, and the slots in between ascend.
 */
final class IndexPageShape {
    private IndexPageShape() {}

    static final int PAGE_HEADER = Fil.PAGE_DATA;
    static final int PAGE_N_DIR_SLOTS = PAGE_HEADER;
    static final int PAGE_HEAP_TOP = PAGE_HEADER + 2;
    static final int PAGE_N_HEAP = PAGE_HEADER + 4;
    static final int PAGE_INDEX_ID = PAGE_HEADER + 28;
    static final int PAGE_DATA = PAGE_HEADER + 56;
    static final int COMPACT_INFIMUM = PAGE_DATA + 5;
    static final int COMPACT_SUPREMUM = PAGE_DATA + 2 * 5 + 8;
    static final int REDUNDANT_INFIMUM = PAGE_DATA + 1 + 6;
    static final int REDUNDANT_SUPREMUM = PAGE_DATA + 2 + 2 * 6 + 8;
    private static final int TRAILER = 8;

    private static final byte[] INFIMUM = {'i', 'n', 'f', 'i', 'm', 'u', 'm', 0};
    private static final byte[] SUPREMUM = {'s', 'u', 'p', 'r', 'e', 'm', 'u', 'm'};

    /** True when the {@code size} bytes at {@code b[off]} look like an uncompressed index page. */
    static boolean isPlausible(byte[] b, int off, int size) {
        if (off < 0 || size < 4096 || off > b.length - size) {
            return false;
        }
        boolean compact = (Mach.read2(b, off + PAGE_N_HEAP) & 0x8000) != 0;
        int infimum = compact ? COMPACT_INFIMUM : REDUNDANT_INFIMUM;
        int supremum = compact ? COMPACT_SUPREMUM : REDUNDANT_SUPREMUM;
        if (!matches(b, off + infimum, INFIMUM) || !matches(b, off + supremum, SUPREMUM)) {
            return false;
        }
        int slots = Mach.read2(b, off + PAGE_N_DIR_SLOTS);
        int heapTop = Mach.read2(b, off + PAGE_HEAP_TOP);
        int dirBottom = size - TRAILER - 2 * slots;
        // An empty page still has two slots (infimum, supremum); the heap may not run into the directory.
        if (slots < 2 || dirBottom < PAGE_DATA || heapTop < supremum + SUPREMUM.length || heapTop > dirBottom) {
            return false;
        }
        if (slot(b, off, size, 0) != infimum || slot(b, off, size, slots - 1) != supremum) {
            return false;
        }
        int previous = infimum;
        for (int n = 1; n < slots - 1; n++) {
            int rec = slot(b, off, size, n);
            if (rec <= previous || rec >= heapTop) {
                return false;
            }
            previous = rec;
        }
        return true;
    }

    private static int slot(byte[] b, int off, int size, int n) {
        return Mach.read2(b, off + size - TRAILER - 2 * (n + 1));
    }

    private static boolean matches(byte[] b, int at, byte[] expected) {
        return java.util.Arrays.equals(b, at, at + expected.length, expected, 0, expected.length);
    }
}
