package dev.salvage.innodb.fil;

import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32C;

/**
 * Page checksum computation and verification for every algorithm InnoDB writes
 * (buf0checksum.cc, page0zip.cc page_zip_calc_checksum, MariaDB buf_page_is_corrupted).
 * Stateless and thread-safe.
 *
 * <p>What is stored where (all big-endian):
 * <ul>
 * <li>crc32: CRC-32C of [FIL_PAGE_OFFSET, FIL_PAGE_FILE_FLUSH_LSN) XOR CRC-32C of
 *     [FIL_PAGE_DATA, size-8), written to both the header field (offset 0) and the trailer
 *     field (size-8). The flush-LSN/key-version field and the trailer stay outside, because
 *     they are written outside the buffer pool.</li>
 * <li>innodb: header field = "new" fold checksum over the same two ranges; trailer field =
 *     "old" fold checksum over [0, FIL_PAGE_FILE_FLUSH_LSN), i.e. including the new checksum.</li>
 * <li>none: 0xDEADBEEF in both fields.</li>
 * <li>full_crc32 (MariaDB 10.5+): the last 4 bytes hold CRC-32C of everything before them; a
 *     page_compressed page is shorter (its length is in FIL_PAGE_TYPE) and ends with its own
 *     checksum; an encrypted page is checksummed as stored (after encryption).</li>
 * <li>ROW_FORMAT=COMPRESSED: the header field holds CRC-32C (three ranges XORed) or an Adler-32
 *     of [4,16)+[24,26)+[34,size), or 0xDEADBEEF; there is no trailer.</li>
 * </ul>
 */
public final class PageChecksum {
    private PageChecksum() {}

    /** BUF_NO_CHECKSUM_MAGIC: what innodb_checksum_algorithm=none writes. */
    public static final int NO_CHECKSUM_MAGIC = 0xDEADBEEF;

    /** Page types whose checksum rules differ (fil0fil.h in each server). */
    private static final int MYSQL_COMPRESSED = 14;
    private static final int MYSQL_ENCRYPTED = 15;
    private static final int MYSQL_COMPRESSED_AND_ENCRYPTED = 16;
    private static final int MARIADB_PAGE_COMPRESSED = 34354;
    private static final int MARIADB_PAGE_COMPRESSED_ENCRYPTED = 37401;

    /** Bit 15 of FIL_PAGE_TYPE marks a full_crc32 page_compressed page (FIL_PAGE_COMPRESS_FCRC32_MARKER). */
    private static final int FCRC32_COMPRESSED_MARKER = 1 << 15;

    /** Non-full_crc32 encrypted pages keep their post-encryption checksum right after the key version. */
    private static final int CRYPT_CHECKSUM = Fil.PAGE_FILE_FLUSH_LSN + 4;

    private static final ChecksumAlgorithm[] DEFAULT_ORDER = {
        ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.INNODB, ChecksumAlgorithm.NONE,
        ChecksumAlgorithm.CRC32C_LEGACY_BIG_ENDIAN, ChecksumAlgorithm.FULL_CRC32,
        ChecksumAlgorithm.MARIADB_ENCRYPTED, ChecksumAlgorithm.UNCHECKSUMMED
    };

    private static final ChecksumAlgorithm[] ZIP_ORDER = {
        ChecksumAlgorithm.ZIP_CRC32C, ChecksumAlgorithm.ZIP_INNODB, ChecksumAlgorithm.ZIP_NONE,
        ChecksumAlgorithm.MARIADB_ENCRYPTED
    };

    private static final ChecksumAlgorithm[] FULL_CRC32_FIRST = {
        ChecksumAlgorithm.FULL_CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.INNODB,
        ChecksumAlgorithm.NONE, ChecksumAlgorithm.CRC32C_LEGACY_BIG_ENDIAN,
        ChecksumAlgorithm.MARIADB_ENCRYPTED, ChecksumAlgorithm.UNCHECKSUMMED
    };

    /**
     * Verifies the page of {@code size.physical()} bytes starting at {@code page[off]}.
     * Compressed ({@code size.isCompressed()}) pages are checked with the zip variants;
     * {@code fullCrc32} selects MariaDB's full_crc32 layout. {@code preferred}, when not null,
     * is tried first (the algorithm that matched the previous page: the common case costs one pass).
     * An all-zero page is reported invalid here; callers report it as all-zero.
     *
     * <p>The flags only decide the order of the attempts: when page 0 was damaged and the caller
     * guessed the layout wrong, the page is still recognised, and the verdict's algorithm shows
     * which layout it really has. This checks checksums only; the LSN comparison of header and
     * trailer is {@code FilHeader.isTorn}.
     */
    public static ChecksumVerdict verify(byte[] page, int off, PageSize size, boolean fullCrc32,
                                         ChecksumAlgorithm preferred) {
        if (page == null || size == null || off < 0 || off > page.length - size.physical()) {
            return ChecksumVerdict.INVALID;
        }
        // An all-zero page would "match" the innodb rules (0 is allowed in the header and is the
        // LSN's high half) and the zip Adler rule. The test stops at the first non-zero byte,
        // which on a live page is within the first few bytes.
        if (Mach.isZero(page, off, size.physical())) {
            return ChecksumVerdict.INVALID;
        }
        ChecksumAlgorithm[] order = size.isCompressed() ? ZIP_ORDER : fullCrc32 ? FULL_CRC32_FIRST : DEFAULT_ORDER;
        if (preferred != null && matches(page, off, size, preferred)) {
            return ChecksumVerdict.valid(preferred);
        }
        for (ChecksumAlgorithm algorithm : order) {
            if (algorithm != preferred && matches(page, off, size, algorithm)) {
                return ChecksumVerdict.valid(algorithm);
            }
        }
        return ChecksumVerdict.INVALID;
    }

    /**
     * True when {@code algorithm} explains the stored checksum(s) of this page. Never throws;
     * false for out-of-range input and for algorithms that do not apply to the page size
     * (zip variants on uncompressed pages and the other way round).
     */
    public static boolean matches(byte[] page, int off, PageSize size, ChecksumAlgorithm algorithm) {
        if (page == null || size == null || algorithm == null || off < 0 || off > page.length - size.physical()) {
            return false;
        }
        int n = size.physical();
        if (size.isCompressed()) {
            int stored = Mach.readInt(page, off);
            return switch (algorithm) {
                case ZIP_CRC32C -> stored == zipCrc32c(page, off, n);
                case ZIP_INNODB -> stored == zipAdler32(page, off, n);
                case ZIP_NONE -> stored == NO_CHECKSUM_MAGIC;
                case MARIADB_ENCRYPTED -> encryptedMatches(page, off, size);
                default -> false;
            };
        }
        int field1 = Mach.readInt(page, off);
        int field2 = Mach.readInt(page, off + n - Fil.PAGE_END_LSN_OLD_CHKSUM);
        return switch (algorithm) {
            case CRC32C -> field1 == field2 && field1 == crc32c(page, off, n);
            case CRC32C_LEGACY_BIG_ENDIAN -> field1 == field2 && field1 == crc32cLegacyBigEndian(page, off, n);
            case NONE -> field1 == NO_CHECKSUM_MAGIC && field2 == NO_CHECKSUM_MAGIC;
            case INNODB -> innodbMatches(page, off, n, field1, field2);
            case FULL_CRC32 -> fullCrc32Matches(page, off, n);
            case MARIADB_ENCRYPTED -> encryptedMatches(page, off, size);
            case UNCHECKSUMMED -> uncheckedPlausible(page, off, n);
            default -> false;
        };
    }

    /**
     * The common case of {@link #matches} checked where the page lies, without copying it: true when
     * {@code algorithm} is {@link ChecksumAlgorithm#CRC32C} or {@link ChecksumAlgorithm#FULL_CRC32} and
     * explains the stored checksum of the uncompressed page at {@code page[off]} (absolute indexes;
     * the buffer's position and limit are restored). False means "not shown here" — another algorithm,
     * a compressed page size, or a mismatch — and the caller falls back to {@link #verify} on the bytes.
     * Agrees with {@link #matches} wherever it returns true; on a direct buffer the CRC runs in place.
     */
    public static boolean matchesInPlace(ByteBuffer page, int off, PageSize size, ChecksumAlgorithm algorithm) {
        if (page == null || size == null || size.isCompressed() || page.order() != java.nio.ByteOrder.BIG_ENDIAN
                || off < 0 || off > page.capacity() - size.physical()) {
            return false;
        }
        int n = size.physical();
        int position = page.position();
        int limit = page.limit();
        try {
            page.limit(page.capacity());
            if (algorithm == ChecksumAlgorithm.CRC32C) {
                int field1 = page.getInt(off);
                if (field1 != page.getInt(off + n - Fil.PAGE_END_LSN_OLD_CHKSUM)) {
                    return false;
                }
                int a = crc32cRange(page, off + Fil.PAGE_OFFSET, Fil.PAGE_FILE_FLUSH_LSN - Fil.PAGE_OFFSET);
                int b = crc32cRange(page, off + Fil.PAGE_DATA, n - Fil.PAGE_DATA - Fil.PAGE_END_LSN_OLD_CHKSUM);
                return field1 == (a ^ b);
            }
            if (algorithm == ChecksumAlgorithm.FULL_CRC32) {
                int type = page.getShort(off + Fil.PAGE_TYPE) & 0xFFFF;
                int len = n;
                if ((type & FCRC32_COMPRESSED_MARKER) != 0) {
                    len = (type & ~FCRC32_COMPRESSED_MARKER) << 8;
                    if (len >= n || len < Fil.PAGE_DATA + 4) {
                        return false;
                    }
                }
                return page.getInt(off + len - 4) == crc32cRange(page, off, len - 4);
            }
            return false;
        } finally {
            page.limit(limit).position(position);
        }
    }

    private static int crc32cRange(ByteBuffer page, int from, int len) {
        CRC32C crc = new CRC32C();
        page.limit(from + len).position(from);
        crc.update(page);
        page.limit(page.capacity());
        return (int) crc.getValue();
    }

    /** Computes the checksum value {@code algorithm} would store for this page (for repair and tests). */
    public static long compute(byte[] page, int off, PageSize size, ChecksumAlgorithm algorithm) {
        if (page == null || size == null || algorithm == null || off < 0 || off > page.length - size.physical()) {
            throw new IllegalArgumentException("page range out of bounds");
        }
        int n = size.physical();
        int value = switch (algorithm) {
            case CRC32C -> crc32c(page, off, n);
            case CRC32C_LEGACY_BIG_ENDIAN -> crc32cLegacyBigEndian(page, off, n);
            case INNODB -> innodbNewChecksum(page, off, n);
            case NONE, ZIP_NONE, UNCHECKSUMMED -> NO_CHECKSUM_MAGIC;
            case FULL_CRC32 -> {
                int len = fullCrc32Length(page, off, n);
                yield crc32cRange(new CRC32C(), page, off, Math.max(0, (len < 0 ? n : len) - 4));
            }
            case ZIP_CRC32C -> zipCrc32c(page, off, n);
            case ZIP_INNODB -> zipAdler32(page, off, n);
            case MARIADB_ENCRYPTED -> size.isCompressed() ? zipCrc32c(page, off, n) : crc32c(page, off, n);
        };
        return value & 0xFFFFFFFFL;
    }

    /** The "old" innodb checksum InnoDB stores in the trailer: fold of [0, FIL_PAGE_FILE_FLUSH_LSN). */
    public static long innodbOldChecksum(byte[] page, int off) {
        return foldBinary(0, page, off, Fil.PAGE_FILE_FLUSH_LSN) & 0xFFFFFFFFL;
    }

    // ---------------------------------------------------------------- crc32c (uncompressed pages)

    /** buf_calc_page_crc32: two intrinsic CRC-32C passes, XORed. */
    static int crc32c(byte[] page, int off, int n) {
        CRC32C a = new CRC32C();
        a.update(page, off + Fil.PAGE_OFFSET, Fil.PAGE_FILE_FLUSH_LSN - Fil.PAGE_OFFSET);
        CRC32C b = new CRC32C();
        b.update(page, off + Fil.PAGE_DATA, n - Fil.PAGE_DATA - Fil.PAGE_END_LSN_OLD_CHKSUM);
        return (int) a.getValue() ^ (int) b.getValue();
    }

    private static int crc32cRange(CRC32C crc, byte[] page, int from, int len) {
        crc.update(page, from, len);
        return (int) crc.getValue();
    }

    /**
     * MySQL 5.6 on big-endian machines fed each aligned 8-byte word to the CRC in reversed byte
     * order (ut_crc32_legacy_big_endian); bytes before the first 8-aligned address and after the
     * last whole word were fed one by one. Pages are 8-aligned in the buffer pool, so alignment is
     * relative to the page start. Only computed as a fallback: it copies the ranges.
     */
    static int crc32cLegacyBigEndian(byte[] page, int off, int n) {
        return legacyRange(page, off, Fil.PAGE_OFFSET, Fil.PAGE_FILE_FLUSH_LSN - Fil.PAGE_OFFSET)
                ^ legacyRange(page, off, Fil.PAGE_DATA, n - Fil.PAGE_DATA - Fil.PAGE_END_LSN_OLD_CHKSUM);
    }

    private static int legacyRange(byte[] page, int pageOff, int from, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(page, pageOff + from, copy, 0, len);
        int head = Math.min(len, (8 - (from & 7)) & 7);
        for (int i = head; i + 8 <= len; i += 8) {
            for (int j = 0; j < 4; j++) {
                byte t = copy[i + j];
                copy[i + j] = copy[i + 7 - j];
                copy[i + 7 - j] = t;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(copy, 0, len);
        return (int) crc.getValue();
    }

    // ---------------------------------------------------------------- innodb (fold)

    private static final int HASH_RANDOM_MASK = 1463735687;
    private static final int HASH_RANDOM_MASK2 = 1653893711;

    /**
     * ut_fold_binary over ulint (64 bits on every platform that matters). Only shifts left, adds
     * and XORs are involved, so the low 32 bits (all that is stored) depend only on the low 32
     * bits of the inputs: int arithmetic gives the same result.
     */
    private static int foldBinary(int fold, byte[] b, int from, int len) {
        for (int i = from, end = from + len; i < end; i++) {
            int v = b[i] & 0xFF;
            fold = ((((fold ^ v ^ HASH_RANDOM_MASK2) << 8) + fold) ^ HASH_RANDOM_MASK) + v;
        }
        return fold;
    }

    /** buf_calc_page_new_checksum: fold of the crc32 ranges, the two folds added. */
    static int innodbNewChecksum(byte[] page, int off, int n) {
        return foldBinary(0, page, off + Fil.PAGE_OFFSET, Fil.PAGE_FILE_FLUSH_LSN - Fil.PAGE_OFFSET)
                + foldBinary(0, page, off + Fil.PAGE_DATA, n - Fil.PAGE_DATA - Fil.PAGE_END_LSN_OLD_CHKSUM);
    }

    /**
     * buf_page_is_checksum_valid_innodb: the trailer holds the old checksum (or, in very old
     * files, the high half of the LSN); the header holds the new checksum or 0 (before 4.0.14 it
     * held the space id, always 0). The trailer test comes first because it is the cheaper fold.
     */
    private static boolean innodbMatches(byte[] page, int off, int n, int field1, int field2) {
        if (field2 != Mach.readInt(page, off + Fil.PAGE_LSN)
                && field2 != foldBinary(0, page, off, Fil.PAGE_FILE_FLUSH_LSN)) {
            return false;
        }
        return field1 == 0 || field1 == innodbNewChecksum(page, off, n);
    }

    // ---------------------------------------------------------------- full_crc32

    /**
     * buf_page_full_crc32_size: the stored length of a full_crc32 page, or -1 when the
     * page_compressed length is impossible (not below the page size, or too short to hold the
     * FIL header and the checksum).
     */
    static int fullCrc32Length(byte[] page, int off, int n) {
        int type = Mach.read2(page, off + Fil.PAGE_TYPE);
        if ((type & FCRC32_COMPRESSED_MARKER) == 0) {
            return n;
        }
        int len = (type & ~FCRC32_COMPRESSED_MARKER) << 8;
        return len < n && len >= Fil.PAGE_DATA + 4 ? len : -1;
    }

    private static boolean fullCrc32Matches(byte[] page, int off, int n) {
        int len = fullCrc32Length(page, off, n);
        if (len < 0) {
            return false;
        }
        int stored = Mach.readInt(page, off + len - 4);
        return stored == crc32cRange(new CRC32C(), page, off, len - 4);
    }

    // ---------------------------------------------------------------- MariaDB encryption and page_compressed

    /**
     * fil_space_verify_crypt_checksum: a non-zero key version at FIL_PAGE_FILE_FLUSH_LSN marks
     * the page encrypted; the checksum after it covers the stored (encrypted) bytes with the same
     * ranges as the plain algorithms. 37401 pages have none (see UNCHECKSUMMED).
     */
    private static boolean encryptedMatches(byte[] page, int off, PageSize size) {
        int n = size.physical();
        if (Mach.readInt(page, off + Fil.PAGE_FILE_FLUSH_LSN) == 0) {
            return false;
        }
        int stored = Mach.readInt(page, off + CRYPT_CHECKSUM);
        if (size.isCompressed()) {
            return stored == zipCrc32c(page, off, n) || stored == zipAdler32(page, off, n);
        }
        return stored == NO_CHECKSUM_MAGIC || stored == crc32c(page, off, n)
                || stored == innodbNewChecksum(page, off, n);
    }

    /**
     * Pages that carry no checksum over their stored bytes: MariaDB page_compressed without
     * full_crc32 (34354: checksum field 0xDEADBEEF, algorithm number at 26..34, payload length at
     * FIL_PAGE_DATA; 37401: key version at 26, payload length at FIL_PAGE_DATA, algorithm at
     * FIL_PAGE_DATA+2) and MySQL transparent compression/encryption (14..16; header at
     * FIL_PAGE_DATA: version, algorithm, original type, original size, compressed size).
     * All that can be checked is that these fields are possible.
     */
    private static boolean uncheckedPlausible(byte[] page, int off, int n) {
        int type = Mach.read2(page, off + Fil.PAGE_TYPE);
        int data = off + Fil.PAGE_DATA;
        switch (type) {
            case MARIADB_PAGE_COMPRESSED: {
                int len = Mach.read2(page, data);
                long algorithm = Mach.read8(page, off + Fil.PAGE_FILE_FLUSH_LSN);
                return Mach.readInt(page, off) == NO_CHECKSUM_MAGIC && algorithm >= 1 && algorithm <= 6
                        && len > 0 && len <= n - Fil.PAGE_DATA - 2;
            }
            case MARIADB_PAGE_COMPRESSED_ENCRYPTED: {
                int len = Mach.read2(page, data);
                return Mach.readInt(page, off + Fil.PAGE_FILE_FLUSH_LSN) != 0
                        && len > 0 && len <= n - Fil.PAGE_DATA - 4;
            }
            case MYSQL_COMPRESSED, MYSQL_ENCRYPTED, MYSQL_COMPRESSED_AND_ENCRYPTED: {
                int version = page[data] & 0xFF;
                int originalSize = Mach.read2(page, data + 4);
                int compressedSize = Mach.read2(page, data + 6);
                return (version == 1 || version == 2) && originalSize > 0 && originalSize <= n - Fil.PAGE_DATA
                        && compressedSize <= n - Fil.PAGE_DATA - 8;
            }
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- ROW_FORMAT=COMPRESSED

    /** page_zip_calc_checksum, crc32: [4,16), [24,26) and [34,size) each CRC-32C'd and XORed. */
    static int zipCrc32c(byte[] page, int off, int n) {
        CRC32C a = new CRC32C();
        a.update(page, off + Fil.PAGE_OFFSET, Fil.PAGE_LSN - Fil.PAGE_OFFSET);
        CRC32C b = new CRC32C();
        b.update(page, off + Fil.PAGE_TYPE, 2);
        CRC32C c = new CRC32C();
        c.update(page, off + Fil.PAGE_SPACE_ID, n - Fil.PAGE_SPACE_ID);
        return (int) a.getValue() ^ (int) b.getValue() ^ (int) c.getValue();
    }

    private static final int ADLER_BASE = 65521;

    /**
     * page_zip_calc_checksum, innodb: zlib adler32 over the same three ranges, chained, but
     * started from 0 instead of Adler-32's usual 1. The JDK's Adler32 always starts from 1;
     * starting from 0 lowers the low sum by 1 and the high sum by the total length (mod 65521).
     */
    static int zipAdler32(byte[] page, int off, int n) {
        Adler32 adler = new Adler32();
        adler.update(page, off + Fil.PAGE_OFFSET, Fil.PAGE_LSN - Fil.PAGE_OFFSET);
        adler.update(page, off + Fil.PAGE_TYPE, 2);
        adler.update(page, off + Fil.PAGE_SPACE_ID, n - Fil.PAGE_SPACE_ID);
        return adlerFromZero(adler.getValue(), n);
    }

    /** The JDK's Adler-32 (started from 1) of the three zip ranges of an n-byte page, as if started from 0. */
    private static int adlerFromZero(long value, int n) {
        long total = (Fil.PAGE_LSN - Fil.PAGE_OFFSET) + 2L + (n - Fil.PAGE_SPACE_ID);
        long low = Math.floorMod((value & 0xFFFF) - 1, ADLER_BASE);
        long high = Math.floorMod((value >>> 16) - total, ADLER_BASE);
        return (int) ((high << 16) | low);
    }

    private static final byte[] ZEROS = new byte[16384];

    /** A ROW_FORMAT=COMPRESSED page size and the algorithm its stored checksum verifies with. */
    public record ZipMatch(int physicalSize, ChecksumAlgorithm algorithm) {}

    /**
     * What {@link #verify} answers for the bytes at {@code page[off]} read as a ROW_FORMAT=COMPRESSED page
     * of each of {@code sizes[0..count)} (ascending) in turn: the first size whose checksum verifies, with
     * the algorithm verify would name ({@code preferred} first), or null. The zip checksums of the larger
     * sizes extend those of the smaller ones, so all sizes cost one CRC-32C pass over the largest and, only
     * when needed, one Adler-32 pass, instead of a pass per size and algorithm — carve asks this at every
     * offset whose bytes could head a compressed page, and nearly all of them do not.
     */
    public static ZipMatch firstZipMatch(byte[] page, int off, int[] sizes, int count, ChecksumAlgorithm preferred) {
        if (page == null || sizes == null || off < 0 || count <= 0 || count > sizes.length
                || off > page.length - Fil.PAGE_DATA) {
            return null;
        }
        int stored = Mach.readInt(page, off);
        boolean keyVersion = Mach.readInt(page, off + Fil.PAGE_FILE_FLUSH_LSN) != 0;
        int cryptStored = Mach.readInt(page, off + CRYPT_CHECKSUM);
        int largest = 0;
        for (int i = 0; i < count && off <= page.length - sizes[i]; i++) {
            largest = sizes[i];
        }
        int firstNonZero = largest == 0 ? -1 : java.util.Arrays.mismatch(page, off, off + largest,
                largest <= ZEROS.length ? ZEROS : new byte[largest], 0, largest);
        if (firstNonZero < 0) {
            return null; // all zero at every size: verify calls that invalid
        }
        CRC32C head = new CRC32C();
        head.update(page, off + Fil.PAGE_OFFSET, Fil.PAGE_LSN - Fil.PAGE_OFFSET);
        CRC32C type = new CRC32C();
        type.update(page, off + Fil.PAGE_TYPE, 2);
        int fixed = (int) head.getValue() ^ (int) type.getValue();
        CRC32C body = new CRC32C();
        int bodyDone = Fil.PAGE_SPACE_ID;
        Adler32 adler = null;
        int adlerDone = Fil.PAGE_SPACE_ID;
        for (int i = 0; i < count; i++) {
            int n = sizes[i];
            if (n > largest) {
                break;
            }
            if (firstNonZero >= n || n < Fil.PAGE_DATA) {
                continue;
            }
            body.update(page, off + bodyDone, n - bodyDone);
            bodyDone = n;
            int crc = fixed ^ (int) body.getValue();
            int adlerValue = 0;
            boolean adlerKnown = false;
            ChecksumAlgorithm found = null;
            // verify's order: the preferred algorithm, then ZIP_ORDER without it.
            for (int k = -1; k < ZIP_ORDER.length && found == null; k++) {
                ChecksumAlgorithm alg = k < 0 ? preferred : ZIP_ORDER[k];
                if (alg == null || (k >= 0 && alg == preferred)) {
                    continue;
                }
                boolean needsAdler = alg == ChecksumAlgorithm.ZIP_INNODB
                        || (alg == ChecksumAlgorithm.MARIADB_ENCRYPTED && keyVersion && cryptStored != crc);
                if (needsAdler && !adlerKnown) {
                    if (adler == null) {
                        adler = new Adler32();
                        adler.update(page, off + Fil.PAGE_OFFSET, Fil.PAGE_LSN - Fil.PAGE_OFFSET);
                        adler.update(page, off + Fil.PAGE_TYPE, 2);
                    }
                    adler.update(page, off + adlerDone, n - adlerDone);
                    adlerDone = n;
                    adlerValue = adlerFromZero(adler.getValue(), n);
                    adlerKnown = true;
                }
                boolean match = switch (alg) {
                    case ZIP_CRC32C -> stored == crc;
                    case ZIP_INNODB -> stored == adlerValue;
                    case ZIP_NONE -> stored == NO_CHECKSUM_MAGIC;
                    case MARIADB_ENCRYPTED -> keyVersion && (cryptStored == crc || cryptStored == adlerValue);
                    default -> false;
                };
                if (match) {
                    found = alg;
                }
            }
            if (found != null) {
                return new ZipMatch(n, found);
            }
        }
        return null;
    }
}
