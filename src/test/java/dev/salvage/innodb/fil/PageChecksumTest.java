package dev.salvage.innodb.fil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handcrafted pages stamped the way the servers stamp them. The stamping here is written from the
 * server sources independently of the production code where that is cheap (a byte-at-a-time CRC-32C,
 * a plain Adler-32 from 0); real-server files are in {@link ChecksumOnRealFilesTest}.
 */
class PageChecksumTest {

    private static final PageSize K16 = PageSize.of(16384);
    private static final PageSize ZIP8 = new PageSize(16384, 8192);

    private static byte[] randomPage(int size, long seed) {
        byte[] page = new byte[size];
        new Random(seed).nextBytes(page);
        return page;
    }

    private static void put4(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    // Reference CRC-32C, one byte at a time (Castagnoli, reflected 0x82F63B78).
    private static int crcUpdate(int crc, int b) {
        crc ^= b & 0xFF;
        for (int k = 0; k < 8; k++) {
            crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
        }
        return crc;
    }

    private static int refCrc(byte[] b, int from, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = from; i < from + len; i++) {
            crc = crcUpdate(crc, b[i]);
        }
        return ~crc;
    }

    /** ut_crc32_legacy_big_endian as written in C: bytes to the 8-aligned address, then u64 words byte-swapped. */
    private static int refLegacy(byte[] b, int from, int len) {
        int crc = 0xFFFFFFFF;
        int i = from;
        int end = from + len;
        while (i < end && (i & 7) != 0) {
            crc = crcUpdate(crc, b[i++]);
        }
        while (end - i >= 8) {
            long word = 0;
            for (int j = 0; j < 8; j++) {
                word = (word << 8) | (b[i + j] & 0xFF); // big-endian read of the word
            }
            for (int j = 0; j < 8; j++) {
                crc = crcUpdate(crc, (int) (word >>> (8 * j))); // the CRC then eats the word low byte first
            }
            i += 8;
        }
        while (i < end) {
            crc = crcUpdate(crc, b[i++]);
        }
        return ~crc;
    }

    private static long refAdlerFrom0(byte[] b, int[][] ranges) {
        long a = 0;
        long s = 0;
        for (int[] r : ranges) {
            for (int i = r[0]; i < r[0] + r[1]; i++) {
                a = (a + (b[i] & 0xFF)) % 65521;
                s = (s + a) % 65521;
            }
        }
        return (s << 16) | a;
    }

    private static byte[] crc32Page(long seed) {
        byte[] p = randomPage(16384, seed);
        int crc = refCrc(p, 4, 22) ^ refCrc(p, 38, 16384 - 38 - 8);
        put4(p, 0, crc);
        put4(p, 16384 - 8, crc);
        return p;
    }

    @Test
    void crc32PageVerifiesAsCrc32c() {
        byte[] p = crc32Page(1);
        assertThat(PageChecksum.verify(p, 0, K16, false, null)).isEqualTo(ChecksumVerdict.valid(ChecksumAlgorithm.CRC32C));
        assertThat(PageChecksum.compute(p, 0, K16, ChecksumAlgorithm.CRC32C)).isEqualTo(Mach.read4(p, 0));
    }

    @Test
    void crc32IgnoresFlushLsnFieldButNotTheBody() {
        byte[] p = crc32Page(2);
        p[26] ^= 1; // FIL_PAGE_FILE_FLUSH_LSN is outside the checksum
        p[30] ^= 1;
        assertThat(PageChecksum.verify(p, 0, K16, false, null).valid()).isTrue();
        p[5000] ^= 1;
        assertThat(PageChecksum.verify(p, 0, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
    }

    @Test
    void crc32NeedsTheTrailerCopyToo() {
        byte[] p = crc32Page(3);
        p[16384 - 8] ^= 1;
        assertThat(PageChecksum.matches(p, 0, K16, ChecksumAlgorithm.CRC32C)).isFalse();
    }

    @Test
    void pageAtAnOffsetInsideABiggerBuffer() {
        byte[] p = crc32Page(4);
        byte[] buf = new byte[3 * 16384];
        System.arraycopy(p, 0, buf, 16384, 16384);
        assertThat(PageChecksum.verify(buf, 16384, K16, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(PageChecksum.verify(buf, 0, K16, false, null).valid()).isFalse(); // all zero
    }

    @Test
    void legacyBigEndianCrc32() {
        byte[] p = randomPage(16384, 5);
        int crc = refLegacy(p, 4, 22) ^ refLegacy(p, 38, 16384 - 38 - 8);
        put4(p, 0, crc);
        put4(p, 16384 - 8, crc);
        assertThat(PageChecksum.verify(p, 0, K16, false, null).algorithm())
                .isEqualTo(ChecksumAlgorithm.CRC32C_LEGACY_BIG_ENDIAN);
        assertThat(PageChecksum.matches(p, 0, K16, ChecksumAlgorithm.CRC32C)).isFalse();
    }

    @Test
    void innodbNewAndOldChecksums() {
        byte[] p = randomPage(16384, 6);
        put4(p, 0, PageChecksum.compute(p, 0, K16, ChecksumAlgorithm.INNODB));
        put4(p, 16384 - 8, PageChecksum.innodbOldChecksum(p, 0));
        assertThat(PageChecksum.verify(p, 0, K16, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.INNODB);
        // Pre-4.0.14 files: 0 in the header field is accepted when the trailer holds the old checksum.
        byte[] old = p.clone();
        put4(old, 0, 0);
        put4(old, 16384 - 8, PageChecksum.innodbOldChecksum(old, 0));
        assertThat(PageChecksum.matches(old, 0, K16, ChecksumAlgorithm.INNODB)).isTrue();
        p[100] ^= 1;
        assertThat(PageChecksum.verify(p, 0, K16, false, null).valid()).isFalse();
    }

    @Test
    void innodbFoldKnownAnswer() {
        // ut_fold_ulint_pair(0, 0) = ((0 ^ 0 ^ MASK2) << 8 + 0) ^ MASK) + 0, computed by hand in 64 bits, low 32 kept.
        long expected = (((1653893711L << 8)) ^ 1463735687L) & 0xFFFFFFFFL;
        byte[] p = new byte[64];
        assertThat(PageChecksum.innodbOldChecksum(p, 0)).isNotEqualTo(expected); // 26 folds, not one
        byte[] one = new byte[26];
        long fold = 0;
        for (int i = 0; i < 26; i++) {
            fold = ((((fold ^ 0 ^ 1653893711L) << 8) + fold) ^ 1463735687L) + 0;
        }
        assertThat(PageChecksum.innodbOldChecksum(one, 0)).isEqualTo(fold & 0xFFFFFFFFL);
    }

    @Test
    void noneNeedsTheMagicInBothFields() {
        byte[] p = randomPage(16384, 7);
        put4(p, 0, 0xDEADBEEFL);
        put4(p, 16384 - 8, 0xDEADBEEFL);
        assertThat(PageChecksum.verify(p, 0, K16, false, ChecksumAlgorithm.CRC32C).algorithm())
                .isEqualTo(ChecksumAlgorithm.NONE);
        put4(p, 16384 - 8, 1);
        assertThat(PageChecksum.matches(p, 0, K16, ChecksumAlgorithm.NONE)).isFalse();
    }

    @Test
    void fullCrc32CoversEverythingButTheLast4Bytes() {
        byte[] p = randomPage(16384, 8);
        p[24] = 0x45; // INDEX: no compressed marker
        p[25] = (byte) 0xBF;
        put4(p, 16384 - 4, refCrc(p, 0, 16384 - 4));
        assertThat(PageChecksum.verify(p, 0, K16, true, null).algorithm()).isEqualTo(ChecksumAlgorithm.FULL_CRC32);
        // Found even when the caller wrongly believed the space is not full_crc32.
        assertThat(PageChecksum.verify(p, 0, K16, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.FULL_CRC32);
        p[27] ^= 1; // unlike crc32, full_crc32 covers the old flush-LSN field
        assertThat(PageChecksum.verify(p, 0, K16, true, null).valid()).isFalse();
    }

    @Test
    void fullCrc32PageCompressedChecksumSitsAtTheStoredLength() {
        byte[] p = randomPage(16384, 9);
        int units = 5; // 1280 bytes stored
        p[24] = (byte) 0x80;
        p[25] = (byte) units;
        put4(p, 1280 - 4, refCrc(p, 0, 1280 - 4));
        assertThat(PageChecksum.verify(p, 0, K16, true, null).algorithm()).isEqualTo(ChecksumAlgorithm.FULL_CRC32);
        p[2000] ^= 1; // beyond the stored length: not covered
        assertThat(PageChecksum.verify(p, 0, K16, true, null).valid()).isTrue();
        p[24] = (byte) 0x80;
        p[25] = (byte) 0x40; // 64 * 256 = 16384: not below the page size, impossible
        assertThat(PageChecksum.matches(p, 0, K16, ChecksumAlgorithm.FULL_CRC32)).isFalse();
    }

    @Test
    void zipCrc32AdlerAndNone() {
        byte[] p = randomPage(8192, 10);
        int crc = refCrc(p, 4, 12) ^ refCrc(p, 24, 2) ^ refCrc(p, 34, 8192 - 34);
        put4(p, 0, crc);
        assertThat(PageChecksum.verify(p, 0, ZIP8, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.ZIP_CRC32C);

        long adler = refAdlerFrom0(p, new int[][] {{4, 12}, {24, 2}, {34, 8192 - 34}});
        put4(p, 0, adler);
        assertThat(PageChecksum.compute(p, 0, ZIP8, ChecksumAlgorithm.ZIP_INNODB)).isEqualTo(adler);
        assertThat(PageChecksum.verify(p, 0, ZIP8, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.ZIP_INNODB);

        put4(p, 0, 0xDEADBEEFL);
        assertThat(PageChecksum.verify(p, 0, ZIP8, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.ZIP_NONE);
        // LSN and flush-LSN fields are outside the zip checksums.
        put4(p, 0, crc);
        p[16] ^= 1;
        p[28] ^= 1;
        assertThat(PageChecksum.verify(p, 0, ZIP8, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.ZIP_CRC32C);
    }

    @Test
    void zipPagesAreNotCheckedWithTheUncompressedRulesOrTheOtherWayRound() {
        byte[] p = crc32Page(11);
        assertThat(PageChecksum.matches(p, 0, K16, ChecksumAlgorithm.ZIP_CRC32C)).isFalse();
        assertThat(PageChecksum.matches(p, 0, PageSize.zip(16384, 16384), ChecksumAlgorithm.CRC32C)).isFalse();
    }

    @Test
    void mariadbEncryptedPageUsesThePostEncryptionChecksum() {
        byte[] p = randomPage(16384, 12);
        put4(p, 26, 7); // key version
        put4(p, 30, refCrc(p, 4, 22) ^ refCrc(p, 38, 16384 - 46));
        // The header checksum is the plaintext's: it does not match the stored bytes.
        assertThat(PageChecksum.verify(p, 0, K16, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.MARIADB_ENCRYPTED);
        put4(p, 26, 0); // without a key version the page is not encrypted
        assertThat(PageChecksum.verify(p, 0, K16, false, null).valid()).isFalse();
    }

    @Test
    void mariadbPageCompressedWithoutFullCrc32HasOnlyPlausibleFields() {
        byte[] p = new byte[16384];
        put4(p, 0, 0xDEADBEEFL);
        put4(p, 4, 9);
        p[24] = (byte) (34354 >>> 8);
        p[25] = (byte) 34354;
        p[33] = 1; // zlib at FIL_PAGE_COMP_ALGO (8 bytes from 26)
        p[38] = 0x04; // payload 1024 bytes
        assertThat(PageChecksum.verify(p, 0, K16, false, null).algorithm()).isEqualTo(ChecksumAlgorithm.UNCHECKSUMMED);
        p[38] = (byte) 0x7F; // payload longer than the page
        assertThat(PageChecksum.verify(p, 0, K16, false, null).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void allZeroPagesAreNeverValid(boolean fullCrc32) {
        for (PageSize size : new PageSize[] {K16, ZIP8, PageSize.of(4096), PageSize.of(65536)}) {
            byte[] p = new byte[size.physical()];
            assertThat(PageChecksum.verify(p, 0, size, fullCrc32, null).valid()).isFalse();
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                assertThat(PageChecksum.verify(p, 0, size, fullCrc32, a).valid()).isFalse();
            }
        }
    }

    @Test
    void shortOrMisplacedInputIsInvalidNotAnException() {
        byte[] p = crc32Page(13);
        assertThat(PageChecksum.verify(p, 1, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
        assertThat(PageChecksum.verify(p, -1, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
        assertThat(PageChecksum.verify(new byte[100], 0, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
        assertThat(PageChecksum.verify(null, 0, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
        assertThat(PageChecksum.verify(p, 0, null, false, null)).isEqualTo(ChecksumVerdict.INVALID);
        assertThat(PageChecksum.verify(p, Integer.MAX_VALUE, K16, false, null)).isEqualTo(ChecksumVerdict.INVALID);
    }

    @Test
    void randomPagesNeverThrowAndAlmostNeverVerify() {
        Random r = new Random(14);
        int valid = 0;
        for (int i = 0; i < 300; i++) {
            int size = 1024 << r.nextInt(7);
            byte[] p = new byte[size];
            r.nextBytes(p);
            PageSize ps = size < 4096 ? new PageSize(16384, size) : r.nextBoolean() ? PageSize.of(size)
                    : PageSize.zip(Math.max(size, 4096), Math.min(size, 16384));
            if (PageChecksum.verify(p, 0, ps, r.nextBoolean(), null).valid()) {
                valid++;
            }
        }
        assertThat(valid).isZero();
    }

    @Test
    void preferredAlgorithmIsTriedFirstButNotTrustedBlindly() {
        byte[] p = crc32Page(15);
        assertThat(PageChecksum.verify(p, 0, K16, false, ChecksumAlgorithm.INNODB).algorithm())
                .isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(PageChecksum.verify(p, 0, K16, false, ChecksumAlgorithm.ZIP_CRC32C).algorithm())
                .isEqualTo(ChecksumAlgorithm.CRC32C);
    }
}
