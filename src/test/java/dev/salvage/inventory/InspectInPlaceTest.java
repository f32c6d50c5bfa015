package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.io.FilePageSource;
import dev.salvage.io.FileSet;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inventory checks most pages where the kernel read them (a direct buffer, checksum in place, only
 * header and trailer copied) and the rest on a copy. Both ways must say exactly the same about every
 * page: here every page of every file the real servers wrote, as written and with pages damaged in the
 * ways that leave the fast path (bad checksum, zeroed, torn, header wiped, another page's bytes,
 * another space's id), goes through {@link PageInspector#inspect(ByteBuffer, int, long)} and
 * {@link PageInspector#inspect(byte[], int, long)}, and the two {@link PageInfo}s are compared.
 */
@RealServer
class InspectInPlaceTest {

    @ParameterizedTest
    @EnumSource(InventoryFixtures.class)
    void directBufferAndArrayGiveTheSamePageInfo(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        long fastPathPages = 0;
        long badPages = 0;
        for (List<Path> files : InventoryFixtures.spaces(dd)) {
            try (FileSet set = FileSet.open(files)) {
                SpaceLayout layout = PageSizeDetector.detect(set, null);
                FilePageSource source = new FilePageSource(set, layout.pageSize());
                ExtentMap extents = PageInventory.readExtentMap(source, layout);
                Doublewrite dw = PageInventory.readDoublewrite(source, layout);
                int physical = layout.pageSize().physical();
                int pages = (int) source.pageCount();
                byte[] all = new byte[pages * physical];
                assertThat(source.readPages(0, pages, all)).isEqualTo(pages);

                for (byte[] bytes : List.of(all, damaged(all, physical, layout.spaceId()))) {
                    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
                    direct.put(0, bytes);
                    PageInspector viaArray = new PageInspector(layout, extents, dw);
                    PageInspector viaBuffer = new PageInspector(layout, extents, dw);
                    for (int p = 0; p < pages; p++) {
                        PageInfo a = viaArray.inspect(bytes, p * physical, p);
                        PageInfo b = viaBuffer.inspect(direct, p * physical, p);
                        assertThat(b).as("%s page %d", set.name(), p).isEqualTo(a);
                        if (!a.sound()) {
                            badPages++;
                        }
                        if (!layout.pageSize().isCompressed() && a.checksum() != null && a.checksum().valid()
                                && (a.checksum().algorithm() == ChecksumAlgorithm.CRC32C
                                || a.checksum().algorithm() == ChecksumAlgorithm.FULL_CRC32)) {
                            fastPathPages++;
                        }
                    }
                }
            }
        }
        assertThat(badPages).as("the damaged copies have bad pages").isPositive();
        if (!fixture.plainAlgorithms.contains("innodb")) {
            assertThat(fastPathPages).as("pages the fast path can take").isPositive();
        }
    }

    /** A copy with about every fifth page damaged, in turn each way that must leave the fast path. */
    private static byte[] damaged(byte[] all, int physical, long spaceId) {
        byte[] b = all.clone();
        int pages = all.length / physical;
        Random r = new Random(pages);
        for (int p = 1; p < pages; p++) {
            int off = p * physical;
            switch (p % 14) {
                case 1 -> b[off + Fil.PAGE_DATA + r.nextInt(physical - Fil.PAGE_DATA - 8)] ^= 0x5A; // bit rot
                case 3 -> java.util.Arrays.fill(b, off, off + physical, (byte) 0); // zeroed
                case 5 -> b[off + physical - 1] ^= 0x01; // torn: trailer LSN / CRC no longer matches
                case 7 -> java.util.Arrays.fill(b, off, off + Fil.PAGE_DATA, (byte) 0); // header wiped
                case 9 -> System.arraycopy(all, off - physical, b, off, physical); // another page's bytes, checksum valid
                case 11 -> b[off + Fil.PAGE_SPACE_ID + 3] ^= (byte) (spaceId == 0 ? 1 : 0x40); // space id changed
                case 13 -> b[off + Fil.PAGE_TYPE + 1] ^= 0x01; // page type changed
                default -> { }
            }
        }
        return b;
    }
}
