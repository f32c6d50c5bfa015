package dev.salvage.carve;

import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fil.Vendor;

/**
 * Page-type questions carve asks at every candidate offset, answered from a table built once
 * (the registry allocates; the scan loop must not).
 */
final class PageTypes {
    private PageTypes() {}

    private static final PageType[] BY_CODE = new PageType[65536];

    /**
     * Types that can head a ROW_FORMAT=COMPRESSED page (fil0fil.h of MySQL 5.7/8.0 and MariaDB):
     * every page of a compressed tablespace is stored at the zip size, so besides INDEX/RTREE/SDI and
     * the compressed BLOB types this includes the file-management pages 0..3 and XDES.
     * INODE 3, IBUF_BITMAP 5, FSP_HDR 8, XDES 9, ZBLOB 11, ZBLOB2 12, SDI_ZBLOB 19,
     * ZLOB_FIRST..ZLOB_FRAG_ENTRY 25..29, SDI 17853, RTREE 17854, INDEX 17855.
     */
    private static final int[] ZIP_CODES = {3, 5, 8, 9, 11, 12, 19, 25, 26, 27, 28, 29, 17853, 17854, 17855};
    private static final boolean[] ZIP_PLAUSIBLE = new boolean[65536];

    static {
        for (int code : ZIP_CODES) {
            ZIP_PLAUSIBLE[code] = true;
        }
    }

    /**
     * The type of the page at {@code b[off]}: like {@link #of(int)}, but code 18 (MySQL SDI_BLOB,
     * MariaDB INSTANT) is settled from the bytes — an INSTANT page is an index root with system records.
     */
    static PageType resolve(byte[] b, int off) {
        int code = PageRecognizer.typeCode(b, off);
        return code == AMBIGUOUS ? PageType.of(code, Vendor.UNKNOWN, b, off) : of(code);
    }

    /** For code 18, the vendor whose meaning {@link #resolve} chose; UNKNOWN for every other code. */
    static Vendor vendorOf(PageType resolved) {
        if (resolved.code() != AMBIGUOUS) {
            return Vendor.UNKNOWN;
        }
        return resolved.category() == PageType.Category.INSTANT ? Vendor.MARIADB : Vendor.MYSQL;
    }

    /** The type for a code and, for code 18, the vendor recorded by {@link #vendorOf}. */
    static PageType of(int code, Vendor vendor) {
        return code == AMBIGUOUS && vendor != Vendor.UNKNOWN ? PageType.of(code, vendor) : of(code);
    }

    private static final int AMBIGUOUS = 18;

    /**
     * The registry's type for this code, preferring the vendor-neutral answer; a code only one
     * vendor defines is still known (a disk image may hold pages of either).
     */
    static PageType of(int code) {
        PageType t = BY_CODE[code];
        if (t == null) {
            t = lookup(code);
            BY_CODE[code] = t; // benign race: PageType is an immutable record
        }
        return t;
    }

    private static PageType lookup(int code) {
        PageType t = PageType.of(code, Vendor.UNKNOWN);
        if (t.isKnown()) {
            return t;
        }
        PageType mysql = PageType.of(code, Vendor.MYSQL);
        if (mysql.isKnown()) {
            return mysql;
        }
        PageType mariadb = PageType.of(code, Vendor.MARIADB);
        return mariadb.isKnown() ? mariadb : t;
    }

    static boolean isPlausibleZipType(int code) {
        return code >= 0 && code < ZIP_PLAUSIBLE.length && ZIP_PLAUSIBLE[code];
    }
}
