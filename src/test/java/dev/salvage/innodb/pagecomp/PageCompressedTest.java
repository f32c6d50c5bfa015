package dev.salvage.innodb.pagecomp;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageChecksum;
import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lzo.LzoCompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of one structure: pages compressed here with each algorithm and laid out as MariaDB stores them in
 * both layouts decompress to the original; truncated, bit-flipped and random bytes give a result with a reason,
 * never an exception. (Pages MariaDB itself wrote: PageCompressedOnRealServersTest.)
 */
class PageCompressedTest {

    private static final int PAGE = 16384;

    /** An index-page-like image: header fields, repetitive records, some noise, a trailer. */
    private static byte[] logicalPage(long seed) {
        Random random = new Random(seed);
        byte[] page = new byte[PAGE];
        // Bytes 0..3 stay 0: full_crc32 keeps the key version there, 0 on pages that are not encrypted.
        for (int i = Fil.PAGE_OFFSET; i < Fil.PAGE_DATA; i++) {
            page[i] = (byte) random.nextInt();
        }
        page[Fil.PAGE_TYPE] = (byte) 0x45;
        page[Fil.PAGE_TYPE + 1] = (byte) 0xBF;
        for (int i = 120; i < 12000; i++) {
            page[i] = (byte) (i % 97 < 60 ? 'a' + (i % 23) : random.nextInt());
        }
        for (int i = PAGE - 8; i < PAGE; i++) {
            page[i] = (byte) random.nextInt();
        }
        return page;
    }

    static byte[] compress(PageCompressionAlgorithm a, byte[] page) throws IOException {
        return switch (a) {
            case ZLIB -> {
                Deflater d = new Deflater(6);
                d.setInput(page);
                d.finish();
                byte[] out = new byte[PAGE * 2];
                int n = d.deflate(out);
                d.end();
                yield Arrays.copyOf(out, n);
            }
            case LZ4 -> block(new Lz4Compressor(), page);
            case LZO -> block(new LzoCompressor(), page);
            case SNAPPY -> block(new SnappyCompressor(), page);
            case LZMA -> stream(out -> new XZOutputStream(out, new LZMA2Options(6), XZ.CHECK_NONE), page);
            case BZIP2 -> stream(out -> new BZip2CompressorOutputStream(out, 1), page);
        };
    }

    private static byte[] block(Compressor c, byte[] page) {
        byte[] out = new byte[c.maxCompressedLength(page.length)];
        int n = c.compress(page, 0, page.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private interface Opener {
        OutputStream open(OutputStream out) throws IOException;
    }

    private static byte[] stream(Opener opener, byte[] page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream s = opener.open(bytes)) {
            s.write(page);
        }
        return bytes.toByteArray();
    }

    /** fil_page_compress_for_non_full_crc32 with a 512-byte block size: zero-filled after the rounded length. */
    static byte[] storeNonFullCrc32(PageCompressionAlgorithm a, byte[] page, byte[] stream) {
        byte[] stored = new byte[PAGE];
        System.arraycopy(page, 0, stored, 0, Fil.PAGE_DATA);
        stored[0] = (byte) 0xDE;
        stored[1] = (byte) 0xAD;
        stored[2] = (byte) 0xBE;
        stored[3] = (byte) 0xEF;
        stored[Fil.PAGE_TYPE] = (byte) (34354 >> 8);
        stored[Fil.PAGE_TYPE + 1] = (byte) 34354;
        Arrays.fill(stored, PageCompressed.COMP_ALGO, PageCompressed.COMP_ALGO + 8, (byte) 0);
        stored[PageCompressed.COMP_ALGO + 7] = (byte) a.number();
        stored[PageCompressed.COMP_SIZE] = (byte) (stream.length >> 8);
        stored[PageCompressed.COMP_SIZE + 1] = (byte) stream.length;
        System.arraycopy(stream, 0, stored, PageCompressed.COMP_DATA, stream.length);
        return stored;
    }

    /** fil_page_compress_for_full_crc32 followed by the full_crc32 checksum over the stored length. */
    static byte[] storeFullCrc32(PageCompressionAlgorithm a, byte[] page, byte[] stream) {
        byte[] stored = new byte[PAGE];
        System.arraycopy(page, 0, stored, 0, PageCompressed.COMP_ALGO);
        System.arraycopy(stream, 0, stored, PageCompressed.COMP_ALGO, stream.length);
        int actual = PageCompressed.COMP_ALGO + stream.length;
        int lsb = a.storesLengthLowByte() ? 1 : 0;
        int size = (actual + lsb + 4 + 255) & ~255;
        stored[Fil.PAGE_TYPE] = (byte) 0x80;
        stored[Fil.PAGE_TYPE + 1] = (byte) (size >> 8);
        if (lsb == 1) {
            stored[size - 5] = (byte) (actual + 5);
        }
        CRC32C crc = new CRC32C();
        crc.update(stored, 0, size - 4);
        int c = (int) crc.getValue();
        stored[size - 4] = (byte) (c >>> 24);
        stored[size - 3] = (byte) (c >>> 16);
        stored[size - 2] = (byte) (c >>> 8);
        stored[size - 1] = (byte) c;
        return stored;
    }

    @ParameterizedTest
    @EnumSource(PageCompressionAlgorithm.class)
    void bothLayoutsDecompressToTheOriginalPage(PageCompressionAlgorithm a) throws IOException {
        byte[] page = logicalPage(a.number());
        byte[] stream = compress(a, page);
        byte[] nonFull = storeNonFullCrc32(a, page, stream);
        PageCompressed.Result r = PageCompressed.decompress(nonFull, 0, PAGE, false, 0);
        assertThat(r.problem()).isNull();
        assertThat(r.algorithm()).isEqualTo(a);
        assertThat(r.stored()).isEqualTo(stream.length);
        assertThat(r.page()).isEqualTo(page);

        byte[] full = storeFullCrc32(a, page, stream);
        assertThat(PageCompressed.isCompressed(full, 0, true)).isTrue();
        assertThat(PageChecksum.verify(full, 0, dev.salvage.innodb.fil.PageSize.of(PAGE), true, null).algorithm())
                .isEqualTo(dev.salvage.innodb.fil.ChecksumAlgorithm.FULL_CRC32);
        PageCompressed.Result named = PageCompressed.decompress(full, 0, PAGE, true, a.number());
        assertThat(named.problem()).isNull();
        assertThat(named.page()).isEqualTo(page);
        // Tablespace flags unknown: the algorithm is found by trying.
        PageCompressed.Result guessed = PageCompressed.decompress(full, 0, PAGE, true, 0);
        assertThat(guessed.problem()).isNull();
        assertThat(guessed.algorithm()).isEqualTo(a);
        assertThat(guessed.page()).isEqualTo(page);
        // The wrong algorithm named by the flags fails with a reason.
        PageCompressionAlgorithm other = PageCompressionAlgorithm.of(a.number() % 6 + 1);
        PageCompressed.Result wrong = PageCompressed.decompress(full, 0, PAGE, true, other.number());
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.problem()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(PageCompressionAlgorithm.class)
    void damagedTruncatedAndRandomBytesNeverThrow(PageCompressionAlgorithm a) throws IOException {
        byte[] page = logicalPage(100 + a.number());
        byte[] stream = compress(a, page);
        Random random = new Random(a.number());
        for (boolean fullCrc32 : new boolean[] {false, true}) {
            byte[] good = fullCrc32 ? storeFullCrc32(a, page, stream) : storeNonFullCrc32(a, page, stream);
            int start = fullCrc32 ? PageCompressed.COMP_ALGO : PageCompressed.COMP_DATA;
            for (int i = 0; i < 150; i++) {
                byte[] bad = good.clone();
                switch (i % 3) {
                    case 0 -> { // bytes flipped anywhere in the stream or the header
                        for (int k = 0; k < 1 + random.nextInt(8); k++) {
                            bad[random.nextInt(start + stream.length)] ^= (byte) (1 + random.nextInt(255));
                        }
                    }
                    case 1 -> // the stream cut short
                            Arrays.fill(bad, start + random.nextInt(stream.length), PAGE, (byte) 0);
                    default -> { // absurd length fields
                        bad[Fil.PAGE_TYPE + 1] = (byte) random.nextInt();
                        bad[PageCompressed.COMP_SIZE] = (byte) random.nextInt();
                        bad[PageCompressed.COMP_SIZE + 1] = (byte) random.nextInt();
                    }
                }
                PageCompressed.Result r = PageCompressed.decompress(bad, 0, PAGE, fullCrc32,
                        random.nextBoolean() ? a.number() : 0);
                assertResultShape(r);
                if (r.ok()) {
                    // Only a change the stream does not notice decodes; the page is still one page.
                    assertThat(r.page()).hasSize(PAGE);
                }
            }
        }
    }

    @Test
    void randomPagesWithCompressedTypesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            byte[] bytes = new byte[PAGE];
            random.nextBytes(bytes);
            boolean fullCrc32 = i % 2 == 0;
            if (fullCrc32) {
                bytes[Fil.PAGE_TYPE] = (byte) (0x80 | random.nextInt(0x80));
                bytes[0] = bytes[1] = bytes[2] = bytes[3] = 0;
            } else {
                bytes[Fil.PAGE_TYPE] = (byte) (34354 >> 8);
                bytes[Fil.PAGE_TYPE + 1] = (byte) 34354;
                bytes[0] = (byte) 0xDE;
                bytes[1] = (byte) 0xAD;
                bytes[2] = (byte) 0xBE;
                bytes[3] = (byte) 0xEF;
                Arrays.fill(bytes, PageCompressed.COMP_ALGO, PageCompressed.COMP_ALGO + 7, (byte) 0);
                bytes[PageCompressed.COMP_ALGO + 7] = (byte) (i % 8);
            }
            PageCompressed.Result r = PageCompressed.decompress(bytes, 0, PAGE, fullCrc32, i % 7);
            assertResultShape(r);
            assertThat(r.ok()).isFalse();
        }
        // Short buffers, offsets outside, encrypted and unknown types.
        assertThat(PageCompressed.decompress(new byte[100], 0, PAGE, true, 1).ok()).isFalse();
        assertThat(PageCompressed.decompress(null, 0, PAGE, false, 0).ok()).isFalse();
        assertThat(PageCompressed.decompress(new byte[PAGE], 1, PAGE, false, 0).ok()).isFalse();
        byte[] encrypted = new byte[PAGE];
        encrypted[Fil.PAGE_TYPE] = (byte) (37401 >> 8);
        encrypted[Fil.PAGE_TYPE + 1] = (byte) 37401;
        assertThat(PageCompressed.decompress(encrypted, 0, PAGE, false, 0).problem()).contains("encrypted");
        assertThat(PageCompressed.decompress(new byte[PAGE], 0, PAGE, false, 0).problem())
                .contains("not a page_compressed page");
    }

    private static void assertResultShape(PageCompressed.Result r) {
        assertThat(r).isNotNull();
        if (r.ok()) {
            assertThat(r.page()).isNotNull();
        } else {
            assertThat(r.problem()).isNotBlank();
            assertThat(r.decoded()).isBetween(0, PAGE);
        }
    }
}
