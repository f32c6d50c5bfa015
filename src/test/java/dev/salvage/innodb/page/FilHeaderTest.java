package dev.salvage.innodb.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageSize;
import org.junit.jupiter.api.Test;

class FilHeaderTest {

    private static void put4(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static byte[] page(int size) {
        byte[] p = new byte[size];
        put4(p, 0, 0xCAFEBABEL);
        put4(p, 4, 77);
        put4(p, 8, 76);
        put4(p, 12, Fil.FIL_NULL);
        put4(p, 16, 0x1);          // LSN high
        put4(p, 20, 0x23456789L);  // LSN low
        p[24] = 0x45;
        p[25] = (byte) 0xBF;       // INDEX
        put4(p, 26, 5);            // key version (MariaDB, non-full_crc32)
        put4(p, 30, 0xABCDEF01L);
        put4(p, 34, 12);
        put4(p, size - 8, 0x11111111L);
        put4(p, size - 4, 0x23456789L);
        return p;
    }

    @Test
    void readsEveryField() {
        FilHeader h = FilHeader.read(page(16384), 0, 16384);
        assertThat(h.checksum()).isEqualTo(0xCAFEBABEL);
        assertThat(h.pageNo()).isEqualTo(77);
        assertThat(h.prev()).isEqualTo(76);
        assertThat(h.hasPrev()).isTrue();
        assertThat(h.hasNext()).isFalse();
        assertThat(h.lsn()).isEqualTo(0x123456789L);
        assertThat(h.typeCode()).isEqualTo(17855);
        assertThat(h.keyVersion(false)).isEqualTo(5);
        assertThat(h.keyVersion(true)).isEqualTo(0xCAFEBABEL);
        assertThat(h.spaceId()).isEqualTo(12);
        assertThat(h.trailerOldChecksum()).isEqualTo(0x11111111L);
        assertThat(h.trailerLsnLow32(false)).isEqualTo(0x23456789L);
        assertThat(h.trailerLsnLow32(true)).isEqualTo(0x11111111L);
    }

    @Test
    void tornPageDetection() {
        PageSize k16 = PageSize.of(16384);
        byte[] p = page(16384);
        assertThat(FilHeader.read(p, 0, 16384).isTorn(k16, false)).isFalse();
        // In full_crc32 the LSN copy is the first trailer word; this page has 0x11111111 there.
        put4(p, 0, 0); // key version 0: not encrypted, so the comparison applies
        assertThat(FilHeader.read(p, 0, 16384).isTorn(k16, true)).isTrue();
        put4(p, 16384 - 4, 0x23456780L);
        assertThat(FilHeader.read(p, 0, 16384).isTorn(k16, false)).isTrue();
        // Not applicable to ROW_FORMAT=COMPRESSED pages, and without the trailer.
        assertThat(FilHeader.read(p, 0, 16384).isTorn(PageSize.zip(16384, 16384), false)).isFalse();
        assertThat(FilHeader.read(p, 0).isTorn(k16, false)).isFalse();
    }

    @Test
    void shortInput() {
        assertThat(FilHeader.read(new byte[37], 0)).isNull();
        assertThat(FilHeader.read(null, 0)).isNull();
        assertThat(FilHeader.read(new byte[100], -5)).isNull();
        FilHeader headerOnly = FilHeader.read(new byte[38], 0, 16384);
        assertThat(headerOnly.hasTrailer()).isFalse();
        assertThat(headerOnly.trailerOldChecksum()).isEqualTo(-1);
        assertThat(headerOnly.trailerLsnLow32(false)).isEqualTo(-1);
    }
}
