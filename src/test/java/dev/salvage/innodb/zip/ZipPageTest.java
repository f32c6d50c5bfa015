package dev.salvage.innodb.zip;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageType;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** Handcrafted bytes: the index description, and pages that must be refused with a reason, never a throw. */
class ZipPageTest {

    @Test
    void decodesTheIndexDescriptionOfAClusteredLeaf() {
        // (id INT PK, DB_TRX_ID, DB_ROLL_PTR, a INT NULL, v VARCHAR(60) NULL, tx TEXT NULL) as
        // page_zip_fields_encode writes it: id alone, trx+roll merged, a, v, tx, then the trx position.
        byte[] encoded = {0x09, 0x1B, 0x08, 0x00, 0x7E, 0x01};
        ZipFields f = ZipFields.decode(encoded, 0, encoded.length, true);
        assertThat(f).isNotNull();
        assertThat(f.size()).isEqualTo(5);
        assertThat(f.fixedLength(0)).isEqualTo(4);
        assertThat(f.fixedLength(1)).isEqualTo(13);
        assertThat(f.trxIdField()).isEqualTo(1);
        assertThat(f.isNullable(2)).isTrue();
        assertThat(f.fixedLength(3)).isZero();
        assertThat(f.isBig(3)).isFalse();
        assertThat(f.isBig(4)).isTrue();
        assertThat(f.nullableCount()).isEqualTo(3);
    }

    @Test
    void refusesDescriptionsThatCannotBe() {
        assertThat(ZipFields.decode(new byte[] {0x09}, 0, 1, true)).as("no fields").isNull();
        assertThat(ZipFields.decode(new byte[] {0x09, 0x05}, 0, 2, true)).as("trx position past the fields").isNull();
        assertThat(ZipFields.decode(new byte[] {0x08, 0x00}, 0, 2, false)).as("fewer nullable than present").isNull();
        assertThat(ZipFields.decode(new byte[] {0x09, (byte) 0x81}, 0, 2, true)).as("cut entry").isNull();
    }

    @Test
    void randomPagesAreRefusedWithAReason() {
        Random random = new Random(42);
        Deflater deflater = new Deflater();
        for (int t = 0; t < 3000; t++) {
            int zipSize = 1024 << random.nextInt(5);
            byte[] zip = new byte[zipSize];
            random.nextBytes(zip);
            zip[Fil.PAGE_TYPE] = (byte) (PageType.INDEX >> 8);
            zip[Fil.PAGE_TYPE + 1] = (byte) PageType.INDEX;
            if (t % 2 == 0) {
                // A plausible header and a real zlib stream, so the decoder gets past its first checks.
                zip[ZipPage.N_HEAP] = (byte) 0x80;
                zip[ZipPage.N_HEAP + 1] = (byte) random.nextInt(20);
                zip[ZipPage.N_RECS] = 0;
                zip[ZipPage.N_RECS + 1] = (byte) random.nextInt(10);
                zip[ZipPage.N_DIR_SLOTS] = 0;
                zip[ZipPage.N_DIR_SLOTS + 1] = (byte) (2 + random.nextInt(3));
                zip[ZipPage.LEVEL] = 0;
                zip[ZipPage.LEVEL + 1] = (byte) (t % 4 == 0 ? 0 : 1);
                byte[] body = new byte[200 + random.nextInt(400)];
                random.nextBytes(body);
                body[0] = 0x09;
                body[1] = 0x1B;
                body[2] = 0x01;
                deflater.reset();
                deflater.setInput(body, 0, 3);
                byte[] out = new byte[zipSize];
                int n = deflater.deflate(out, 0, out.length, Deflater.FULL_FLUSH);
                deflater.setInput(body, 3, body.length - 3);
                deflater.finish();
                n += deflater.deflate(out, n, out.length - n);
                System.arraycopy(out, 0, zip, ZipPage.PAGE_DATA, Math.min(n, zipSize - ZipPage.PAGE_DATA - 64));
            }
            ZipPage.Result r = ZipPage.decompress(zip, zipSize, 16384);
            if (!r.ok()) {
                assertThat(r.problem()).isNotBlank();
            } else {
                assertThat(r.page()).hasSize(16384);
            }
        }
        deflater.end();
    }

    @Test
    void refusesSizesAndTypesItCannotHandle() {
        byte[] page = new byte[4096];
        assertThat(ZipPage.decompress(page, 4096, 16384).problem()).contains("not an index page");
        assertThat(ZipPage.decompress(page, 3000, 16384).problem()).contains("compressed page size");
        assertThat(ZipPage.decompress(page, 4096, 2048).problem()).contains("logical page size");
        assertThat(ZipPage.decompress(null, 4096, 16384).ok()).isFalse();
    }
}
