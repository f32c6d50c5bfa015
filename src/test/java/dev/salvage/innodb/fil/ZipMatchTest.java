package dev.salvage.innodb.fil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PageChecksum#firstZipMatch} (all compressed page sizes in one pass, for carve) gives exactly what
 * {@link PageChecksum#verify} gives size by size: pages stamped with each zip algorithm at each size,
 * encrypted ones, unstamped bytes, leading zeros, short buffers, every preferred algorithm.
 */
class ZipMatchTest {

    private static final int[] SIZES = {1024, 2048, 4096, 8192, 16384};
    private static final ChecksumAlgorithm[] PREFERRED = {null, ChecksumAlgorithm.ZIP_CRC32C,
        ChecksumAlgorithm.ZIP_INNODB, ChecksumAlgorithm.ZIP_NONE, ChecksumAlgorithm.MARIADB_ENCRYPTED,
        ChecksumAlgorithm.CRC32C};

    private static PageChecksum.ZipMatch reference(byte[] page, int off, int count, ChecksumAlgorithm preferred) {
        for (int i = 0; i < count; i++) {
            int n = SIZES[i];
            if (off > page.length - n) {
                break;
            }
            ChecksumVerdict v = PageChecksum.verify(page, off, PageSize.zip(Math.max(16384, 2 * n), n), false, preferred);
            if (v.valid()) {
                return new PageChecksum.ZipMatch(n, v.algorithm());
            }
        }
        return null;
    }

    private static void put4(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static List<byte[]> cases(int off) {
        List<byte[]> out = new ArrayList<>();
        Random r = new Random(off);
        int len = off + 16384;
        for (int n : SIZES) {
            for (ChecksumAlgorithm alg : new ChecksumAlgorithm[] {ChecksumAlgorithm.ZIP_CRC32C, ChecksumAlgorithm.ZIP_INNODB}) {
                byte[] p = new byte[len];
                r.nextBytes(p);
                put4(p, off, PageChecksum.compute(p, off, PageSize.zip(Math.max(16384, 2 * n), n), alg));
                out.add(p);
                // Encrypted: a key version, the post-encryption checksum after it; a random word at 0.
                byte[] e = p.clone();
                put4(e, off + Fil.PAGE_FILE_FLUSH_LSN, 1 + r.nextInt(1000));
                put4(e, off + Fil.PAGE_FILE_FLUSH_LSN + 4,
                        PageChecksum.compute(e, off, PageSize.zip(Math.max(16384, 2 * n), n), alg));
                out.add(e);
            }
        }
        byte[] none = new byte[len];
        r.nextBytes(none);
        put4(none, off, PageChecksum.NO_CHECKSUM_MAGIC);
        out.add(none);
        for (int k = 0; k < 20; k++) {
            byte[] p = new byte[len];
            r.nextBytes(p);
            out.add(p);
        }
        // Zero up to some point: sizes that are all zero do not verify, larger ones are judged.
        for (int zeros : new int[] {1024, 3000, 16384}) {
            byte[] p = new byte[len];
            r.nextBytes(p);
            Arrays.fill(p, off, off + zeros, (byte) 0);
            out.add(p);
            byte[] q = p.clone();
            if (zeros < 4096) {
                put4(q, off + 4092, 0x01020304); // non-zero tail, then stamp size 4096 over the zero head
                put4(q, off, PageChecksum.compute(q, off, PageSize.zip(16384, 4096), ChecksumAlgorithm.ZIP_CRC32C));
                out.add(q);
            }
        }
        return out;
    }

    @Test
    void agreesWithVerifySizeBySize() {
        int compared = 0;
        int matched = 0;
        for (int off : new int[] {0, 512, 7}) {
            for (byte[] page : cases(off)) {
                for (int count = 1; count <= SIZES.length; count++) {
                    for (ChecksumAlgorithm preferred : PREFERRED) {
                        PageChecksum.ZipMatch expected = reference(page, off, count, preferred);
                        assertThat(PageChecksum.firstZipMatch(page, off, SIZES, count, preferred))
                                .as("offset %d, %d sizes, preferred %s", off, count, preferred).isEqualTo(expected);
                        compared++;
                        if (expected != null) {
                            matched++;
                        }
                    }
                }
                // A buffer that ends before the larger sizes.
                byte[] shortCopy = Arrays.copyOf(page, off + 5000);
                assertThat(PageChecksum.firstZipMatch(shortCopy, off, SIZES, SIZES.length, null))
                        .isEqualTo(reference(shortCopy, off, SIZES.length, null));
            }
        }
        assertThat(matched).as("stamped cases match").isGreaterThan(100);
        assertThat(compared - matched).as("unstamped cases do not").isGreaterThan(100);
    }

    @Test
    void neverThrowsOnBadArguments() {
        assertThat(PageChecksum.firstZipMatch(null, 0, SIZES, 5, null)).isNull();
        assertThat(PageChecksum.firstZipMatch(new byte[10], 0, SIZES, 5, null)).isNull();
        assertThat(PageChecksum.firstZipMatch(new byte[2048], -1, SIZES, 5, null)).isNull();
        assertThat(PageChecksum.firstZipMatch(new byte[2048], 0, SIZES, 9, null)).isNull();
        assertThat(PageChecksum.firstZipMatch(new byte[2048], 0, SIZES, 0, null)).isNull();
    }
}
