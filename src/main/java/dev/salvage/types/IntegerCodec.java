package dev.salvage.types;

/**
 * TINYINT .. BIGINT (1, 2, 3, 4, 8 bytes). InnoDB stores integers big-endian; a signed column has its sign bit
 * flipped so that the bytes sort like the numbers (row0mysql.cc {@code row_mysql_store_col_in_innobase_format},
 * DATA_INT without DATA_UNSIGNED). Every bit pattern is a valid value, so only a wrong length is bad.
 */
public final class IntegerCodec {
    private IntegerCodec() {
    }

    public static Decoded decode(byte[] b, int off, int len, boolean unsigned) {
        if (len != 1 && len != 2 && len != 3 && len != 4 && len != 8) {
            return Decoded.bad("integer width " + len + " is not 1, 2, 3, 4 or 8 bytes");
        }
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long raw = Bytes.readUnsigned(b, off, len);
        if (unsigned) {
            return Decoded.text(Long.toUnsignedString(raw));
        }
        return Decoded.text(Long.toString(signedValue(raw, len)));
    }

    /**
     * Writes the value's digits straight into {@code dst} at {@code at} (room for 20 bytes needed) and returns
     * where they end; -1 when {@link #decode} must decide instead (a width it rejects, an unsigned BIGINT above
     * Long.MAX_VALUE). The digits are those {@link #decode} gives.
     */
    public static int write(byte[] b, int off, int len, boolean unsigned, byte[] dst, int at) {
        if ((len != 1 && len != 2 && len != 3 && len != 4 && len != 8) || !Bytes.fits(b, off, len)) {
            return -1;
        }
        long raw = Bytes.readUnsigned(b, off, len);
        long value = unsigned ? raw : signedValue(raw, len);
        if (unsigned && value < 0) {
            return -1;
        }
        return Digits.write(value, dst, at);
    }

    /** The signed value of a stored signed integer: flip the sign bit back, then sign-extend. */
    static long signedValue(long raw, int len) {
        int bits = len * 8;
        long flipped = raw ^ (1L << (bits - 1));
        return bits == 64 ? flipped : (flipped << (64 - bits)) >> (64 - bits);
    }
}
