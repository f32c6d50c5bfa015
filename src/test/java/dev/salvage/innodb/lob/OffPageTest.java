package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The extern reference, 5.x BLOB chains and MySQL 8.0 LOBs on handcrafted pages. */
class OffPageTest {

    private static final int SIZE = 16384;
    private static final long SPACE = 9;

    private final Map<Long, byte[]> pages = new HashMap<>();
    private final PageReader reader = pages::get;

    @Test
    void referenceFieldsAndFlags() {
        byte[] b = new byte[30];
        int at = 10;
        put4(b, at, SPACE);
        put4(b, at + 4, 77);
        put4(b, at + 8, 38);
        b[at + 12] = (byte) (ExternRef.OWNER_FLAG | ExternRef.INHERITED_FLAG);
        put4(b, at + 16, 20000);

        ExternRef ref = ExternRef.readAtEndOf(b, 0, 30);

        assertThat(ref).isEqualTo(new ExternRef(SPACE, 77, 38, 20000, 0, true, true, false));
        assertThat(ref.isNull()).isFalse();
        assertThat(ExternRef.read(new byte[20], 0).isNull()).isTrue();
        assertThat(ExternRef.read(b, 11)).isNull();
        assertThat(ExternRef.readAtEndOf(b, 0, 19)).isNull();
    }

    @Test
    void blobChainIsReadInOrderWithTheLocalPrefix() {
        byte[] value = pattern(40000);
        // Three pages: 16000 + 16000 + 8000 bytes.
        blobPage(5, 0, 16000, 6, value);
        blobPage(6, 16000, 16000, 3, value);
        blobPage(3, 32000, 8000, Fil.FIL_NULL, value);
        byte[] local = localField(Arrays.copyOf(value, 0), 5, 38, 40000);

        LobRead read = ExternReader.readField(reader, local, 0, local.length, SIZE, ExternReader.DEFAULT_MAX_BYTES);

        assertThat(read.complete()).as(read.describe()).isTrue();
        assertThat(read.data()).isEqualTo(value);

        byte[] withPrefix = new byte[768 + 40000];
        System.arraycopy(pattern(768), 0, withPrefix, 0, 768);
        System.arraycopy(value, 0, withPrefix, 768, 40000);
        byte[] local768 = localField(pattern(768), 5, 38, 40000);
        assertThat(ExternReader.readField(reader, local768, 0, local768.length, SIZE, Integer.MAX_VALUE).data())
                .isEqualTo(withPrefix);
    }

    @Test
    void brokenChainsKeepWhatWasRead() {
        byte[] value = pattern(40000);
        blobPage(5, 0, 16000, 6, value);
        blobPage(6, 16000, 16000, 3, value);
        ExternRef ref = new ExternRef(SPACE, 5, 38, 40000, 0, false, false, false);

        LobRead missing = BlobChain.read(reader, ref, SIZE, Integer.MAX_VALUE);
        assertThat(missing.complete()).isFalse();
        assertThat(missing.brokenAt()).isEqualTo(3);
        assertThat(missing.reason()).isEqualTo("page unreadable");
        assertThat(missing.data()).isEqualTo(Arrays.copyOf(value, 32000));

        blobPage(3, 32000, 8000, 5, value);           // loops back, and the length promises more
        LobRead loop = BlobChain.read(reader, new ExternRef(SPACE, 5, 38, 400000, 0, false, false, false), SIZE,
                Integer.MAX_VALUE);
        assertThat(loop.complete()).isFalse();
        assertThat(loop.reason()).contains("loop");

        pages.get(6L)[Fil.PAGE_TYPE + 1] = (byte) PageType.INDEX;
        assertThat(BlobChain.read(reader, ref, SIZE, Integer.MAX_VALUE).reason()).contains("page type");

        blobPage(6, 16000, 16000, 3, value);
        put4(pages.get(6L), Fil.PAGE_SPACE_ID, 1);
        assertThat(BlobChain.read(reader, ref, SIZE, Integer.MAX_VALUE).reason()).contains("space 1");

        blobPage(6, 16000, 16000, 3, value);
        put4(pages.get(6L), Fil.PAGE_DATA, 17000);      // part length beyond the page
        assertThat(BlobChain.read(reader, ref, SIZE, Integer.MAX_VALUE).reason()).contains("exceeds the page");

        blobPage(6, 16000, 16000, 3, value);
        LobRead capped = BlobChain.read(reader, ref, SIZE, 20000);
        assertThat(capped.data()).isEqualTo(Arrays.copyOf(value, 20000));
        assertThat(capped.reason()).contains("limit");
    }

    @Test
    void mysql8LobFollowsItsIndexEntries() {
        byte[] value = pattern(30000);
        int inFirst = 15000;
        byte[] first = page(20, PageType.LOB_FIRST);
        // Index list: two entries in the first page (at LOB_PAGE_DATA and the next slot).
        int e1 = Lob8.FIRST_PAGE_DATA;
        int e2 = e1 + Lob8.ENTRY_SIZE;
        put4(first, Lob8.FIRST_INDEX_LIST, 2);
        put4(first, Lob8.FIRST_INDEX_LIST + 4, 20);
        put2(first, Lob8.FIRST_INDEX_LIST + 8, e1);
        entry(first, e1, 20, inFirst, 20, e2);
        entry(first, e2, 21, 30000 - inFirst, Fil.FIL_NULL, 0);
        System.arraycopy(value, 0, first, Lob8.FIRST_DATA_BEGIN, inFirst);
        byte[] data = page(21, PageType.LOB_DATA);
        System.arraycopy(value, inFirst, data, Lob8.DATA_PAGE_DATA, 30000 - inFirst);
        ExternRef ref = new ExternRef(SPACE, 20, 1, 30000, 0, false, false, false);

        LobRead read = ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE);
        assertThat(read.complete()).as(read.describe()).isTrue();
        assertThat(read.data()).isEqualTo(value);

        data[Fil.PAGE_TYPE + 1] = (byte) PageType.BLOB;
        LobRead broken = ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE);
        assertThat(broken.brokenAt()).isEqualTo(21);
        assertThat(broken.data()).isEqualTo(Arrays.copyOf(value, inFirst));

        entry(first, e2, 21, 30000 - inFirst, 20, e1);  // the list loops
        assertThat(ExternReader.readOffPage(reader, new ExternRef(SPACE, 20, 1, 90000, 0, false, false, false), SIZE,
                Integer.MAX_VALUE).complete()).isFalse();
    }

    @Test
    void unsupportedAndWrongFirstPagesAreReportedNotThrown() {
        page(30, PageType.SDI_ZBLOB);
        page(31, PageType.INDEX);
        page(32, PageType.ZBLOB);
        // ZBLOB and SDI_ZBLOB pages of zeros hold no zlib stream: read, and reported as broken.
        assertThat(ExternReader.readOffPage(reader, new ExternRef(SPACE, 30, 12, 100, 0, false, false, false), SIZE, 1000)
                .reason()).contains("zlib");
        assertThat(ExternReader.readOffPage(reader, new ExternRef(SPACE, 32, 12, 100, 0, false, false, false), SIZE, 1000)
                .reason()).contains("zlib");
        assertThat(ExternReader.readOffPage(reader, new ExternRef(SPACE, 31, 38, 100, 0, false, false, false), SIZE, 1000)
                .reason()).contains("not a BLOB");
        assertThat(ExternReader.readOffPage(reader, new ExternRef(SPACE, 99, 38, 100, 0, false, false, false), SIZE, 1000)
                .reason()).contains("unreadable");
    }

    /**
     * The SDI of a compressed tablespace: one zlib stream from FIL_PAGE_DATA of each page to its end, pages linked
     * by FIL_PAGE_NEXT, every page SDI_ZBLOB; a ZBLOB2 page in such a chain (or an SDI_ZBLOB page in a row's
     * ZBLOB chain) is another value's page and stops the read.
     */
    @Test
    void sdiZblobChainIsOneStreamOverSdiZblobPages() {
        byte[] value = new byte[20000];
        new java.util.Random(3).nextBytes(value); // incompressible: the stream needs two 16K pages
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(value);
        deflater.finish();
        byte[] stream = new byte[30000];
        int streamLen = deflater.deflate(stream);
        deflater.end();
        int room = SIZE - Fil.PAGE_DATA;
        assertThat(streamLen).isGreaterThan(room);
        byte[] first = page(40, PageType.SDI_ZBLOB);
        byte[] second = page(41, PageType.SDI_ZBLOB);
        put4(first, Fil.PAGE_NEXT, 41);
        put4(second, Fil.PAGE_NEXT, Fil.FIL_NULL);
        System.arraycopy(stream, 0, first, Fil.PAGE_DATA, room);
        System.arraycopy(stream, room, second, Fil.PAGE_DATA, streamLen - room);
        ExternRef ref = new ExternRef(SPACE, 40, Fil.PAGE_NEXT, value.length, 0, false, false, false);

        LobRead read = ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE);
        assertThat(read.complete()).as(read.describe()).isTrue();
        assertThat(read.data()).isEqualTo(value);

        put2(second, Fil.PAGE_TYPE, PageType.ZBLOB2);
        LobRead mixed = ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE);
        assertThat(mixed.complete()).isFalse();
        assertThat(mixed.brokenAt()).isEqualTo(41);
        assertThat(mixed.data()).isEqualTo(Arrays.copyOf(value, mixed.data().length));
        put2(first, Fil.PAGE_TYPE, PageType.ZBLOB);
        put2(second, Fil.PAGE_TYPE, PageType.SDI_ZBLOB);
        assertThat(ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE).brokenAt()).isEqualTo(41);
        put2(first, Fil.PAGE_TYPE, PageType.SDI_ZBLOB);

        put4(first, Fil.PAGE_NEXT, 40); // the first page names itself next, mid-stream
        assertThat(ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE).reason()).contains("loops");
        put4(first, Fil.PAGE_NEXT, 0x7ffffff0); // a page far beyond any file: unreadable, nothing allocated for it
        assertThat(ExternReader.readOffPage(reader, ref, SIZE, Integer.MAX_VALUE).reason()).contains("unreadable");
    }

    private void entry(byte[] p, int at, long pageNo, int len, long nextPage, int nextOffset) {
        put4(p, at + Lob8.ENTRY_NEXT, nextPage);
        put2(p, at + Lob8.ENTRY_NEXT + 4, nextOffset);
        put4(p, at + Lob8.ENTRY_PAGE_NO, pageNo);
        put2(p, at + Lob8.ENTRY_DATA_LEN, len);
    }

    private void blobPage(long pageNo, int from, int len, long next, byte[] value) {
        byte[] p = page(pageNo, PageType.BLOB);
        put4(p, Fil.PAGE_DATA + BlobChain.HDR_PART_LEN, len);
        put4(p, Fil.PAGE_DATA + BlobChain.HDR_NEXT_PAGE_NO, next);
        System.arraycopy(value, from, p, Fil.PAGE_DATA + BlobChain.HDR_SIZE, len);
    }

    private byte[] page(long pageNo, int type) {
        byte[] p = new byte[SIZE];
        put4(p, Fil.PAGE_OFFSET, pageNo);
        put2(p, Fil.PAGE_TYPE, type);
        put4(p, Fil.PAGE_SPACE_ID, SPACE);
        pages.put(pageNo, p);
        return p;
    }

    private static byte[] localField(byte[] prefix, long pageNo, long offset, long length) {
        byte[] local = Arrays.copyOf(prefix, prefix.length + ExternRef.SIZE);
        int at = prefix.length;
        put4(local, at, SPACE);
        put4(local, at + 4, pageNo);
        put4(local, at + 8, offset);
        put4(local, at + 16, length);
        return local;
    }

    /** Bytes that differ with their position, so misordered pages show. */
    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    private static void put2(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    private static void put4(byte[] p, int at, long v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }
}
