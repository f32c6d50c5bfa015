package dev.salvage.innodb.fil;

import dev.salvage.innodb.page.IndexPageHeader;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One FIL_PAGE_TYPE value with its name and the family it belongs to. Obtain instances from
 * {@link #of(int, Vendor)}: the registry of every type MySQL 5.5–8.0 and MariaDB 10.x write,
 * with an "unknown" fallback that keeps the number (an unfamiliar page never stops a run).
 *
 * <p>Numbers from fil0fil.h: 0–13 are shared; 14–17 and 19–29 and 17853 are MySQL 5.7/8.0 only;
 * 18 is SDI_BLOB in MySQL 8.0 but INSTANT (clustered index root after instant ADD COLUMN) in
 * MariaDB 10.3+; 34354 and 37401 are MariaDB page_compressed without full_crc32; with full_crc32,
 * MariaDB marks page_compressed pages by bit 15 and keeps the stored length / 256 in bits 0..14
 * (always below 256, as a compressed page is shorter than 64 KiB).
 */
public record PageType(int code, String name, Category category) {

    public enum Category {
        ALLOCATED, INDEX, RTREE, SDI, UNDO, INODE, IBUF, SYS, TRX_SYS, FSP_HDR, XDES,
        BLOB, ZBLOB, LOB, ZLOB, SDI_BLOB, RSEG_ARRAY, DOUBLEWRITE, COMPRESSED, ENCRYPTED, INSTANT, UNKNOWN
    }

    public static final int ALLOCATED = 0;
    public static final int UNDO_LOG = 2;
    public static final int INODE = 3;
    public static final int IBUF_FREE_LIST = 4;
    public static final int IBUF_BITMAP = 5;
    public static final int SYS = 6;
    public static final int TRX_SYS = 7;
    public static final int FSP_HDR = 8;
    public static final int XDES = 9;
    public static final int BLOB = 10;
    public static final int ZBLOB = 11;
    public static final int ZBLOB2 = 12;
    /** FIL_PAGE_TYPE_UNKNOWN: what servers write over garbage types of old tablespaces. */
    public static final int TYPE_UNKNOWN = 13;
    public static final int COMPRESSED = 14;
    public static final int ENCRYPTED = 15;
    public static final int COMPRESSED_AND_ENCRYPTED = 16;
    public static final int ENCRYPTED_RTREE = 17;
    /** MySQL: FIL_PAGE_SDI_BLOB; MariaDB: FIL_PAGE_TYPE_INSTANT. */
    public static final int SDI_BLOB_OR_INSTANT = 18;
    public static final int SDI_ZBLOB = 19;
    public static final int LEGACY_DBLWR = 20;
    public static final int RSEG_ARRAY = 21;
    public static final int LOB_INDEX = 22;
    public static final int LOB_DATA = 23;
    public static final int LOB_FIRST = 24;
    public static final int ZLOB_FIRST = 25;
    public static final int ZLOB_DATA = 26;
    public static final int ZLOB_INDEX = 27;
    public static final int ZLOB_FRAG = 28;
    public static final int ZLOB_FRAG_ENTRY = 29;
    public static final int SDI = 17853;
    public static final int RTREE = 17854;
    public static final int INDEX = 17855;
    public static final int PAGE_COMPRESSED = 34354;
    public static final int PAGE_COMPRESSED_ENCRYPTED = 37401;
    /** FIL_PAGE_COMPRESS_FCRC32_MARKER as a mask. */
    public static final int FCRC32_COMPRESSED_MARKER = 1 << 15;

    private static final Map<Integer, PageType> COMMON = new HashMap<>();
    private static final Map<Integer, PageType> MYSQL_ONLY = new HashMap<>();
    private static final Map<Integer, PageType> MARIADB_ONLY = new HashMap<>();
    private static final PageType AMBIGUOUS_18 = new PageType(SDI_BLOB_OR_INSTANT, "SDI_BLOB_OR_INSTANT", Category.UNKNOWN);
    private static final PageType[] FCRC32_COMPRESSED = new PageType[256];
    private static final Map<Integer, PageType> UNKNOWN_CODES = new ConcurrentHashMap<>();

    static {
        put(COMMON, ALLOCATED, "ALLOCATED", Category.ALLOCATED);
        put(COMMON, UNDO_LOG, "UNDO_LOG", Category.UNDO);
        put(COMMON, INODE, "INODE", Category.INODE);
        put(COMMON, IBUF_FREE_LIST, "IBUF_FREE_LIST", Category.IBUF);
        put(COMMON, IBUF_BITMAP, "IBUF_BITMAP", Category.IBUF);
        put(COMMON, SYS, "SYS", Category.SYS);
        put(COMMON, TRX_SYS, "TRX_SYS", Category.TRX_SYS);
        put(COMMON, FSP_HDR, "FSP_HDR", Category.FSP_HDR);
        put(COMMON, XDES, "XDES", Category.XDES);
        put(COMMON, BLOB, "BLOB", Category.BLOB);
        put(COMMON, ZBLOB, "ZBLOB", Category.ZBLOB);
        put(COMMON, ZBLOB2, "ZBLOB2", Category.ZBLOB);
        // A registered number whose meaning is "the type was garbage": known code, unknown content.
        put(COMMON, TYPE_UNKNOWN, "TYPE_UNKNOWN", Category.UNKNOWN);
        put(COMMON, RTREE, "RTREE", Category.RTREE);
        put(COMMON, INDEX, "INDEX", Category.INDEX);

        put(MYSQL_ONLY, COMPRESSED, "COMPRESSED", Category.COMPRESSED);
        put(MYSQL_ONLY, ENCRYPTED, "ENCRYPTED", Category.ENCRYPTED);
        put(MYSQL_ONLY, COMPRESSED_AND_ENCRYPTED, "COMPRESSED_AND_ENCRYPTED", Category.ENCRYPTED);
        put(MYSQL_ONLY, ENCRYPTED_RTREE, "ENCRYPTED_RTREE", Category.ENCRYPTED);
        put(MYSQL_ONLY, SDI_BLOB_OR_INSTANT, "SDI_BLOB", Category.SDI_BLOB);
        put(MYSQL_ONLY, SDI_ZBLOB, "SDI_ZBLOB", Category.SDI_BLOB);
        put(MYSQL_ONLY, LEGACY_DBLWR, "LEGACY_DBLWR", Category.DOUBLEWRITE);
        put(MYSQL_ONLY, RSEG_ARRAY, "RSEG_ARRAY", Category.RSEG_ARRAY);
        put(MYSQL_ONLY, LOB_INDEX, "LOB_INDEX", Category.LOB);
        put(MYSQL_ONLY, LOB_DATA, "LOB_DATA", Category.LOB);
        put(MYSQL_ONLY, LOB_FIRST, "LOB_FIRST", Category.LOB);
        put(MYSQL_ONLY, ZLOB_FIRST, "ZLOB_FIRST", Category.ZLOB);
        put(MYSQL_ONLY, ZLOB_DATA, "ZLOB_DATA", Category.ZLOB);
        put(MYSQL_ONLY, ZLOB_INDEX, "ZLOB_INDEX", Category.ZLOB);
        put(MYSQL_ONLY, ZLOB_FRAG, "ZLOB_FRAG", Category.ZLOB);
        put(MYSQL_ONLY, ZLOB_FRAG_ENTRY, "ZLOB_FRAG_ENTRY", Category.ZLOB);
        put(MYSQL_ONLY, SDI, "SDI", Category.SDI);

        put(MARIADB_ONLY, SDI_BLOB_OR_INSTANT, "INSTANT", Category.INSTANT);
        put(MARIADB_ONLY, PAGE_COMPRESSED, "PAGE_COMPRESSED", Category.COMPRESSED);
        put(MARIADB_ONLY, PAGE_COMPRESSED_ENCRYPTED, "PAGE_COMPRESSED_ENCRYPTED", Category.ENCRYPTED);
        for (int units = 1; units < FCRC32_COMPRESSED.length; units++) {
            FCRC32_COMPRESSED[units] = new PageType(FCRC32_COMPRESSED_MARKER | units,
                    "PAGE_COMPRESSED_FCRC32(" + (units << 8) + ")", Category.COMPRESSED);
        }
    }

    private static void put(Map<Integer, PageType> map, int code, String name, Category category) {
        map.put(code, new PageType(code, name, category));
    }

    /** Looks the code up for this vendor; codes the vendor does not define become UNKNOWN types named "UNKNOWN(n)". */
    public static PageType of(int code, Vendor vendor) {
        Vendor v = vendor == null ? Vendor.UNKNOWN : vendor;
        PageType common = COMMON.get(code);
        if (common != null) {
            return common;
        }
        if (v != Vendor.MYSQL && (code & ~0x80FF) == 0 && (code & 0xFF) != 0 && (code & FCRC32_COMPRESSED_MARKER) != 0) {
            return FCRC32_COMPRESSED[code & 0xFF];
        }
        PageType found = switch (v) {
            case MYSQL -> MYSQL_ONLY.get(code);
            case MARIADB -> MARIADB_ONLY.get(code);
            case UNKNOWN -> code == SDI_BLOB_OR_INSTANT ? AMBIGUOUS_18
                    : MYSQL_ONLY.getOrDefault(code, MARIADB_ONLY.get(code));
        };
        return found != null ? found : unknown(code);
    }

    /**
     * Like {@link #of} but settles code 18 from the page bytes when the vendor is not known: a
     * MariaDB INSTANT page is an index root and has the infimum/supremum records of an index page,
     * a MySQL SDI_BLOB page has blob data there.
     */
    public static PageType of(int code, Vendor vendor, byte[] page, int off) {
        if (code == SDI_BLOB_OR_INSTANT && (vendor == null || vendor == Vendor.UNKNOWN)) {
            return resolve18(page, off);
        }
        return of(code, vendor);
    }

    private static PageType resolve18(byte[] page, int off) {
        if (page == null || off < 0 || off > page.length - IndexPageHeader.MIN_BYTES) {
            return AMBIGUOUS_18;
        }
        return IndexPageHeader.hasSystemRecords(page, off)
                ? MARIADB_ONLY.get(SDI_BLOB_OR_INSTANT) : MYSQL_ONLY.get(SDI_BLOB_OR_INSTANT);
    }

    /** The type of the page starting at {@code page[off]}, read from FIL_PAGE_TYPE; unknown when too short. */
    public static PageType ofPage(byte[] page, int off, Vendor vendor) {
        if (page == null || off < 0 || off > page.length - Fil.PAGE_DATA) {
            return unknown(-1);
        }
        return of(Mach.read2(page, off + Fil.PAGE_TYPE), vendor, page, off);
    }

    private static PageType unknown(int code) {
        return UNKNOWN_CODES.computeIfAbsent(code, c -> new PageType(c, "UNKNOWN(" + c + ")", Category.UNKNOWN));
    }

    /** For a full_crc32 page_compressed type: the stored length in bytes; 0 for every other type. */
    public int fullCrc32CompressedLength() {
        return (code & FCRC32_COMPRESSED_MARKER) != 0 && (code & ~0x80FF) == 0 ? (code & 0xFF) << 8 : 0;
    }

    /** True for pages that carry an index page header (PAGE_LEVEL, PAGE_INDEX_ID): INDEX, RTREE, SDI, MariaDB INSTANT. */
    public boolean hasIndexHeader() {
        return category == Category.INDEX || category == Category.RTREE || category == Category.SDI
                || category == Category.INSTANT;
    }

    public boolean isKnown() {
        return category != Category.UNKNOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
