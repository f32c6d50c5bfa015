package dev.salvage.check.keys;

/**
 * How InnoDB compares two non-NULL values of one index field (rem0cmp.cc {@code cmp_data}); NULL handling is
 * the caller's (NULL sorts first). Implementations must agree with the server exactly, or not exist: an index
 * whose field has no exact order is reported as "order not checked".
 */
interface FieldOrder {

    int compare(byte[] a, byte[] b);

    /** memcmp, then the shorter value first: integers (sign bit flipped), DECIMAL, the temporal types, binary. */
    FieldOrder BYTES = (a, b) -> java.util.Arrays.compareUnsigned(a, b);

    /**
     * memcmp over the common length, then the rest of the longer value against spaces (PAD SPACE binary
     * collations: latin1_bin, utf8mb4_bin, utf8mb3_bin; cmp_data with pad 0x20). In valid UTF-8 byte order is
     * code point order, which is what the _bin collations compare.
     */
    FieldOrder BYTES_PAD_SPACE = (a, b) -> padCompare(a, b, 0x20);

    /** FLOAT: 4-byte little-endian IEEE, compared as numbers (-0 equals 0). */
    FieldOrder FLOAT = (a, b) -> a.length != 4 || b.length != 4 ? java.util.Arrays.compareUnsigned(a, b)
            : compareNumbers(Float.intBitsToFloat(le(a, 4)), Float.intBitsToFloat(le(b, 4)));

    /** DOUBLE: 8-byte little-endian IEEE. */
    FieldOrder DOUBLE = (a, b) -> a.length != 8 || b.length != 8 ? java.util.Arrays.compareUnsigned(a, b)
            : compareNumbers(Double.longBitsToDouble(leLong(a)), Double.longBitsToDouble(leLong(b)));

    static int padCompare(byte[] a, byte[] b, int pad) {
        int n = Math.min(a.length, b.length);
        int c = java.util.Arrays.compareUnsigned(a, 0, n, b, 0, n);
        if (c != 0) {
            return c;
        }
        byte[] longer = a.length > n ? a : b;
        int sign = a.length > n ? 1 : -1;
        for (int i = n; i < longer.length; i++) {
            int d = (longer[i] & 0xFF) - pad;
            if (d != 0) {
                return d < 0 ? -sign : sign;
            }
        }
        return 0;
    }

    private static int compareNumbers(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static int le(byte[] v, int n) {
        int r = 0;
        for (int i = n - 1; i >= 0; i--) {
            r = (r << 8) | (v[i] & 0xFF);
        }
        return r;
    }

    private static long leLong(byte[] v) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (v[i] & 0xFF);
        }
        return r;
    }
}
