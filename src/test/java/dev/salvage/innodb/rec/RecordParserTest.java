package dev.salvage.innodb.rec;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RecordParserTest {

    /** id INT, DB_TRX_ID, DB_ROLL_PTR, a VARCHAR(20) NULL, b INT NULL, t TEXT NULL. */
    private static final FieldLayout LEAF = FieldLayout.builder()
            .fixed("id", 4, false).systemColumns().variable("a", 20, true).fixed("b", 4, true).blob("t", true).build();
    private static final int ORIGIN = 400;

    private final RecordOffsets out = new RecordOffsets();

    @Test
    void compactLeafWithNullAndExternField() {
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 0);
        p[ORIGIN - 6] = 0b001;            // null bitmap: a NULL, b and t not
        p[ORIGIN - 7] = (byte) 0xC3;      // t: 2-byte length, extern flag, 788 = 0x314
        p[ORIGIN - 8] = 0x14;

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, LEAF, out)).as(out.describe()).isTrue();

        assertThat(out.isNull(3)).isTrue();
        assertThat(out.offset(4)).isEqualTo(ORIGIN + 17);
        assertThat(out.length(4)).isEqualTo(4);
        assertThat(out.isExtern(5)).isTrue();
        assertThat(out.offset(5)).isEqualTo(ORIGIN + 21);
        assertThat(out.length(5)).isEqualTo(788);
        assertThat(out.extraStart()).isEqualTo(ORIGIN - 8);
        assertThat(out.end()).isEqualTo(ORIGIN + 21 + 788);
        assertThat(out.status()).isEqualTo(RecordStatus.ORDINARY);
    }

    @Test
    void lengthTakesTwoBytesOnlyForBigColumnsWithTheHighBitSet() {
        FieldLayout layout = FieldLayout.builder().variable("small", 255, false).variable("big", 300, false)
                .variable("big2", 300, false).build();
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 0);
        // No nullable fields: no bitmap byte. small = 200 in one byte (high bit set, but max ≤ 255).
        p[ORIGIN - 6] = (byte) 200;
        p[ORIGIN - 7] = 100;              // big = 100: one byte, high bit clear
        p[ORIGIN - 8] = (byte) 0x81;      // big2 = 0x12C = 300: two bytes
        p[ORIGIN - 9] = 0x2C;

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, layout, out)).as(out.describe()).isTrue();

        assertThat(out.length(0)).isEqualTo(200);
        assertThat(out.length(1)).isEqualTo(100);
        assertThat(out.length(2)).isEqualTo(300);
        assertThat(out.isExtern(2)).isFalse();
        assertThat(out.offset(2)).isEqualTo(ORIGIN + 300);
    }

    @Test
    void nodePointerKeepsTheLeafNullBitmapSize() {
        FieldLayout nodePtr = LEAF.nodePointer(1);
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, RecordHeader.MIN_REC_FLAG, 0, 2, 1);
        // One (unused) null bitmap byte: the leaf has 3 nullable fields. No length bytes: both fields fixed.
        assertThat(nodePtr.nullBitmapBytes()).isEqualTo(1);

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, nodePtr, out)).isTrue();

        assertThat(out.fieldCount()).isEqualTo(2);
        assertThat(out.offset(1)).isEqualTo(ORIGIN + 4);
        assertThat(out.length(1)).isEqualTo(4);
        assertThat(out.extraStart()).isEqualTo(ORIGIN - 6);
        assertThat(out.minRec()).isTrue();
        // The same bytes with the leaf layout: the status says node pointer, so it is refused.
        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, LEAF, out)).isFalse();
        assertThat(out.verdict()).isEqualTo(RecordVerdict.BAD_STATUS);
    }

    @Test
    void mariadbInstantRecordCarriesItsFieldCountAndOldRecordsGetDefaults() {
        FieldLayout layout = FieldLayout.builder().fixed("id", 4, false).systemColumns().fixed("b", 4, true)
                .fixed("c", 4, true).build().withCoreFields(4);
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 4);   // REC_STATUS_INSTANT
        p[ORIGIN - 6] = 0;                                 // one field added (stored as count - 1)
        p[ORIGIN - 7] = 0b01;                              // b NULL, c not

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, layout, out)).as(out.describe()).isTrue();
        assertThat(out.isNull(3)).isTrue();
        assertThat(out.isDefault(4)).isFalse();
        assertThat(out.offset(4)).isEqualTo(ORIGIN + 17);

        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 0);   // an ordinary record from before the ADD COLUMN
        p[ORIGIN - 6] = 0;                                 // its core null bitmap: b not NULL
        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, layout, out)).isTrue();
        assertThat(out.isNull(3)).isFalse();
        assertThat(out.isDefault(4)).isTrue();
        assertThat(out.end()).isEqualTo(ORIGIN + 21);

        TestPages.compactHeader(p, ORIGIN, RecordHeader.MIN_REC_FLAG | RecordHeader.DELETED_FLAG, 0, 2, 4);
        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, layout, out)).isFalse();
        assertThat(out.verdict()).isEqualTo(RecordVerdict.UNSUPPORTED_METADATA);
    }

    @Test
    void mysqlInstantFlagReadsTheStoredFieldCount() {
        FieldLayout layout = FieldLayout.builder().fixed("id", 4, false).systemColumns().fixed("b", 4, true)
                .fixed("c", 4, true).fixed("d", 4, true).build().withCoreFields(4);
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, RecordHeader.INSTANT_FLAG, 0, 2, 0);
        p[ORIGIN - 6] = 5;         // 5 fields stored: d was added later still
        p[ORIGIN - 7] = 0b10;      // b not NULL, c NULL

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.COMPACT, layout, out)).as(out.describe()).isTrue();
        assertThat(out.isNull(4)).isTrue();
        assertThat(out.isDefault(5)).isTrue();
        assertThat(out.end()).isEqualTo(ORIGIN + 21);
    }

    @Test
    void corruptCompactRecordsGetVerdicts() {
        byte[] p = TestPages.empty(RecordFormat.COMPACT);
        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 0);
        p[ORIGIN - 7] = 21;   // t: 21 bytes... fine; a: make it too long
        p[ORIGIN - 6] = 0;    // nothing NULL: a, then t lengths
        p[ORIGIN - 7] = 30;   // a VARCHAR(20) with 30 bytes
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.LENGTH_EXCEEDS_MAX, 3);

        p[ORIGIN - 7] = 5;
        p[ORIGIN - 8] = (byte) 0xBF; // t: 0x3FFF bytes, beyond the page
        p[ORIGIN - 9] = (byte) 0xFF;
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.DATA_OUTSIDE_PAGE, 5);

        p[ORIGIN - 8] = (byte) 0xC0; // t extern with 10 bytes: shorter than its reference
        p[ORIGIN - 9] = 10;
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.EXTERN_TOO_SHORT, 5);

        TestPages.compactHeader(p, ORIGIN, 0, 0, 2, 6);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.BAD_STATUS, -1);
        TestPages.compactHeader(p, ORIGIN, 0, 0, 1, 3);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.SYSTEM_RECORD, -1);

        // A record whose lengths would lie in the system records.
        TestPages.compactHeader(p, 126, 0, 0, 2, 0);
        assertVerdict(p, 126, LEAF, RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, 3);
        assertVerdict(p, 122, LEAF, RecordVerdict.HEADER_OUTSIDE_PAGE, -1);
        assertVerdict(p, TestPages.SIZE - 8, LEAF, RecordVerdict.HEADER_OUTSIDE_PAGE, -1);
    }

    @Test
    void redundantRecordsUseTheirEndOffsets() {
        byte[] p = TestPages.empty(RecordFormat.REDUNDANT);
        // id, trx, roll, a NULL (0 bytes), b NULL (4 zero bytes kept), t extern with 788 local bytes.
        int[] ends = {4, 10, 17, 17 | 0x8000, 21 | 0x8000, 809 | 0x4000};
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, ends, false);

        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.REDUNDANT, LEAF, out)).as(out.describe()).isTrue();

        assertThat(out.isNull(3)).isTrue();
        assertThat(out.isNull(4)).isTrue();
        assertThat(out.isExtern(5)).isTrue();
        assertThat(out.offset(5)).isEqualTo(ORIGIN + 21);
        assertThat(out.length(5)).isEqualTo(788);
        assertThat(out.extraStart()).isEqualTo(ORIGIN - 6 - 12);

        int[] shortEnds = {4, 10, 17, 17 | 0x80, 21 | 0x80, 30};
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, shortEnds, true);
        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.REDUNDANT, LEAF, out)).isTrue();
        assertThat(out.length(5)).isEqualTo(9);
        assertThat(out.isExtern(5)).isFalse();
        assertThat(out.extraStart()).isEqualTo(ORIGIN - 12);

        // Fewer stored fields than the layout: the rest are instant defaults.
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, new int[] {4, 10, 17, 20, 24}, true);
        assertThat(RecordParser.parse(p, TestPages.SIZE, ORIGIN, RecordFormat.REDUNDANT, LEAF, out)).isTrue();
        assertThat(out.isDefault(5)).isTrue();
    }

    @Test
    void corruptRedundantRecordsGetVerdicts() {
        byte[] p = TestPages.empty(RecordFormat.REDUNDANT);
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, new int[] {4, 10, 8, 20, 24, 30}, true);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.OFFSETS_DESCENDING, 2);
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, new int[] {5, 11, 18, 20, 24, 30}, true);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.FIXED_LENGTH_MISMATCH, 0);
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, new int[] {4, 10, 17, 20, 24, 30, 31}, true);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.FIELD_COUNT, -1);
        TestPages.redundantHeader(p, ORIGIN, 0, 0, 2, new int[] {4, 10 | 0x4000, 17, 20, 24, 30}, false);
        assertVerdict(p, ORIGIN, LEAF, RecordVerdict.EXTERN_NOT_ALLOWED, 1);
        TestPages.redundantHeader(p, TestPages.SIZE - 20, 0, 0, 2, new int[] {4, 10, 17, 20, 24, 30}, true);
        assertVerdict(p, TestPages.SIZE - 20, LEAF, RecordVerdict.DATA_OUTSIDE_PAGE, 2); // ends past the trailer
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        byte[] p = new byte[TestPages.SIZE];
        FieldLayout[] layouts = {LEAF, LEAF.nodePointer(1), LEAF.withCoreFields(4)};
        int ok = 0;
        for (int round = 0; round < 20_000; round++) {
            if (round % 100 == 0) {
                random.nextBytes(p);
            }
            int origin = random.nextInt(TestPages.SIZE + 10) - 5;
            for (RecordFormat format : RecordFormat.values()) {
                for (FieldLayout layout : layouts) {
                    if (RecordParser.parse(p, TestPages.SIZE, origin, format, layout, out)) {
                        ok++;
                        assertThat(out.extraStart()).isGreaterThanOrEqualTo(format.heapStart());
                        assertThat(out.end()).isLessThanOrEqualTo(TestPages.SIZE - 8);
                    } else {
                        assertThat(out.verdict()).isNotEqualTo(RecordVerdict.OK);
                    }
                }
            }
        }
        assertThat(ok).as("some random records parse, so the bounds were exercised").isPositive();
    }

    private void assertVerdict(byte[] p, int origin, FieldLayout layout, RecordVerdict verdict, int field) {
        RecordFormat format = (p[TestPages.H + 4] & 0x80) != 0 ? RecordFormat.COMPACT : RecordFormat.REDUNDANT;
        assertThat(RecordParser.parse(p, TestPages.SIZE, origin, format, layout, out)).isFalse();
        assertThat(out.verdict()).as(out.describe()).isEqualTo(verdict);
        assertThat(out.badField()).isEqualTo(field);
        assertThat(out.describe()).contains(verdict.description());
    }
}
