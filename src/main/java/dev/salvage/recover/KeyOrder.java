package dev.salvage.recover;

import dev.salvage.schema.Column;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;

import java.util.Arrays;
import java.util.Optional;

/**
 * Key order within a page, for keys whose stored bytes sort like the values (integers with their flipped sign
 * bit, DECIMAL, the temporal types, BINARY/VARBINARY, ENUM/SET, DB_ROW_ID): records of a page's list must
 * ascend, so the records outside the longest ascending run are the damaged ones. Keys in collated character
 * sets, floating point or descending key parts do not compare by bytes and are not checked.
 */
final class KeyOrder {

    private final int keyFields;

    private KeyOrder(int keyFields) {
        this.keyFields = keyFields;
    }

    /** The checker for this layout, empty when its key does not compare by bytes. */
    static Optional<KeyOrder> of(ClusteredLayout layout) {
        TableDef table = layout.table();
        var key = ClusteredLayout.clusteringKey(table);
        if (key.isPresent()) {
            for (IndexPart part : key.get().parts()) {
                Column c = table.column(part.column()).orElse(null);
                if (c == null || part.prefixLength() != null || part.descending() || !bytesSort(c.type().kind())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new KeyOrder(layout.keyFields()));
    }

    private static boolean bytesSort(TypeKind kind) {
        return switch (kind.family()) {
            case INTEGER, DECIMAL, TEMPORAL -> true;
            default -> kind == TypeKind.BINARY || kind == TypeKind.VARBINARY || kind == TypeKind.ENUM
                    || kind == TypeKind.SET;
        };
    }

    int keyFields() {
        return keyFields;
    }

    /**
     * Marks in {@code keep} the records of the longest strictly ascending subsequence. Keys are given as
     * {@code starts[i*keyFields + f]}, {@code lengths[i*keyFields + f]} into {@code page}.
     */
    boolean[] longestAscending(byte[] page, int[] starts, int[] lengths, int n) {
        // A healthy page ascends throughout: n - 1 comparisons say so, where the search below takes n log n.
        int ascending = 1;
        while (ascending < n && compare(page, starts, lengths, ascending - 1, ascending) < 0) {
            ascending++;
        }
        if (ascending >= n) {
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            return all;
        }
        int[] tailIndex = new int[n];
        int[] previous = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(page, starts, lengths, tailIndex[mid], i) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tailIndex[lo - 1] : -1;
            tailIndex[lo] = i;
            size = Math.max(size, lo + 1);
        }
        boolean[] keep = new boolean[n];
        for (int i = size == 0 ? -1 : tailIndex[size - 1]; i >= 0; i = previous[i]) {
            keep[i] = true;
        }
        return keep;
    }

    /**
     * As {@code Arrays.compareUnsigned} over two ranges of one page (sign and length agree with it), by hand:
     * keys are a few bytes long, where the library's vectorised set-up costs more than the comparison.
     */
    private static int compareUnsigned(byte[] page, int sa, int la, int sb, int lb) {
        if (sa < 0 || la < 0 || sb < 0 || lb < 0 || sa > page.length - la || sb > page.length - lb) {
            return Arrays.compareUnsigned(page, sa, sa + la, page, sb, sb + lb); // its exception, as before
        }
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            int c = (page[sa + i] & 0xFF) - (page[sb + i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return la - lb;
    }

    /** Compares record a's key with record b's, field by field, unsigned bytes then length. */
    int compare(byte[] page, int[] starts, int[] lengths, int a, int b) {
        for (int f = 0; f < keyFields; f++) {
            int sa = starts[a * keyFields + f];
            int la = lengths[a * keyFields + f];
            int sb = starts[b * keyFields + f];
            int lb = lengths[b * keyFields + f];
            int c = compareUnsigned(page, sa, la, sb, lb);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
