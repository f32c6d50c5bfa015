package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and looping compressed-BLOB pages (5.x ZBLOB chains, 8.0 ZLOBs): the readers report broken values
 * and never throw, loop, or allocate what a length field claims.
 */
class CompressedLobDamageTest {

    @Test
    void randomPagesNeverThrow() {
        Random random = new Random(7);
        for (int t = 0; t < 2000; t++) {
            int size = 1024 << random.nextInt(5);
            Map<Long, byte[]> pages = new HashMap<>();
            for (long p = 0; p < 8; p++) {
                byte[] page = new byte[size];
                random.nextBytes(page);
                int type = switch (random.nextInt(5)) {
                    case 0 -> PageType.ZBLOB;
                    case 1 -> PageType.ZBLOB2;
                    case 2 -> PageType.ZLOB_FIRST;
                    case 3 -> PageType.ZLOB_DATA;
                    default -> PageType.ZLOB_FRAG;
                };
                page[Fil.PAGE_TYPE] = (byte) (type >> 8);
                page[Fil.PAGE_TYPE + 1] = (byte) type;
                // Same space id everywhere and next pointers inside the 8 pages, so readers go deep.
                page[Fil.PAGE_SPACE_ID] = page[Fil.PAGE_SPACE_ID + 1] = page[Fil.PAGE_SPACE_ID + 2] = 0;
                page[Fil.PAGE_SPACE_ID + 3] = 5;
                page[Fil.PAGE_NEXT] = page[Fil.PAGE_NEXT + 1] = page[Fil.PAGE_NEXT + 2] = 0;
                page[Fil.PAGE_NEXT + 3] = (byte) random.nextInt(8);
                pages.put(p, page);
            }
            ExternRef ref = new ExternRef(5, random.nextInt(8), random.nextBoolean() ? Fil.PAGE_NEXT : random.nextInt(3),
                    random.nextInt(1 << 20), 0, false, false, false);
            LobRead read = ExternReader.readOffPage(pages::get, ref, size, 1 << 20);
            assertThat(read.data().length).isLessThanOrEqualTo((int) ref.length());
            if (!read.complete()) {
                assertThat(read.reason()).isNotBlank();
            }
        }
    }

    @Test
    void aZblobChainThatLoopsIsBroken() {
        byte[] page = new byte[1024];
        page[Fil.PAGE_TYPE + 1] = (byte) PageType.ZBLOB;
        page[Fil.PAGE_SPACE_ID + 3] = 5;
        page[Fil.PAGE_NEXT + 3] = 0; // next page: itself
        byte[] again = page.clone();
        again[Fil.PAGE_TYPE + 1] = (byte) PageType.ZBLOB2;
        // A zlib header, then a stored block that never ends: the reader must still stop.
        byte[] stream = {0x78, 0x01, 0x00, (byte) 0xFF, 0x7F, 0x00, (byte) 0x80};
        System.arraycopy(stream, 0, page, Fil.PAGE_DATA, stream.length);
        ExternRef ref = new ExternRef(5, 0, Fil.PAGE_NEXT, 1 << 20, 0, false, false, false);
        LobRead read = ExternReader.readOffPage(p -> p == 0 ? page : again, ref, 1024, 1 << 20);
        assertThat(read.complete()).isFalse();
        assertThat(read.reason()).isNotBlank();
    }
}
