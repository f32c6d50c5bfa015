package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.Vendor;

/**
 * FSP_SPACE_FLAGS of page 0 decoded for every layout: MySQL 5.6/5.7/8.0, MariaDB 10.1+ and
 * MariaDB's full_crc32 (fsp0types.h, fsp0fsp.h in both servers).
 *
 * <pre>
 * bit    MySQL 5.6-8.0      MariaDB 10.1.21+     MariaDB 10.1.0-10.1.20   MariaDB full_crc32
 * 0      POST_ANTELOPE      POST_ANTELOPE        POST_ANTELOPE            PAGE_SSIZE 0..3
 * 1-4    ZIP_SSIZE          ZIP_SSIZE            ZIP_SSIZE                  "   ; bit 4 = MARKER
 * 5      ATOMIC_BLOBS       ATOMIC_BLOBS         ATOMIC_BLOBS             COMPRESSED_ALGO 5..7
 * 6-9    PAGE_SSIZE         PAGE_SSIZE           6 COMPRESSION, 7-10 LEVEL
 * 10     DATA_DIR           (ignored DATA_DIR)
 * 11     SHARED             reserved             11-12 ATOMIC_WRITES
 * 12     TEMPORARY          reserved
 * 13     ENCRYPTION         reserved             13-16 PAGE_SSIZE
 * 14     SDI (8.0)          reserved
 * 16     -                  PAGE_COMPRESSION
 * 17     -                  -                    DATA_DIR
 * </pre>
 * ZIP_SSIZE's top bit (bit 4) is never set by the non-full_crc32 layouts (the largest value is
 * 5 = 16 KiB), which is why MariaDB could use it as the full_crc32 marker.
 *
 * @param raw            the 32-bit value as stored
 * @param valid          false when no known layout explains the bits ({@code problem} says why)
 * @param vendor         which family the bits point to, UNKNOWN when both write them
 * @param pageSize       logical and physical page size; null when not valid
 * @param fullCrc32      MariaDB full_crc32 format
 * @param pageCompressed MariaDB page_compressed tablespace
 * @param compressionAlgorithm MariaDB full_crc32 compression algorithm number (0 = none)
 * @param atomicBlobs    DYNAMIC/COMPRESSED capable
 * @param sdi            MySQL 8.0 tablespace holding SDI
 * @param encrypted      MySQL encryption flag
 * @param problem        reason when not valid, else null
 */
public record FspFlags(int raw, boolean valid, Vendor vendor, PageSize pageSize, boolean fullCrc32,
                       boolean pageCompressed, int compressionAlgorithm, boolean atomicBlobs,
                       boolean sdi, boolean encrypted, String problem) {

    public static final int POST_ANTELOPE = 1;
    public static final int ZIP_SSIZE_SHIFT = 1;
    public static final int ATOMIC_BLOBS = 1 << 5;
    public static final int PAGE_SSIZE_SHIFT = 6;
    public static final int DATA_DIR = 1 << 10;
    public static final int SHARED = 1 << 11;
    public static final int TEMPORARY = 1 << 12;
    public static final int ENCRYPTION = 1 << 13;
    public static final int SDI = 1 << 14;
    public static final int MARIADB_PAGE_COMPRESSION = 1 << 16;

    public static final int FCRC32_MARKER = 1 << 4;
    public static final int FCRC32_ALGORITHM_SHIFT = 5;
    /** PAGE_ALGORITHM_LAST: zlib 1, lz4 2, lzo 3, lzma 4, bzip2 5, snappy 6. */
    public static final int MAX_COMPRESSION_ALGORITHM = 6;

    private static final int MYSQL_ONLY = SHARED | TEMPORARY | ENCRYPTION | SDI;
    private static final int KNOWN_BITS = 0x1FFFF & ~(1 << 15);

    /** Decodes the flags; never throws. */
    public static FspFlags decode(int raw) {
        if ((raw & FCRC32_MARKER) != 0) {
            return decodeFullCrc32(raw);
        }
        FspFlags current = decodeCurrent(raw);
        if (current.valid) {
            return current;
        }
        FspFlags old = decodeMariaDb101(raw);
        return old != null ? old : current;
    }

    /** True when the flags are only explained by the buggy MariaDB 10.1.0–10.1.20 layout. */
    public boolean isMariaDb101Layout() {
        return valid && !fullCrc32 && !decodeCurrent(raw).valid;
    }

    /** The name of MariaDB's page_compressed algorithm number (fsp0types.h), or "none". */
    public static String compressionAlgorithmName(int algorithm) {
        return switch (algorithm) {
            case 0 -> "none";
            case 1 -> "zlib";
            case 2 -> "lz4";
            case 3 -> "lzo";
            case 4 -> "lzma";
            case 5 -> "bzip2";
            case 6 -> "snappy";
            default -> "unknown(" + algorithm + ")";
        };
    }

    private static FspFlags decodeFullCrc32(int raw) {
        int ssize = raw & 0xF;
        int algorithm = (raw >>> FCRC32_ALGORITHM_SHIFT) & 0x7;
        String problem = null;
        if (ssize < 3 || ssize > 7) {
            problem = "full_crc32 page size code " + ssize + " is not 3..7 (4K..64K)";
        } else if ((raw >>> FCRC32_ALGORITHM_SHIFT) > MAX_COMPRESSION_ALGORITHM) {
            problem = (raw >>> 8) != 0 ? "full_crc32 flags have bits above bit 7 set"
                    : "full_crc32 compression algorithm " + algorithm + " is not 0..6";
        }
        if (problem != null) {
            return invalid(raw, Vendor.MARIADB, problem);
        }
        return new FspFlags(raw, true, Vendor.MARIADB, PageSize.of(512 << ssize), true, algorithm != 0,
                algorithm, true, false, false, null);
    }

    /** MySQL 5.6+/MariaDB 10.1.21+ layout (MariaDB's fil_space_t::is_valid_flags, plus MySQL's bits). */
    private static FspFlags decodeCurrent(int raw) {
        if (raw == 0) {
            return new FspFlags(0, true, Vendor.UNKNOWN, PageSize.of(PageSize.DEFAULT_LOGICAL), false, false, 0,
                    false, false, false, null);
        }
        if ((raw & ~KNOWN_BITS) != 0) {
            return invalid(raw, Vendor.UNKNOWN, String.format("unknown bits set: 0x%X", raw & ~KNOWN_BITS));
        }
        boolean mariaOnly = (raw & MARIADB_PAGE_COMPRESSION) != 0;
        boolean mysqlOnly = (raw & MYSQL_ONLY) != 0;
        if (mariaOnly && mysqlOnly) {
            return invalid(raw, Vendor.UNKNOWN, "MariaDB PAGE_COMPRESSION together with MySQL-only bits 11..14");
        }
        Vendor vendor = mariaOnly ? Vendor.MARIADB : mysqlOnly ? Vendor.MYSQL : Vendor.UNKNOWN;
        boolean postAntelope = (raw & POST_ANTELOPE) != 0;
        boolean atomicBlobs = (raw & ATOMIC_BLOBS) != 0;
        if (atomicBlobs && !postAntelope) {
            return invalid(raw, vendor, "ATOMIC_BLOBS without POST_ANTELOPE");
        }
        int ssize = (raw >>> PAGE_SSIZE_SHIFT) & 0xF;
        if (ssize == 1 || ssize == 2 || ssize == 5 || ssize > 7) {
            return invalid(raw, vendor, "page size code " + ssize + " is not 0 (16K), 3, 4, 6 or 7");
        }
        int logical = ssize == 0 ? PageSize.DEFAULT_LOGICAL : 512 << ssize;
        int zssize = (raw >>> ZIP_SSIZE_SHIFT) & 0xF;
        int physical = logical;
        if (zssize != 0) {
            if (zssize > Math.min(ssize == 0 ? 5 : ssize, 5)) {
                return invalid(raw, vendor, "compressed page size code " + zssize + " too large for "
                        + (logical / 1024) + "K pages");
            }
            if (!postAntelope || !atomicBlobs) {
                return invalid(raw, vendor, "ROW_FORMAT=COMPRESSED without POST_ANTELOPE and ATOMIC_BLOBS");
            }
            physical = 512 << zssize;
        }
        return new FspFlags(raw, true, vendor, (zssize != 0 ? PageSize.zip(logical, physical) : PageSize.of(logical)), false, mariaOnly, 0, atomicBlobs,
                (raw & SDI) != 0, (raw & ENCRYPTION) != 0, null);
    }

    /**
     * The layout MariaDB 10.1.0–10.1.20 wrote (fsp_flags_convert_from_101): COMPRESSION at bit 6,
     * its level in bits 7..10, ATOMIC_WRITES in 11..12, PAGE_SSIZE in 13..16, DATA_DIR at 17.
     * Returns null when the bits do not fit that layout either.
     */
    private static FspFlags decodeMariaDb101(int raw) {
        if ((raw >>> 18) != 0) {
            return null;
        }
        if ((raw & (POST_ANTELOPE | ATOMIC_BLOBS)) == ATOMIC_BLOBS) {
            return null;
        }
        boolean compression = (raw & (1 << 6)) != 0;
        int level = (raw >>> 7) & 0xF;
        if (compression != (level != 0) || level > 9) {
            return null;
        }
        if (((raw >>> 11) & 3) == 3) {
            return null;
        }
        int ssize = (raw >>> 13) & 0xF;
        if (ssize == 1 || ssize == 2 || ssize == 5 || ssize > 7) {
            return null;
        }
        int logical = ssize == 0 ? PageSize.DEFAULT_LOGICAL : 512 << ssize;
        int zssize = (raw >>> ZIP_SSIZE_SHIFT) & 0xF;
        int physical = logical;
        if (zssize != 0) {
            if (zssize > Math.min(ssize == 0 ? 5 : ssize, 5) || (~raw & (POST_ANTELOPE | ATOMIC_BLOBS)) != 0) {
                return null;
            }
            physical = 512 << zssize;
        }
        return new FspFlags(raw, true, Vendor.MARIADB, (zssize != 0 ? PageSize.zip(logical, physical) : PageSize.of(logical)), false, compression, 0,
                (raw & ATOMIC_BLOBS) != 0, false, false, null);
    }

    private static FspFlags invalid(int raw, Vendor vendor, String problem) {
        return new FspFlags(raw, false, vendor, null, false, false, 0, false, false, false, problem);
    }
}
