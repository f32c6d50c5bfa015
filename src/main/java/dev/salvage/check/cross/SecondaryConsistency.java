package dev.salvage.check.cross;

import dev.salvage.check.keys.IndexKey;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.innodb.rec.RecordOffsets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each secondary index must hold exactly one non-deleted entry per non-deleted clustered record: the entry the
 * record projects to ({@link IndexShape#expectedEntry}). Fed every leaf record of the table's indexes in any
 * order, it compares per index
 * <ol>
 *   <li>counts, as CHECK TABLE does ("contains N entries, should be M"), and</li>
 *   <li>a multiset fingerprint: the sum of 64-bit key hashes of expected entries against that of found ones.
 *       Equal counts with unequal sums mean some entries differ (one orphan plus one missing).</li>
 * </ol>
 * Both cost O(1) memory per index. To name the differing keys, construct it with a spill directory: every key
 * is then also written to hash-partitioned temporary files ({@link KeySpill}), which are read back only for
 * the indexes whose fingerprint differs, one bounded partition at a time. Without a spill directory a
 * mismatch is reported by counts only; run again with one to list the keys.
 */
public final class SecondaryConsistency implements AutoCloseable {

    /** Keys listed per index and kind before the rest is only counted. */
    public static final int LISTED_KEYS = 100;

    private final IndexShape clustered;
    private final List<IndexShape> secondaries = new ArrayList<>();
    private final Map<IndexShape, State> states = new LinkedHashMap<>();
    private long clusteredRecords;

    private static final class State {
        final String projectionNote;
        long expected;
        long found;
        long expectedHash;
        long foundHash;
        long unprojectable;
        KeySpill spill;

        State(String note) {
            this.projectionNote = note;
        }
    }

    /** Counts and fingerprints only. {@code shapes.get(0)} must be the clustered index. */
    public SecondaryConsistency(List<IndexShape> shapes) {
        this(shapes, null, 0);
    }

    /**
     * Also keeps every key in partitioned files under {@code spillDir} so that orphan and missing entries can
     * be listed; at most {@code maxInMemory} keys are loaded at once.
     */
    public SecondaryConsistency(List<IndexShape> shapes, Path spillDir, int maxInMemory) {
        if (shapes.isEmpty() || !shapes.get(0).clustered()) {
            throw new IllegalArgumentException("the clustered index comes first");
        }
        this.clustered = shapes.get(0);
        for (IndexShape s : shapes.subList(1, shapes.size())) {
            secondaries.add(s);
            State st = new State(s.projectionNote());
            if (spillDir != null && st.projectionNote.isEmpty()) {
                st.spill = new KeySpill(spillDir, maxInMemory);
            }
            states.put(s, st);
        }
    }

    /** A clustered index leaf record parsed with the clustered shape's leaf layout, from page {@code pageNo}. */
    public void clustered(byte[] page, long pageNo, RecordOffsets rec) {
        if (rec.deleted() || rec.minRec()) {
            return;
        }
        clusteredRecords++;
        for (IndexShape s : secondaries) {
            State st = states.get(s);
            st.expected++;
            if (!st.projectionNote.isEmpty()) {
                continue;
            }
            Optional<IndexKey> key = s.expectedEntry(page, rec);
            if (key.isEmpty()) {
                st.unprojectable++;
                continue;
            }
            long h = KeyHash.of(key.get());
            st.expectedHash += h;
            if (st.spill != null) {
                st.spill.add(key.get(), h, 1, pageNo);
            }
        }
    }

    /** A leaf record of secondary index {@code shape}, parsed with its leaf layout, from page {@code pageNo}. */
    public void secondary(IndexShape shape, byte[] page, long pageNo, RecordOffsets rec) {
        State st = states.get(shape);
        if (st == null || rec.deleted()) {
            return;
        }
        st.found++;
        if (!st.projectionNote.isEmpty()) {
            return;
        }
        IndexKey key = shape.key(page, rec);
        long h = KeyHash.of(key);
        st.foundHash += h;
        if (st.spill != null) {
            st.spill.add(key, h, -1, pageNo);
        }
    }

    public long clusteredRecords() {
        return clusteredRecords;
    }

    /** Non-deleted entries seen per secondary index, by name. */
    public Map<String, Long> entries() {
        Map<String, Long> out = new LinkedHashMap<>();
        states.forEach((s, st) -> out.put(s.name(), st.found));
        return out;
    }

    /** Everything that disagrees; empty when every secondary index matches the clustered index. */
    public List<CrossFinding> finish() {
        List<CrossFinding> out = new ArrayList<>();
        for (Map.Entry<IndexShape, State> e : states.entrySet()) {
            IndexShape s = e.getKey();
            State st = e.getValue();
            if (st.found != st.expected) {
                out.add(new CrossFinding(s.name(), CrossFinding.Kind.COUNT_MISMATCH, null, -1, "Index "
                        + s.name() + " contains " + st.found + " entries, should be " + st.expected
                        + " (the clustered index " + clustered.name() + " has " + clusteredRecords + " records)"));
            }
            if (!st.projectionNote.isEmpty() || st.unprojectable > 0) {
                out.add(new CrossFinding(s.name(), CrossFinding.Kind.KEYS_NOT_COMPARED, null, -1,
                        "Index " + s.name() + ": entries compared by count only ("
                                + (st.projectionNote.isEmpty() ? st.unprojectable
                                + " clustered records hold a key column off-page or as an instant default"
                                : st.projectionNote) + ")"));
                continue;
            }
            if (st.expectedHash == st.foundHash && st.found == st.expected) {
                continue;
            }
            if (st.found == st.expected) {
                out.add(new CrossFinding(s.name(), CrossFinding.Kind.COUNT_MISMATCH, null, -1, "Index " + s.name()
                        + " holds as many entries as the clustered index has records, but not the same keys"));
            }
            if (st.spill != null) {
                long[] total = {0};
                for (KeySpill.Difference d : st.spill.differences(2 * LISTED_KEYS, total)) {
                    String k = s.describe(d.key());
                    if (d.delta() > 0) {
                        out.add(new CrossFinding(s.name(), CrossFinding.Kind.MISSING_ENTRY, k, d.page(),
                                "Index " + s.name() + " lacks the entry " + k + " for the clustered record on page "
                                        + d.page() + (d.delta() > 1 ? " (" + d.delta() + " times)" : "")));
                    } else {
                        out.add(new CrossFinding(s.name(), CrossFinding.Kind.ORPHAN_ENTRY, k, d.page(),
                                "Index " + s.name() + " entry " + k + " on page " + d.page()
                                        + " has no clustered record" + (d.delta() < -1 ? " (" + -d.delta()
                                        + " times)" : "")));
                    }
                }
                if (total[0] > 2 * LISTED_KEYS) {
                    out.add(new CrossFinding(s.name(), CrossFinding.Kind.COUNT_MISMATCH, null, -1, "Index "
                            + s.name() + ": " + total[0] + " differing keys in all, " + 2 * LISTED_KEYS + " listed"));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (State st : states.values()) {
            if (st.spill != null) {
                st.spill.close();
            }
        }
    }
}
