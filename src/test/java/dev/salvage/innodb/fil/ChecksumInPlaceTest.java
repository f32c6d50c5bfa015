package dev.salvage.innodb.fil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PageChecksum#matchesInPlace} (the page inventory's fast path over a direct buffer) agrees with
 * {@link PageChecksum#matches} on the bytes: true for a stamped page, false after any one byte inside
 * the checksummed ranges changes, and never true for what it does not decide.
 */
class ChecksumInPlaceTest {

    private static final int AT = 1000; // the page sits inside a bigger buffer, not at index 0

    /** A random page stamped with {@code algorithm}, as PageChecksum.compute says the server stamps it. */
    private static byte[] stamped(int size, ChecksumAlgorithm algorithm, long seed, int typeCode) {
        byte[] p = new byte[size];
        new Random(seed).nextBytes(p);
        p[Fil.PAGE_TYPE] = (byte) (typeCode >>> 8);
        p[Fil.PAGE_TYPE + 1] = (byte) typeCode;
        PageSize ps = PageSize.of(size);
        if (algorithm == ChecksumAlgorithm.CRC32C) {
            long v = PageChecksum.compute(p, 0, ps, algorithm);
            put4(p, 0, v);
            put4(p, size - 8, v);
        } else {
            int len = (typeCode & 0x8000) != 0 ? (typeCode & 0x7FFF) << 8 : size;
            put4(p, len - 4, PageChecksum.compute(p, 0, ps, algorithm));
        }
        return p;
    }

    private static void put4(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static ByteBuffer direct(byte[] page) {
        ByteBuffer b = ByteBuffer.allocateDirect(AT + page.length + 77);
        b.put(AT, page);
        b.position(5).limit(9); // position and limit must not matter, and must come back unchanged
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 8192, 16384, 32768, 65536})
    void agreesWithTheArrayVersionOnStampedAndDamagedPages(int size) {
        PageSize ps = PageSize.of(size);
        // 17855 = INDEX; 0x8000 | 0x20 = a full_crc32 page_compressed page of 0x20 << 8 = 8192 bytes.
        int[][] cases = {{0, 17855}, {1, 17855}, {1, 0x8000 | 0x20}};
        ChecksumAlgorithm[] algs = {ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.FULL_CRC32};
        for (int[] c : cases) {
            ChecksumAlgorithm alg = algs[c[0]];
            int type = c[1];
            if ((type & 0x8000) != 0 && ((type & 0x7FFF) << 8) >= size) {
                continue; // a compressed length must be below the page size
            }
            byte[] page = stamped(size, alg, size * 31L + c[0] + type, type);
            ByteBuffer buf = direct(page);
            assertThat(PageChecksum.matches(page, 0, ps, alg)).as("%s %d stamped", alg, size).isTrue();
            assertThat(PageChecksum.matchesInPlace(buf, AT, ps, alg)).as("%s %d in place", alg, size).isTrue();
            assertThat(buf.position()).isEqualTo(5);
            assertThat(buf.limit()).isEqualTo(9);
            ChecksumAlgorithm other = alg == ChecksumAlgorithm.CRC32C ? ChecksumAlgorithm.FULL_CRC32 : ChecksumAlgorithm.CRC32C;
            assertThat(PageChecksum.matchesInPlace(buf, AT, ps, other))
                    .isEqualTo(PageChecksum.matches(page, 0, ps, other)).isFalse();

            Random r = new Random(size + type);
            for (int k = 0; k < 200; k++) {
                int at = r.nextInt(size);
                byte[] damaged = page.clone();
                damaged[at] ^= (byte) (1 + r.nextInt(255));
                assertThat(PageChecksum.matchesInPlace(direct(damaged), AT, ps, alg))
                        .as("%s %d byte %d changed", alg, size, at)
                        .isEqualTo(PageChecksum.matches(damaged, 0, ps, alg));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 16384})
    void decidesNothingItIsNotMadeFor(int size) {
        PageSize ps = PageSize.of(size);
        byte[] page = stamped(size, ChecksumAlgorithm.CRC32C, 7, 17855);
        ByteBuffer buf = direct(page);
        assertThat(PageChecksum.matchesInPlace(buf, AT, ps, ChecksumAlgorithm.INNODB)).isFalse();
        assertThat(PageChecksum.matchesInPlace(buf, AT, PageSize.zip(16384, size),
                ChecksumAlgorithm.CRC32C)).as("compressed page size").isFalse();
        assertThat(PageChecksum.matchesInPlace(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN), AT, ps,
                ChecksumAlgorithm.CRC32C)).as("little-endian view").isFalse();
        assertThat(PageChecksum.matchesInPlace(buf, buf.capacity() - size + 1, ps, ChecksumAlgorithm.CRC32C))
                .as("runs past the end").isFalse();
        assertThat(PageChecksum.matchesInPlace(buf, -1, ps, ChecksumAlgorithm.CRC32C)).isFalse();
        assertThat(PageChecksum.matchesInPlace(ByteBuffer.allocateDirect(size), 0, ps, ChecksumAlgorithm.FULL_CRC32))
                .as("all zero").isFalse();
        // A heap buffer works too (the CRC just is not in place).
        assertThat(PageChecksum.matchesInPlace(ByteBuffer.wrap(page), 0, ps, ChecksumAlgorithm.CRC32C)).isTrue();
    }
}
