package dev.salvage.check.keys;

import java.util.Comparator;
import java.util.List;

/** Field by field: NULL first, then the field's own order, reversed for DESC parts (rem0cmp.cc). */
final class KeyOrder implements Comparator<IndexKey> {

    private final FieldOrder[] orders;
    private final boolean[] descending;

    KeyOrder(List<KeyField> fields) {
        orders = new FieldOrder[fields.size()];
        descending = new boolean[fields.size()];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = fields.get(i).order();
            descending[i] = fields.get(i).descending();
        }
    }

    @Override
    public int compare(IndexKey a, IndexKey b) {
        int n = Math.min(orders.length, Math.min(a.size(), b.size()));
        for (int i = 0; i < n; i++) {
            byte[] x = a.field(i);
            byte[] y = b.field(i);
            int c;
            if (x == null || y == null) {
                c = x == null ? (y == null ? 0 : -1) : 1;
            } else {
                c = orders[i].compare(x, y);
            }
            if (c != 0) {
                // A DESC part negates the whole field comparison, NULL included: NULLs come last there
                // (cmp_dtuple_rec_with_match_low: "if (!is_ascending) ret = -ret").
                return descending[i] ? -c : c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
