package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.PageSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Extent descriptors built by hand: state and the per-page free bit decide what is in use. */
class ExtentMapTest {

    private static void putInt(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    @Test
    void extentSizesFollowThePageSize() {
        assertThat(ExtentMap.extentPages(PageSize.of(4096))).isEqualTo(256);
        assertThat(ExtentMap.extentPages(PageSize.of(8192))).isEqualTo(128);
        assertThat(ExtentMap.extentPages(PageSize.of(16384))).isEqualTo(64);
        assertThat(ExtentMap.extentPages(PageSize.of(65536))).isEqualTo(64);
        assertThat(ExtentMap.entrySize(64)).isEqualTo(40);
    }

    @Test
    void pagesAreInUseOnlyInUsedExtentsWithTheFreeBitClear() {
        PageSize size = PageSize.of(16384);
        byte[] page0 = new byte[16384];
        int entry0 = ExtentMap.XDES_ARR_OFFSET;
        putInt(page0, entry0 + ExtentMap.XDES_STATE, 2); // FREE_FRAG
        // pages 0..3 used (free bit clear), pages 4..63 free (bit 0 of each 2-bit pair set)
        for (int i = 4; i < 64; i++) {
            int bit = i * 2;
            page0[entry0 + ExtentMap.XDES_BITMAP + bit / 8] |= (byte) (1 << (bit % 8));
        }
        int entry1 = entry0 + ExtentMap.entrySize(64);
        putInt(page0, entry1 + ExtentMap.XDES_STATE, 1); // FREE: bitmap ignored
        ExtentMap map = new ExtentMap(size, 128);
        map.addDescriptorPage(0, page0, 0, page0.length);
        assertThat(map.isInUse(0)).isTrue();
        assertThat(map.isInUse(3)).isTrue();
        assertThat(map.isInUse(4)).isFalse();
        assertThat(map.isInUse(64)).isFalse();
        assertThat(map.isInUse(1000)).as("beyond the free limit").isFalse();
    }
}
