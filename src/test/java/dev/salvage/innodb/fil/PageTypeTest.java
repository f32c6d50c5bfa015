package dev.salvage.innodb.fil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.innodb.fil.PageType.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTypeTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "0, ALLOCATED, ALLOCATED", "2, UNDO_LOG, UNDO", "3, INODE, INODE", "4, IBUF_FREE_LIST, IBUF",
        "5, IBUF_BITMAP, IBUF", "6, SYS, SYS", "7, TRX_SYS, TRX_SYS", "8, FSP_HDR, FSP_HDR", "9, XDES, XDES",
        "10, BLOB, BLOB", "11, ZBLOB, ZBLOB", "12, ZBLOB2, ZBLOB", "17854, RTREE, RTREE", "17855, INDEX, INDEX",
    })
    void sharedTypesAreTheSameForEveryVendor(int code, String name, Category category) {
        for (Vendor v : Vendor.values()) {
            PageType t = PageType.of(code, v);
            assertThat(t.name()).isEqualTo(name);
            assertThat(t.category()).isEqualTo(category);
            assertThat(t.isKnown()).isTrue();
            assertThat(t).isSameAs(PageType.of(code, v));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "14, COMPRESSED, COMPRESSED", "15, ENCRYPTED, ENCRYPTED", "16, COMPRESSED_AND_ENCRYPTED, ENCRYPTED",
        "17, ENCRYPTED_RTREE, ENCRYPTED", "18, SDI_BLOB, SDI_BLOB", "19, SDI_ZBLOB, SDI_BLOB",
        "20, LEGACY_DBLWR, DOUBLEWRITE", "21, RSEG_ARRAY, RSEG_ARRAY", "22, LOB_INDEX, LOB", "23, LOB_DATA, LOB",
        "24, LOB_FIRST, LOB", "25, ZLOB_FIRST, ZLOB", "26, ZLOB_DATA, ZLOB", "27, ZLOB_INDEX, ZLOB",
        "28, ZLOB_FRAG, ZLOB", "29, ZLOB_FRAG_ENTRY, ZLOB", "17853, SDI, SDI",
    })
    void mysqlOnlyTypes(int code, String name, Category category) {
        assertThat(PageType.of(code, Vendor.MYSQL)).isEqualTo(new PageType(code, name, category));
        if (code != 18) {
            assertThat(PageType.of(code, Vendor.UNKNOWN).name()).isEqualTo(name);
            assertThat(PageType.of(code, Vendor.MARIADB).name()).isEqualTo("UNKNOWN(" + code + ")");
            assertThat(PageType.of(code, Vendor.MARIADB).isKnown()).isFalse();
        }
    }

    @Test
    void mariadbOnlyTypes() {
        assertThat(PageType.of(18, Vendor.MARIADB)).isEqualTo(new PageType(18, "INSTANT", Category.INSTANT));
        assertThat(PageType.of(18, Vendor.MARIADB).hasIndexHeader()).isTrue();
        assertThat(PageType.of(34354, Vendor.MARIADB).name()).isEqualTo("PAGE_COMPRESSED");
        assertThat(PageType.of(37401, Vendor.MARIADB).name()).isEqualTo("PAGE_COMPRESSED_ENCRYPTED");
        assertThat(PageType.of(34354, Vendor.UNKNOWN).name()).isEqualTo("PAGE_COMPRESSED");
        assertThat(PageType.of(34354, Vendor.MYSQL).isKnown()).isFalse();
    }

    @Test
    void fullCrc32CompressedMarkerCarriesTheStoredLength() {
        PageType t = PageType.of(0x8000 | 5, Vendor.MARIADB);
        assertThat(t.category()).isEqualTo(Category.COMPRESSED);
        assertThat(t.fullCrc32CompressedLength()).isEqualTo(1280);
        assertThat(t.name()).isEqualTo("PAGE_COMPRESSED_FCRC32(1280)");
        assertThat(PageType.of(0x8000 | 5, Vendor.MYSQL).isKnown()).isFalse();
        assertThat(PageType.of(0x8000, Vendor.MARIADB).isKnown()).isFalse(); // zero length
        assertThat(PageType.of(0x8100, Vendor.MARIADB).isKnown()).isFalse(); // 64K+: reserved bits set
    }

    @Test
    void code18WithoutVendorIsVisiblyAmbiguousAndResolvedFromTheBytes() {
        PageType t = PageType.of(18, Vendor.UNKNOWN);
        assertThat(t.name()).isEqualTo("SDI_BLOB_OR_INSTANT");
        assertThat(t.isKnown()).isFalse();

        byte[] instant = new byte[16384];
        instant[25] = 18;
        System.arraycopy("infimum\0supremum".getBytes(), 0, instant, 99, 8);
        System.arraycopy("supremum".getBytes(), 0, instant, 112, 8);
        assertThat(PageType.ofPage(instant, 0, Vendor.UNKNOWN).name()).isEqualTo("INSTANT");

        byte[] sdiBlob = new byte[16384];
        sdiBlob[25] = 18;
        assertThat(PageType.ofPage(sdiBlob, 0, Vendor.UNKNOWN).name()).isEqualTo("SDI_BLOB");
        assertThat(PageType.of(18, Vendor.UNKNOWN, new byte[50], 0).name()).isEqualTo("SDI_BLOB_OR_INSTANT");
    }

    @Test
    void unknownCodesKeepTheirNumberAndNeverThrow() {
        for (int code : new int[] {1, 13, 30, 100, 17852, 17856, 65535, -1}) {
            for (Vendor v : new Vendor[] {Vendor.MYSQL, Vendor.MARIADB, Vendor.UNKNOWN, null}) {
                PageType t = PageType.of(code, v);
                assertThat(t.isKnown()).isFalse();
                assertThat(t.code()).isEqualTo(code);
            }
        }
        assertThat(PageType.of(1, Vendor.MYSQL).name()).isEqualTo("UNKNOWN(1)");
        assertThat(PageType.of(13, Vendor.MYSQL).name()).isEqualTo("TYPE_UNKNOWN");
        assertThat(PageType.of(100, Vendor.MYSQL)).isSameAs(PageType.of(100, Vendor.MARIADB));
        assertThat(PageType.ofPage(new byte[10], 0, Vendor.MYSQL).isKnown()).isFalse();
    }
}
