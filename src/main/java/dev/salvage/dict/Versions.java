package dev.salvage.dict;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Picks one version per row among the copies of it the pages hold: a live record (in a record list, not
 * delete-marked) wins; among deleted copies the newest transaction's, and a delete-marked one over a purged one.
 */
final class Versions {

    private static final Comparator<DictRecord> BEST = Comparator
            .comparing((DictRecord r) -> !r.deleted())
            .thenComparingLong(DictRecord::trxId)
            .thenComparing(r -> !r.garbage());

    private Versions() {
    }

    /** One record per key (the clustered key unless {@code key} says otherwise), in first-seen key order. */
    static Map<String, DictRecord> pick(Collection<DictRecord> records, Function<DictRecord, String> key) {
        Map<String, DictRecord> best = new LinkedHashMap<>();
        for (DictRecord r : records) {
            best.merge(key.apply(r), r, (a, b) -> BEST.compare(a, b) >= 0 ? a : b);
        }
        return best;
    }

    static Map<String, DictRecord> pick(List<DictRecord> records) {
        return pick(records, DictRecord::key);
    }
}
