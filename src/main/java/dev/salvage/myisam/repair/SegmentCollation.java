package dev.salvage.myisam.repair;

import dev.salvage.myisam.KeyCharset;
import dev.salvage.schema.Collation;
import dev.salvage.schema.ServerDialect;

import java.util.Locale;

/**
 * How a text key segment is cut ({@code _mi_make_key}: {@code mbmaxlen} and {@code my_charpos}) and ordered
 * ({@code ha_key_cmp} → {@code strnncollsp}, PAD SPACE). Only collations whose order is known exactly here are
 * accepted: the {@code _bin} collations of latin1, utf8mb3 and utf8mb4 (byte order is code point order for
 * well-formed UTF-8), {@code latin1_swedish_ci} (the server's {@code sort_order_latin1}) and the
 * {@code utf8mb3/utf8mb4_general_ci} collations for ASCII values. A value outside that (a non-ASCII character
 * under general_ci) stops the rebuild with a refusal, never with a guessed order.
 */
final class SegmentCollation {

    private enum Order { BYTES, SWEDISH, ASCII_CI }

    private final String name;
    private final int mbMaxLen;
    private final boolean utf8;
    private final Order order;

    private SegmentCollation(String name, int mbMaxLen, boolean utf8, Order order) {
        this.name = name;
        this.mbMaxLen = mbMaxLen;
        this.utf8 = utf8;
        this.order = order;
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
        int max = cs.equals("utf8mb4") ? 4 : utf8 ? 3 : 1;
        Order order;
        if (n.endsWith("_bin") || n.equals("binary")) {
            order = Order.BYTES;
        } else if (n.equals("latin1_swedish_ci")) {
            order = Order.SWEDISH;
        } else if (utf8 && n.endsWith("_general_ci")) {
            order = Order.ASCII_CI;
        } else {
            throw new RepairRefusedException("collation " + n + " is not supported (its sort order is not known here)");
        }
        return new SegmentCollation(n, max, utf8, order);
    }

    String name() {
        return name;
    }

    int mbMaxLen() {
        return mbMaxLen;
    }

    /** {@code my_charpos}: bytes of the first {@code chars} characters of b[p..p+len), at most len. */
    int charPos(byte[] b, int p, int len, int chars) {
        return KeyCharset.charPos(b, p, len, chars, utf8, mbMaxLen);
    }

    /** {@code strnncollsp}: the shorter value compares as if padded with spaces. */
    int compare(byte[] a, int pa, int la, byte[] b, int pb, int lb) throws RepairRefusedException {
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            int x = weight(a[pa + i] & 0xff);
            int y = weight(b[pb + i] & 0xff);
            if (x != y) {
                return x - y;
            }
        }
        byte[] tail = la > lb ? a : b;
        int from = la > lb ? pa + n : pb + n;
        int to = la > lb ? pa + la : pb + lb;
        int sign = la > lb ? 1 : -1;
        for (int i = from; i < to; i++) {
            int w = weight(tail[i] & 0xff);
            if (w != ' ') {
                return w < ' ' ? -sign : sign;
            }
        }
        return 0;
    }

    private int weight(int b) throws RepairRefusedException {
        return switch (order) {
            case BYTES -> b;
            case SWEDISH -> KeyCharset.swedishWeight(b);
            case ASCII_CI -> {
                if (b >= 0x80) {
                    throw new RepairRefusedException("a key value holds non-ASCII text under " + name
                            + ", whose order is only known here for ASCII");
                }
                yield b >= 'a' && b <= 'z' ? b - 32 : b;
            }
        };
    }
}
