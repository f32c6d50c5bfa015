package dev.salvage.types;

/** Decimal digits written straight into a byte array: the allocation-free side of the text decoders. */
final class Digits {
    private Digits() {
    }

    /** {@code value} in decimal (with '-' when negative) at {@code at}; returns the end. Needs 20 bytes of room. */
    static int write(long value, byte[] dst, int at) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, dst, at, min.length);
                return at + min.length;
            }
            dst[at++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** {@code value} (0 .. 10^width - 1) as exactly {@code width} zero-padded digits at {@code at}. */
    static void pad(byte[] dst, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
