package dev.salvage.recover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells stale copies of live rows from truly deleted rows among free-list records. A page's free list holds not
 * only purged records but the old places of records that still exist: a page split moves the upper half of a
 * page's records to a new page and frees them in the old one ({@code page_move_rec_list_end} →
 * {@code page_delete_rec_list_end}), and a record that no longer fits in place is deleted and re-inserted. Such a
 * record's key is still in the index, on this page or another. So free-list rows are held back until every key of
 * the index has been seen, and those whose key is still there are dropped. Thread-safe (workers offer rows and
 * keys concurrently); memory bounded by {@code maxHeld} rows, beyond which rows pass unchecked (and are counted).
 */
final class StaleCopies {

    /** Default bound on held rows. */
    static final int DEFAULT_MAX_HELD = 200_000;

    private final Map<String, List<RecoveredRow>> held = new ConcurrentHashMap<>();
    private final AtomicInteger heldCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unchecked = new AtomicLong();
    private final int maxHeld;

    StaleCopies(int maxHeld) {
        this.maxHeld = maxHeld;
    }

    /** Takes a free-list row to hold; false when full (the caller emits it unchecked). */
    boolean hold(String key, RecoveredRow row) {
        if (heldCount.incrementAndGet() > maxHeld) {
            heldCount.decrementAndGet();
            unchecked.incrementAndGet();
            return false;
        }
        held.compute(key, (k, rows) -> {
            List<RecoveredRow> list = rows == null ? new ArrayList<>(1) : rows;
            list.add(row);
            return list;
        });
        return true;
    }

    /** A key of the index proper: any held row with this key is a stale copy. */
    void seen(String key) {
        if (held.isEmpty()) {
            return;
        }
        List<RecoveredRow> stale = held.remove(key);
        if (stale != null) {
            dropped.addAndGet(stale.size());
        }
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The rows no key of the index claims, in page and offset order; call after the last {@link #seen}. */
    List<RecoveredRow> deletedRows() {
        List<RecoveredRow> rows = new ArrayList<>();
        held.values().forEach(rows::addAll);
        rows.sort(Comparator.comparingLong(RecoveredRow::pageNo).thenComparingInt(RecoveredRow::origin));
        return rows;
    }

    /** Free-list rows dropped as stale copies of rows the index still holds. */
    long dropped() {
        return dropped.get();
    }

    /** Free-list rows emitted without the check because the bound was reached. */
    long unchecked() {
        return unchecked.get();
    }
}
