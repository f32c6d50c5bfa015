package dev.salvage.myisam.repair;

import dev.salvage.myisam.KeyCharset;
import dev.salvage.schema.Collation;
import dev.salvage.schema.ServerDialect;

import java.util.Locale;

/**
 * How a text key segment is cut ({@code _mi_make_key}: {@code mbmaxlen} and {@code my_charpos}) and ordered
 * ({@code ha_key_cmp} → {@code strnncollsp}, PAD SPACE), as {@link KeyCharset} (shared with check) knows them,
 * narrowed to what a rebuild may rely on: the {@code _bin} collations of latin1, utf8mb3 and utf8mb4 (byte order
 * is code point order for well-formed UTF-8), {@code latin1_swedish_ci} (the server's {@code sort_order_latin1})
 * and the {@code utf8mb3/utf8mb4_general_ci} collations for ASCII values. Where check merely leaves a pair
 * unjudged, a rebuild must stop: a value outside that (a non-ASCII character under general_ci) is a refusal,
 * never a guessed order.
 */
final class SegmentCollation {

    private final String name;
    private final KeyCharset charset;

    private SegmentCollation(String name, KeyCharset charset) {
        this.name = name;
        this.charset = charset;
    }

    static SegmentCollation of(int id) throws RepairRefusedException {
        Collation c = Collation.byId(id, ServerDialect.MARIADB_10_11).orElse(null);
        if (c == null) {
            throw new RepairRefusedException("unknown collation id " + id);
        }
        String cs = c.charset().toLowerCase(Locale.ROOT);
        String n = c.name().toLowerCase(Locale.ROOT);
        boolean utf8 = cs.equals("utf8") || cs.equals("utf8mb3") || cs.equals("utf8mb4");
        if (!utf8 && !cs.equals("latin1") && !cs.equals("binary")) {
            throw new RepairRefusedException("collation " + n + " (character set " + cs + ") is not supported");
        }
        KeyCharset charset = KeyCharset.of(id);
        if (charset == null || !charset.ordered()) {
            throw new RepairRefusedException("collation " + n + " is not supported (its sort order is not known here)");
        }
        return new SegmentCollation(n, charset);
    }

    int mbMaxLen() {
        return charset.mbMaxLen();
    }

    /** {@code my_charpos}: bytes of the first {@code chars} characters of b[p..p+len), at most len. */
    int charPos(byte[] b, int p, int len, int chars) {
        return charset.charPos(b, p, len, chars);
    }

    /** {@code strnncollsp}: the shorter value compares as if padded with spaces. */
    int compare(byte[] a, int pa, int la, byte[] b, int pb, int lb) throws RepairRefusedException {
        Integer c = charset.compare(a, pa, la, b, pb, lb);
        if (c == null) {
            throw new RepairRefusedException("a key value holds non-ASCII text under " + name
                    + ", whose order is only known here for ASCII");
        }
        return c;
    }
}
