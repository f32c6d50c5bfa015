package dev.salvage.innodb.rec;

import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RecordWalkerTest {

    private static final int R1 = 200;
    private static final int R2 = 300;
    private static final int R3 = 250;   // list order need not be heap order
    private static final int FREED = 400;

    private final RecordWalker walker = new RecordWalker();

    /** infimum → R1 → R2 → R3 → supremum, one purged record on the free list, supremum owning 4. */
    private static byte[] page(RecordFormat format) {
        byte[] p = TestPages.empty(format);
        int heapNo = 2;
        for (int origin : new int[] {R1, R2, R3, FREED}) {
            if (format == RecordFormat.COMPACT) {
                TestPages.compactHeader(p, origin, origin == FREED ? RecordHeader.DELETED_FLAG : 0, 0, heapNo++, 0);
            } else {
                TestPages.redundantHeader(p, origin, origin == FREED ? RecordHeader.DELETED_FLAG : 0, 0, heapNo++,
                        new int[] {4}, true);
            }
        }
        TestPages.link(p, format, format.infimum(), R1);
        TestPages.link(p, format, R1, R2);
        TestPages.link(p, format, R2, R3);
        TestPages.link(p, format, R3, format.supremum());
        int supremumOwner = format.supremum() - format.headerBytes();
        p[supremumOwner] = (byte) (p[supremumOwner] & 0xF0 | 4);
        TestPages.setHeader(p, IndexPageHeader.N_HEAP, 6);
        TestPages.setHeader(p, IndexPageHeader.N_RECS, 3);
        TestPages.setHeader(p, IndexPageHeader.FREE, FREED);
        TestPages.setHeader(p, IndexPageHeader.HEAP_TOP, 500);
        return p;
    }

    @Test
    void walksListFreeListAndDirectoryOfBothFormats() {
        for (RecordFormat format : RecordFormat.values()) {
            List<Integer> seen = new ArrayList<>();
            PageRecordsReport report = walker.check(page(format), TestPages.SIZE, seen::add);

            assertThat(report.format()).isEqualTo(format);
            assertThat(report.clean()).as(report.describe()).isTrue();
            assertThat(seen).containsExactly(R1, R2, R3);
            assertThat(report.records()).isEqualTo(new ChainWalk(3, 3, WalkEnd.SUPREMUM, R3, 0));
            assertThat(report.free()).isEqualTo(new ChainWalk(1, 1, WalkEnd.NULL_NEXT, FREED, 0));
            assertThat(report.directory().ownersMatched()).isEqualTo(2);
        }
    }

    @Test
    void loopIsDetected() {
        byte[] p = page(RecordFormat.COMPACT);
        TestPages.link(p, RecordFormat.COMPACT, R3, R1);

        ChainWalk walk = walker.walkRecords(p, TestPages.SIZE, null);

        assertThat(walk).isEqualTo(new ChainWalk(3, 3, WalkEnd.LOOP, R3, R1));
        assertThat(walk.complete(false)).isFalse();
        assertThat(walk.describe()).contains("loops back");
    }

    @Test
    void pointerOutsideTheHeapStopsTheWalk() {
        byte[] p = page(RecordFormat.REDUNDANT);
        TestPages.link(p, RecordFormat.REDUNDANT, R2, 16380);

        PageRecordsReport report = walker.check(p, TestPages.SIZE);

        assertThat(report.records()).isEqualTo(new ChainWalk(2, 3, WalkEnd.OUT_OF_HEAP, R2, 16380));
        assertThat(report.clean()).isFalse();
        assertThat(report.directory().consistent()).isFalse();
    }

    @Test
    void nullNextBeforeTheSupremumIsABreak() {
        byte[] p = page(RecordFormat.COMPACT);
        TestPages.link(p, RecordFormat.COMPACT, R2, 0);

        assertThat(walker.walkRecords(p, TestPages.SIZE, null)).isEqualTo(new ChainWalk(2, 3, WalkEnd.NULL_NEXT, R2, 0));
    }

    @Test
    void freeListRunningIntoTheRecordListIsReported() {
        byte[] p = page(RecordFormat.COMPACT);
        TestPages.link(p, RecordFormat.COMPACT, FREED, R2);

        PageRecordsReport report = walker.check(p, TestPages.SIZE);

        assertThat(report.free()).isEqualTo(new ChainWalk(1, 1, WalkEnd.CROSSES_LIST, FREED, R2));
        assertThat(report.clean()).isFalse();
    }

    @Test
    void directoryDisagreementsAreFound() {
        byte[] p = page(RecordFormat.COMPACT);
        int supremumOwner = RecordFormat.COMPACT.supremum() - 5;
        p[supremumOwner] = (byte) (p[supremumOwner] & 0xF0 | 3);
        assertThat(walker.check(p, TestPages.SIZE).directory().problem()).contains("supremum owns 3");

        p = page(RecordFormat.COMPACT);
        p[R1 - 5] = 2; // R1 claims to own a group: the directory has no slot for it
        assertThat(walker.check(p, TestPages.SIZE).directory().problem()).contains("slot 1 points at");
    }

    @Test
    void randomPagesTerminateWithoutThrowing() {
        Random random = new Random(7);
        byte[] p = new byte[TestPages.SIZE];
        int supremumReached = 0;
        for (int round = 0; round < 300; round++) {
            random.nextBytes(p);
            if (round % 2 == 0) {
                // Keep a valid frame so the walk gets past the first pointer now and then.
                byte[] frame = page(round % 4 == 0 ? RecordFormat.COMPACT : RecordFormat.REDUNDANT);
                System.arraycopy(frame, 0, p, 0, 200 + random.nextInt(200));
            }
            PageRecordsReport report = walker.check(p, TestPages.SIZE);
            assertThat(report.records().found()).isLessThan(TestPages.SIZE);
            supremumReached += report.records().end() == WalkEnd.SUPREMUM ? 1 : 0;
        }
        assertThat(walker.check(new byte[100], TestPages.SIZE).records().end()).isEqualTo(WalkEnd.NOT_WALKABLE);
        assertThat(walker.check(p, 1000).records().end()).isEqualTo(WalkEnd.NOT_WALKABLE);
        assertThat(supremumReached).isPositive();
    }
}
