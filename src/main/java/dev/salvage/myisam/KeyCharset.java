package dev.salvage.myisam;

import dev.salvage.schema.Collation;
import dev.salvage.schema.ServerDialect;
import dev.salvage.types.MysqlCharset;

import java.util.Locale;

/**
 * What key checks need to know about a key segment's collation: how {@code _mi_make_key} cuts a multi-byte
 * prefix ({@code mbmaxlen}, {@code my_charpos}), and how {@code ha_key_cmp} orders two text values
 * ({@code strnncollsp}: PAD SPACE, so trailing spaces never matter). Only ASCII-compatible character sets are
 * handled (single-byte ones, utf8mb3, utf8mb4); for the others {@link #of} says unsupported and keys with
 * such parts are not recomputed. Order is judged for {@code latin1_swedish_ci}, the {@code *_bin} collations
 * and {@code utf8mb3/utf8mb4_general_ci} (the latter only between pure ASCII values); anything else is
 * "not judged", never a false alarm.
 */
public final class KeyCharset {

    /** {@code sort_order_latin1} of {@code latin1_swedish_ci} for bytes 0xC0..0xFF (below: ASCII upper-casing). */
    private static final int[] SWEDISH_HIGH = {
        65, 65, 65, 65, 92, 91, 92, 67, 69, 69, 69, 69, 73, 73, 73, 73,
        68, 78, 79, 79, 79, 79, 93, 215, 216, 85, 85, 85, 89, 89, 222, 223,
        65, 65, 65, 65, 92, 91, 92, 67, 69, 69, 69, 69, 73, 73, 73, 73,
        68, 78, 79, 79, 79, 79, 93, 247, 216, 85, 85, 85, 89, 89, 222, 255};
    private static final int[] SWEDISH = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            SWEDISH[i] = i >= 'a' && i <= 'z' ? i - 32 : i >= 0xC0 ? SWEDISH_HIGH[i - 0xC0] : i;
        }
    }

    enum Order { BINARY, SWEDISH, ASCII_GENERAL_CI, NOT_JUDGED }

    private final String collation;
    private final int mbMaxLen;
    private final boolean utf8;
    private final Order order;

    private KeyCharset(String collation, int mbMaxLen, boolean utf8, Order order) {
        this.collation = collation;
        this.mbMaxLen = mbMaxLen;
        this.utf8 = utf8;
        this.order = order;
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, java.util.Optional<KeyCharset>> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The collation of a segment, or null when its character set is not one keys can be rebuilt for. */
    public static KeyCharset of(int collationId) {
        return CACHE.computeIfAbsent(collationId, id -> java.util.Optional.ofNullable(lookup(id))).orElse(null);
    }

    private static KeyCharset lookup(int collationId) {
        Collation c = Collation.byId(collationId, ServerDialect.MARIADB_10_11).orElse(null);
        if (c == null) {
            return null;
        }
        String cs = c.charset().toLowerCase(Locale.ROOT);
        String name = c.name().toLowerCase(Locale.ROOT);
        boolean utf8 = cs.equals("utf8") || cs.equals("utf8mb3") || cs.equals("utf8mb4");
        int max;
        if (utf8) {
            max = cs.equals("utf8mb4") ? 4 : 3;
        } else {
            MysqlCharset charset = MysqlCharset.forName(cs).orElse(null);
            if (charset == null || charset.maxBytesPerChar() != 1) {
                return null;
            }
            max = 1;
        }
        Order order;
        if (name.contains("nopad")) {
            order = Order.NOT_JUDGED;
        } else if (name.endsWith("_bin") || name.equals("binary")) {
            order = Order.BINARY;
        } else if (name.equals("latin1_swedish_ci")) {
            order = Order.SWEDISH;
        } else if (utf8 && name.endsWith("_general_ci")) {
            order = Order.ASCII_GENERAL_CI;
        } else {
            order = Order.NOT_JUDGED;
        }
        return new KeyCharset(name, max, utf8, order);
    }

    String collation() {
        return collation;
    }

    public int mbMaxLen() {
        return mbMaxLen;
    }

    Order order() {
        return order;
    }

    /** Whether {@link #compare} can order values of this collation at all (it may still meet non-ASCII text). */
    public boolean ordered() {
        return order != Order.NOT_JUDGED;
    }

    /** {@code my_charpos}: bytes taken by the first {@code chars} characters of b[p..p+len), at most len. */
    public int charPos(byte[] b, int p, int len, int chars) {
        if (!utf8) {
            return Math.min(chars, len);
        }
        int i = 0;
        while (chars > 0 && i < len) {
            int lead = b[p + i] & 0xff;
            int n = lead < 0x80 ? 1 : lead >= 0xF0 && mbMaxLen == 4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
            // A malformed sequence counts as one byte, as my_charpos_mb does.
            if (n > 1 && (i + n > len || !continuation(b, p + i + 1, n - 1))) {
                n = 1;
            }
            i += n;
            chars--;
        }
        return Math.min(i, len);
    }

    private static boolean continuation(byte[] b, int p, int count) {
        for (int j = 0; j < count; j++) {
            if ((b[p + j] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code strnncollsp} of a[pa..pa+la) and b[pb..pb+lb): negative, zero or positive; null when this collation's
     * order is not known here (or, for general_ci, a value is not pure ASCII).
     */
    public Integer compare(byte[] a, int pa, int la, byte[] b, int pb, int lb) {
        if (order == Order.NOT_JUDGED) {
            return null;
        }
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            int x = weight(a[pa + i] & 0xff);
            int y = weight(b[pb + i] & 0xff);
            if (x < 0 || y < 0) {
                return null;
            }
            if (x != y) {
                return x - y;
            }
        }
        // PAD SPACE: the longer value's tail compares against spaces.
        byte[] tail = la > lb ? a : b;
        int from = la > lb ? pa + n : pb + n;
        int to = la > lb ? pa + la : pb + lb;
        int sign = la > lb ? 1 : -1;
        int space = weight(' ');
        for (int i = from; i < to; i++) {
            int w = weight(tail[i] & 0xff);
            if (w < 0) {
                return null;
            }
            if (w != space) {
                return w < space ? -sign : sign;
            }
        }
        return 0;
    }

    private int weight(int b) {
        return switch (order) {
            case BINARY -> b;
            case SWEDISH -> SWEDISH[b];
            case ASCII_GENERAL_CI -> b >= 0x80 ? -1 : b >= 'a' && b <= 'z' ? b - 32 : b;
            case NOT_JUDGED -> -1;
        };
    }
}
