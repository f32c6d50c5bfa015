package dev.salvage.types;

/** Bounds checks and big-endian reads shared by the decoders; callers check {@link #fits} before reading. */
final class Bytes {
    private Bytes() {
    }

    /** True when {@code len} bytes at {@code off} lie inside {@code b} (no overflow, no negatives). */
    static boolean fits(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= 0 && off <= b.length && len <= b.length - off;
    }

    static Decoded outOfBounds(byte[] b, int off, int len) {
        return Decoded.bad("need " + len + " bytes at offset " + off + " but the buffer holds "
                + (b == null ? "nothing" : b.length + " bytes"));
    }

    /** Unsigned big-endian integer of 1..8 bytes (8 bytes: the raw 64 bits). */
    static long readUnsigned(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Little-endian 64 bits. */
    static long readLittleEndian(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Zero-pads {@code value} to at least {@code width} digits (no sign handling). */
    static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
