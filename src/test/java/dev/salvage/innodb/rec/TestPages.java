package dev.salvage.innodb.rec;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;

import java.nio.charset.StandardCharsets;

/** Handcrafted index pages for unit tests: header, system records, directory, and helpers to place records. */
final class TestPages {
    static final int SIZE = 16384;
    static final int H = IndexPageHeader.PAGE_HEADER;

    private TestPages() {
    }

    /** An empty COMPACT or REDUNDANT leaf page: infimum → supremum, two directory slots. */
    static byte[] empty(RecordFormat format) {
        byte[] p = new byte[SIZE];
        put2(p, Fil.PAGE_TYPE, PageType.INDEX);
        put4(p, Fil.PAGE_PREV, Fil.FIL_NULL);
        put4(p, Fil.PAGE_NEXT, Fil.FIL_NULL);
        put2(p, H + IndexPageHeader.N_DIR_SLOTS, 2);
        put2(p, H + IndexPageHeader.HEAP_TOP, format.heapStart());
        put2(p, H + IndexPageHeader.N_HEAP, 2 | (format == RecordFormat.COMPACT ? 0x8000 : 0));
        put2(p, H + IndexPageHeader.DIRECTION, 5);
        p[H + IndexPageHeader.INDEX_ID + 7] = 1;
        int inf = format.infimum();
        int sup = format.supremum();
        if (format == RecordFormat.COMPACT) {
            p[inf - 5] = 0x01;
            put2(p, inf - 4, 2); // heap 0, status INFIMUM
            p[sup - 5] = 0x01;
            put2(p, sup - 4, 1 << 3 | 3);
        } else {
            p[inf - 6] = 0x01;
            put3(p, inf - 5, 0 << 11 | 1 << 1 | 1); // heap 0, 1 field, 1-byte offsets
            p[inf - 7] = 8;
            p[sup - 6] = 0x01;
            put3(p, sup - 5, 1 << 11 | 1 << 1 | 1);
            p[sup - 7] = 9;
        }
        System.arraycopy("infimum\0".getBytes(StandardCharsets.US_ASCII), 0, p, inf, 8);
        System.arraycopy((format == RecordFormat.COMPACT ? "supremum" : "supremum\0").getBytes(StandardCharsets.US_ASCII),
                0, p, sup, format == RecordFormat.COMPACT ? 8 : 9);
        link(p, format, inf, sup);
        put2(p, PageDirectory.slotPosition(SIZE, 0), inf);
        put2(p, PageDirectory.slotPosition(SIZE, 1), sup);
        return p;
    }

    /** Writes a COMPACT header at {@code origin} (next pointer left 0). */
    static void compactHeader(byte[] p, int origin, int infoBits, int nOwned, int heapNo, int status) {
        p[origin - 5] = (byte) (infoBits << 4 | nOwned);
        put2(p, origin - 4, heapNo << 3 | status);
    }

    /** Writes a REDUNDANT header with 1-byte offsets at {@code origin}, then the end offsets. */
    static void redundantHeader(byte[] p, int origin, int infoBits, int nOwned, int heapNo, int[] ends, boolean oneByte) {
        p[origin - 6] = (byte) (infoBits << 4 | nOwned);
        put3(p, origin - 5, heapNo << 11 | ends.length << 1 | (oneByte ? 1 : 0));
        for (int i = 0; i < ends.length; i++) {
            if (oneByte) {
                p[origin - 6 - (i + 1)] = (byte) ends[i];
            } else {
                put2(p, origin - 6 - 2 * (i + 1), ends[i]);
            }
        }
    }

    static void link(byte[] p, RecordFormat format, int from, int to) {
        if (format == RecordFormat.COMPACT) {
            put2(p, from - 2, to == 0 ? 0 : (to - from) & 0xFFFF);
        } else {
            put2(p, from - 2, to);
        }
    }

    static void setHeader(byte[] p, int field, int value) {
        put2(p, H + field, value | (field == IndexPageHeader.N_HEAP ? (p[H + field] & 0x80) << 8 : 0));
    }

    static void put2(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    static void put3(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 16);
        p[at + 1] = (byte) (v >>> 8);
        p[at + 2] = (byte) v;
    }

    static void put4(byte[] p, int at, long v) {
        put2(p, at, (int) (v >>> 16) & 0xFFFF);
        put2(p, at + 2, (int) v & 0xFFFF);
    }
}
