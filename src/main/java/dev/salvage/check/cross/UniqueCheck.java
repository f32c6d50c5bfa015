package dev.salvage.check.cross;

import dev.salvage.check.keys.IndexKey;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.innodb.rec.RecordOffsets;

import java.util.Comparator;
import java.util.Optional;

/**
 * Duplicates in a unique index, fed its leaf records in index order: equal keys of a correctly ordered index
 * are neighbours, so comparing each non-deleted record with the previous one finds them with O(1) memory.
 * Keys with a NULL field may repeat (a UNIQUE index allows many NULLs). "Equal" is the collation's equality
 * ('a' = 'A' under _ci) when the shape has an order, else byte equality, which implies it for every collation:
 * never a false duplicate.
 */
public final class UniqueCheck {

    private final IndexShape shape;
    private final Comparator<IndexKey> order;
    private IndexKey previous;
    private long previousPage = -1;
    private long duplicates;

    public UniqueCheck(IndexShape shape) {
        this.shape = shape;
        this.order = shape.order().orElse(null);
    }

    /** The next leaf record in index order; a finding when it repeats the previous non-deleted key. */
    public Optional<CrossFinding> next(byte[] page, long pageNo, RecordOffsets rec) {
        if (!shape.unique() || rec.deleted()) {
            return Optional.empty();
        }
        IndexKey key = shape.key(page, rec).prefix(shape.uniqueFields());
        for (int i = 0; i < key.size(); i++) {
            if (key.field(i) == null) {
                previous = null; // NULL keys repeat freely; they also separate non-NULL neighbours
                return Optional.empty();
            }
        }
        IndexKey before = previous;
        long beforePage = previousPage;
        previous = key;
        previousPage = pageNo;
        if (before == null || !equal(before, key)) {
            return Optional.empty();
        }
        duplicates++;
        String k = shape.describe(key);
        return Optional.of(new CrossFinding(shape.name(), CrossFinding.Kind.DUPLICATE_KEY, k, pageNo,
                "Duplicate entry " + k + " in unique index " + shape.name() + " on page " + pageNo
                        + (beforePage != pageNo ? " (the previous one on page " + beforePage + ")" : "")));
    }

    /** Starts over, e.g. where the leaf chain breaks and the walk resumes elsewhere. */
    public void reset() {
        previous = null;
        previousPage = -1;
    }

    public long duplicates() {
        return duplicates;
    }

    private boolean equal(IndexKey a, IndexKey b) {
        return order != null ? order.compare(a, b) == 0 : a.equals(b);
    }
}
