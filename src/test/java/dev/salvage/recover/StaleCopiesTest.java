package dev.salvage.recover;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Free-list rows whose key the index still holds are stale copies; the rest are the deleted rows. */
class StaleCopiesTest {

    private static RecoveredRow row(long page, int origin) {
        return new RecoveredRow(page, origin, 2, true, 7, FoundBy.FREE, List.of());
    }

    @Test
    void keysSeenBeforeOrAfterDropTheHeldCopies() {
        StaleCopies stale = new StaleCopies(10);
        stale.seen("a"); // seen before anything is held: the second pass will show it again
        assertThat(stale.hold("a", row(4, 100))).isTrue();
        assertThat(stale.hold("b", row(3, 200))).isTrue();
        assertThat(stale.hold("b", row(3, 120))).isTrue();
        assertThat(stale.hold("c", row(5, 90))).isTrue();
        stale.seen("a");
        stale.seen("c");
        stale.seen("z");
        assertThat(stale.deletedRows()).extracting(RecoveredRow::origin).containsExactly(120, 200);
        assertThat(stale.dropped()).isEqualTo(2);
        assertThat(stale.unchecked()).isZero();
    }

    @Test
    void beyondTheBoundRowsPassUncheckedAndAreCounted() {
        StaleCopies stale = new StaleCopies(1);
        assertThat(stale.hold("a", row(1, 100))).isTrue();
        assertThat(stale.hold("b", row(1, 200))).isFalse();
        assertThat(stale.unchecked()).isEqualTo(1);
        assertThat(stale.deletedRows()).hasSize(1);
        assertThat(stale.isEmpty()).isFalse();
    }
}
