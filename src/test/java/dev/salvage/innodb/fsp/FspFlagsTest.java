package dev.salvage.innodb.fsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.Vendor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FspFlagsTest {

    @ParameterizedTest(name = "0x{0}")
    @CsvSource({
        // hex,   logical, physical, zip,  vendor,  fullCrc32, pageCompressed, sdi
        "0,       16384, 16384, false, UNKNOWN, false, false, false", // Antelope, default page size
        "21,      16384, 16384, false, UNKNOWN, false, false, false", // DYNAMIC
        "29,      16384, 8192,  true,  UNKNOWN, false, false, false", // COMPRESSED KEY_BLOCK_SIZE=8
        "129,     8192,  8192,  true,  UNKNOWN, false, false, false", // 8K instance, KEY_BLOCK_SIZE=8
        "c1,      4096,  4096,  false, UNKNOWN, false, false, false", // 4K, post-antelope
        "4021,    16384, 16384, false, MYSQL,   false, false, true",  // MySQL 8.0 file-per-table
        "4800,    16384, 16384, false, MYSQL,   false, false, true",  // MySQL 8.0 ibdata1/mysql.ibd: SHARED|SDI
        "10021,   16384, 16384, false, MARIADB, false, true,  false", // MariaDB PAGE_COMPRESSED=1
        "15,      16384, 16384, false, MARIADB, true,  false, false", // full_crc32 16K
        "13,      4096,  4096,  false, MARIADB, true,  false, false", // full_crc32 4K
        "17,      65536, 65536, false, MARIADB, true,  false, false", // full_crc32 64K
        "35,      16384, 16384, false, MARIADB, true,  true,  false", // full_crc32 + zlib page_compressed
    })
    void decodesWhatServersWrite(String hex, int logical, int physical, boolean zip, Vendor vendor,
                                 boolean fullCrc32, boolean pageCompressed, boolean sdi) {
        FspFlags f = FspFlags.decode(Integer.parseUnsignedInt(hex, 16));
        assertThat(f.valid()).as(f.problem()).isTrue();
        assertThat(f.problem()).isNull();
        assertThat(f.pageSize()).isEqualTo(new PageSize(logical, physical, zip));
        assertThat(f.vendor()).isEqualTo(vendor);
        assertThat(f.fullCrc32()).isEqualTo(fullCrc32);
        assertThat(f.pageCompressed()).isEqualTo(pageCompressed);
        assertThat(f.sdi()).isEqualTo(sdi);
    }

    @Test
    void fullCrc32CompressionAlgorithm() {
        assertThat(FspFlags.decode(0x15 | 2 << 5).compressionAlgorithm()).isEqualTo(2);
        assertThat(FspFlags.compressionAlgorithmName(2)).isEqualTo("lz4");
        assertThat(FspFlags.decode(0x15 | 6 << 5).valid()).isTrue();
        assertThat(FspFlags.decode(0x15 | 7 << 5).valid()).isFalse();
    }

    @ParameterizedTest(name = "0x{0}")
    @CsvSource({
        "20",      // ATOMIC_BLOBS without POST_ANTELOPE
        "41",      // page size code 1
        "221",     // page size code 8
        "b",       // zip code 5 (16K) without ATOMIC_BLOBS
        "38021",   // bits 15..17 (and no 10.1 reading: PAGE_SSIZE 12 there)
        "40021",   // bit 18
        "10821",   // MariaDB PAGE_COMPRESSION with MySQL SHARED
        "12",      // full_crc32 with page size code 2
        "1f",      // full_crc32 with page size code 15
        "115",     // full_crc32 with a bit above the algorithm
        "12b",     // 8K pages (code 4) with KEY_BLOCK_SIZE=16 (zip code 5)
    })
    void rejectsImpossibleCombinationsWithAReason(String hex) {
        FspFlags f = FspFlags.decode(Integer.parseUnsignedInt(hex, 16));
        assertThat(f.valid()).isFalse();
        assertThat(f.problem()).isNotBlank();
        assertThat(f.pageSize()).isNull();
    }

    @Test
    void mariaDb101LayoutIsRecognisedWhenTheCurrentLayoutCannotExplainIt() {
        // 10.1.0-10.1.20: POST_ANTELOPE|ATOMIC_BLOBS, COMPRESSION (bit 6), level 6 (bits 7..10), 16K
        int raw = 0x21 | 1 << 6 | 6 << 7;
        FspFlags f = FspFlags.decode(raw);
        assertThat(f.valid()).isTrue();
        assertThat(f.vendor()).isEqualTo(Vendor.MARIADB);
        assertThat(f.pageCompressed()).isTrue();
        assertThat(f.pageSize()).isEqualTo(PageSize.of(16384));
        assertThat(f.isMariaDb101Layout()).isTrue();
        // 10.1 layout, 8K pages: PAGE_SSIZE 4 at bits 13..16 sets bit 15, which no current layout uses.
        FspFlags k8 = FspFlags.decode(0x21 | 4 << 13 | 1 << 11);
        assertThat(k8.isMariaDb101Layout()).isTrue();
        assertThat(k8.pageSize()).isEqualTo(PageSize.of(8192));
        // PAGE_COMPRESSED level 2 on 16K in 10.1 reads as PAGE_SSIZE 5 today, which is invalid (16K is 0).
        assertThat(FspFlags.decode(0x161).isMariaDb101Layout()).isTrue();
        // 10.1 layout, 4K pages: PAGE_SSIZE 3 at bits 13..14 reads today as MySQL ENCRYPTION|SDI, a valid
        // reading, so the current layout wins, as in MariaDB's own fsp_flags_match (current first).
        FspFlags ambiguous = FspFlags.decode(0x21 | 3 << 13);
        assertThat(ambiguous.isMariaDb101Layout()).isFalse();
        assertThat(ambiguous.vendor()).isEqualTo(Vendor.MYSQL);
        assertThat(FspFlags.decode(0x21).isMariaDb101Layout()).isFalse();
    }

    @Test
    void neverThrowsOnAnyValue() {
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            int raw = i < 70_000 ? i : r.nextInt();
            FspFlags f = FspFlags.decode(raw);
            assertThat(f.raw()).isEqualTo(raw);
            assertThat(f.valid() == (f.problem() == null)).isTrue();
            assertThat(f.valid() == (f.pageSize() != null)).isTrue();
        }
    }

    @Test
    void fspHeaderReadsPage0Fields() {
        byte[] page = new byte[200];
        page[38 + 3] = 7;           // space id
        page[38 + 8 + 2] = 1;       // size 256 pages
        page[38 + 12 + 3] = (byte) 192; // free limit
        page[38 + 16 + 3] = 0x21;   // flags
        FspHeader h = FspHeader.read(page, 0);
        assertThat(h.spaceId()).isEqualTo(7);
        assertThat(h.sizePages()).isEqualTo(256);
        assertThat(h.freeLimit()).isEqualTo(192);
        assertThat(h.flags().pageSize()).isEqualTo(PageSize.of(16384));
        assertThat(FspHeader.read(new byte[FspHeader.MIN_BYTES - 1], 0)).isNull();
        assertThat(FspHeader.read(page, -1)).isNull();
        assertThat(FspHeader.read(null, 0)).isNull();
    }
}
