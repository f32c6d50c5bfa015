package dev.salvage.types;

/**
 * Decimal digits written straight into a byte array: the allocation-free side of the text decoders. Two digits
 * per division from a table, and int arithmetic whenever the value fits, as {@code Integer.toString} does: on
 * a wide table these loops were the largest single cost of writing TSV.
 */
final class Digits {

    /** Tens and ones digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private Digits() {
    }

    /** {@code value} in decimal (with '-' when negative) at {@code at}; returns the end. Needs 20 bytes of room. */
    static int write(long value, byte[] dst, int at) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                System.arraycopy(LONG_MIN, 0, dst, at, LONG_MIN.length);
                return at + LONG_MIN.length;
            }
            dst[at++] = '-';
            value = -value;
        }
        int end = at + count(value);
        fill(dst, end, value);
        return end;
    }

    /**
     * {@code value} (0 .. 10^width - 1) as exactly {@code width} zero-padded digits at {@code at}; outside that
     * range (damaged input), the low digits, never a byte outside the field. Kept a plain loop: it is inlined into
     * every temporal writer, and a bigger body made the JIT compiler spend 120 ms on one of them in a cold run.
     */
    static void pad(byte[] dst, int at, long value, int width) {
        if (value >= 0 && value <= Integer.MAX_VALUE) {
            int v = (int) value;
            for (int i = at + width - 1; i >= at; i--) {
                dst[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return;
        }
        for (int i = at + width - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code value} (0..99) as two digits at {@code at}; otherwise as {@link #pad} writes it. */
    static void two(byte[] dst, int at, int value) {
        if (value < 0 || value > 99) {
            pad(dst, at, value, 2);
            return;
        }
        dst[at] = TENS[value];
        dst[at + 1] = ONES[value];
    }

    /** Digits in non-negative {@code value} (1 for 0). */
    static int count(long value) {
        if (value < 10) {
            return 1;
        }
        long p = 10;
        for (int n = 1; n < 19; n++) {
            p *= 10;
            if (value < p) {
                return n + 1;
            }
        }
        return 19;
    }

    /** The digits of non-negative {@code value}, the last one at {@code end - 1}, backwards. */
    private static void fill(byte[] dst, int end, long value) {
        int i = end;
        while (value > Integer.MAX_VALUE) {
            long q = value / 100;
            int r = (int) (value - q * 100);
            dst[--i] = ONES[r];
            dst[--i] = TENS[r];
            value = q;
        }
        int v = (int) value;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            dst[--i] = ONES[r];
            dst[--i] = TENS[r];
            v = q;
        }
        if (v >= 10) {
            dst[--i] = ONES[v];
            dst[--i] = TENS[v];
        } else {
            dst[--i] = (byte) ('0' + v);
        }
    }
}
