package dev.salvage.innodb.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.innodb.page.IndexPageHeader.SystemRecords;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IndexPageHeaderTest {

    private static void put2(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put(byte[] b, int off, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, off, bytes.length);
    }

    /** An empty compact leaf page as page_create writes it. */
    private static byte[] compactPage() {
        byte[] p = new byte[16384];
        int h = 38;
        put2(p, h, 2);                 // N_DIR_SLOTS
        put2(p, h + 2, 120);           // HEAP_TOP = supremum end
        put2(p, h + 4, 0x8000 | 2);    // N_HEAP with the compact bit
        put2(p, h + 12, 5);            // PAGE_NO_DIRECTION
        put2(p, h + 26, 0);            // LEVEL
        p[h + 28 + 7] = 42;            // INDEX_ID
        put(p, 99, "infimum\0");
        put(p, 112, "supremum");
        return p;
    }

    @Test
    void readsTheHeaderAndFindsCompactSystemRecords() {
        byte[] p = compactPage();
        IndexPageHeader h = IndexPageHeader.read(p, 0);
        assertThat(h.nDirSlots()).isEqualTo(2);
        assertThat(h.heapTop()).isEqualTo(120);
        assertThat(h.nHeap()).isEqualTo(2);
        assertThat(h.compact()).isTrue();
        assertThat(h.direction()).isEqualTo(5);
        assertThat(h.indexId()).isEqualTo(42);
        assertThat(h.level()).isZero();
        assertThat(IndexPageHeader.systemRecords(p, 0)).isEqualTo(SystemRecords.COMPACT);
        assertThat(h.systemRecordsMatch(p, 0)).isTrue();
        assertThat(h.implausibility(16384)).isNull();
    }

    @Test
    void redundantSystemRecords() {
        byte[] p = new byte[16384];
        put(p, 101, "infimum\0");
        put(p, 116, "supremum\0");
        assertThat(IndexPageHeader.systemRecords(p, 0)).isEqualTo(SystemRecords.REDUNDANT);
        assertThat(IndexPageHeader.read(p, 0).systemRecordsMatch(p, 0)).isTrue(); // compact bit clear
        assertThat(IndexPageHeader.read(compactPage(), 0).systemRecordsMatch(p, 0)).isFalse();
    }

    @Test
    void mariadbInstantCoreFieldsShareTheDirectionField() {
        byte[] p = compactPage();
        put2(p, 38 + 12, 3 << 3 | 2); // 3 core fields, PAGE_RIGHT
        IndexPageHeader h = IndexPageHeader.read(p, 0);
        assertThat(h.direction()).isEqualTo(2);
        assertThat(h.instantCoreFields()).isEqualTo(3);
    }

    @Test
    void implausibleHeadersSayWhy() {
        byte[] p = compactPage();
        put2(p, 38 + 2, 20000);
        assertThat(IndexPageHeader.read(p, 0).implausibility(16384)).contains("PAGE_HEAP_TOP");
        byte[] q = compactPage();
        put2(q, 38, 0);
        assertThat(IndexPageHeader.read(q, 0).implausibility(16384)).contains("PAGE_N_DIR_SLOTS");
    }

    @Test
    void shortInputIsNullOrNone() {
        assertThat(IndexPageHeader.read(new byte[93], 0)).isNull();
        assertThat(IndexPageHeader.read(null, 0)).isNull();
        assertThat(IndexPageHeader.read(new byte[200], -1)).isNull();
        assertThat(IndexPageHeader.systemRecords(new byte[120], 0)).isEqualTo(SystemRecords.NONE);
        assertThat(IndexPageHeader.systemRecords(compactPage(), 16384 - 50)).isEqualTo(SystemRecords.NONE);
    }
}
