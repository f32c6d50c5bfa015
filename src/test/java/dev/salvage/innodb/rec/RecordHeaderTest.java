package dev.salvage.innodb.rec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordHeaderTest {

    @Test
    void compactHeaderBitsAndRelativeNext() {
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        int origin = 300;
        TestPages.compactHeader(p, origin, RecordHeader.DELETED_FLAG, 4, 5, 1);
        TestPages.put2(p, origin - 2, 0xFFF0); // -16, relative

        RecordHeader h = RecordHeader.read(p, TestPages.SIZE, origin, RecordFormat.COMPACT);

        assertThat(h.deleted()).isTrue();
        assertThat(h.minRec()).isFalse();
        assertThat(h.nOwned()).isEqualTo(4);
        assertThat(h.heapNo()).isEqualTo(5);
        assertThat(h.status()).isEqualTo(RecordStatus.NODE_PTR);
        assertThat(h.next()).isEqualTo(284);
        assertThat(h.nFields()).isEqualTo(-1);
    }

    @Test
    void redundantHeaderCountsFieldsAndUsesAbsoluteNext() {
        byte[] p = TestPages.empty(RecordFormat.REDUNDANT);
        int origin = 300;
        TestPages.redundantHeader(p, origin, RecordHeader.MIN_REC_FLAG, 1, 7, new int[] {4, 8, 12}, true);
        TestPages.put2(p, origin - 2, 0x150);

        RecordHeader h = RecordHeader.read(p, TestPages.SIZE, origin, RecordFormat.REDUNDANT);

        assertThat(h.minRec()).isTrue();
        assertThat(h.nOwned()).isEqualTo(1);
        assertThat(h.heapNo()).isEqualTo(7);
        assertThat(h.nFields()).isEqualTo(3);
        assertThat(h.shortOffsets()).isTrue();
        assertThat(h.status()).isEqualTo(RecordStatus.ORDINARY);
        assertThat(h.next()).isEqualTo(0x150);
    }

    @Test
    void systemRecordsOfHandcraftedPagesDecode() {
        for (RecordFormat format : RecordFormat.values()) {
            byte[] p = TestPages.empty(format);
            RecordHeader inf = RecordHeader.read(p, TestPages.SIZE, format.infimum(), format);
            RecordHeader sup = RecordHeader.read(p, TestPages.SIZE, format.supremum(), format);
            assertThat(inf.status()).isEqualTo(RecordStatus.INFIMUM);
            assertThat(sup.status()).isEqualTo(RecordStatus.SUPREMUM);
            assertThat(inf.next()).isEqualTo(format.supremum());
            assertThat(sup.next()).isZero();
        }
    }

    @Test
    void formatComesFromTheTopBitOfNHeap() {
        assertThat(RecordFormat.ofNHeap(0x8002)).isEqualTo(RecordFormat.COMPACT);
        assertThat(RecordFormat.ofNHeap(0x0002)).isEqualTo(RecordFormat.REDUNDANT);
        assertThat(RecordFormat.COMPACT.heapStart()).isEqualTo(120);
        assertThat(RecordFormat.REDUNDANT.heapStart()).isEqualTo(125);
    }

    @Test
    void statusCodesFiveToSevenAreInvalid() {
        assertThat(RecordStatus.ofCode(4)).isEqualTo(RecordStatus.INSTANT);
        assertThat(RecordStatus.ofCode(5)).isEqualTo(RecordStatus.INVALID);
        assertThat(RecordStatus.ofCode(7)).isEqualTo(RecordStatus.INVALID);
    }

    @Test
    void headerOutsideThePageIsNull() {
        byte[] p = new byte[TestPages.SIZE];
        assertThat(RecordHeader.read(p, TestPages.SIZE, 3, RecordFormat.COMPACT)).isNull();
        assertThat(RecordHeader.read(p, TestPages.SIZE, TestPages.SIZE, RecordFormat.REDUNDANT)).isNull();
        assertThat(RecordHeader.read(p, TestPages.SIZE * 2, 100, RecordFormat.REDUNDANT)).isNull();
    }
}
