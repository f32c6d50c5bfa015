package dev.salvage.types;

/**
 * DECIMAL(p,s) in the binary format of strings/decimal.c {@code decimal2bin}: the integer digits and the
 * fraction digits are each cut into groups of 9 decimal digits stored as 4-byte big-endian words; a leading
 * (integer side) or trailing (fraction side) group of fewer digits takes 1–4 bytes ({@code dig2bytes}). The
 * first byte has its top bit flipped (set = non-negative); a negative value has every byte inverted.
 * Text is printed with exactly {@code s} fraction digits, as the server does.
 */
public final class DecimalCodec {
    private static final int DIGITS_PER_WORD = 9;
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
            1000000000};
    public static final int MAX_PRECISION = 65;
    public static final int MAX_SCALE = 30;

    private DecimalCodec() {
    }

    /** Bytes a DECIMAL(precision, scale) takes on disk ({@code decimal_bin_size}); -1 for an impossible definition. */
    public static int storedLength(int precision, int scale) {
        if (!validDefinition(precision, scale)) {
            return -1;
        }
        int intg = precision - scale;
        return (intg / DIGITS_PER_WORD) * 4 + DIG2BYTES[intg % DIGITS_PER_WORD]
                + (scale / DIGITS_PER_WORD) * 4 + DIG2BYTES[scale % DIGITS_PER_WORD];
    }

    private static boolean validDefinition(int precision, int scale) {
        return precision >= 1 && precision <= MAX_PRECISION && scale >= 0 && scale <= MAX_SCALE && scale <= precision;
    }

    public static Decoded decode(byte[] b, int off, int precision, int scale) {
        if (!validDefinition(precision, scale)) {
            return Decoded.bad("DECIMAL(" + precision + "," + scale + ") is not a valid definition");
        }
        int len = storedLength(precision, scale);
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        boolean negative = (b[off] & 0x80) == 0;
        Reader in = new Reader(b, off, negative);
        int intg = precision - scale;
        StringBuilder integerDigits = new StringBuilder();
        int leading = intg % DIGITS_PER_WORD;
        if (leading > 0 && !appendGroup(in, leading, integerDigits)) {
            return Decoded.bad("DECIMAL(" + precision + "," + scale + ") integer group exceeds " + leading + " digits");
        }
        for (int i = 0; i < intg / DIGITS_PER_WORD; i++) {
            if (!appendGroup(in, DIGITS_PER_WORD, integerDigits)) {
                return Decoded.bad("DECIMAL(" + precision + "," + scale + ") integer word exceeds 9 digits");
            }
        }
        StringBuilder fraction = new StringBuilder();
        for (int i = 0; i < scale / DIGITS_PER_WORD; i++) {
            if (!appendGroup(in, DIGITS_PER_WORD, fraction)) {
                return Decoded.bad("DECIMAL(" + precision + "," + scale + ") fraction word exceeds 9 digits");
            }
        }
        int trailing = scale % DIGITS_PER_WORD;
        if (trailing > 0 && !appendGroup(in, trailing, fraction)) {
            return Decoded.bad("DECIMAL(" + precision + "," + scale + ") fraction group exceeds " + trailing + " digits");
        }
        return Decoded.text(format(negative, integerDigits, fraction));
    }

    /**
     * {@link #decode} straight into {@code dst} at {@code at} (room for precision + 3 bytes needed); returns where
     * the text ends, or -1 where the decoder must speak (an impossible definition or digit group).
     */
    public static int write(byte[] b, int off, int precision, int scale, byte[] dst, int at) {
        if (!validDefinition(precision, scale)) {
            return -1;
        }
        if (!Bytes.fits(b, off, storedLength(precision, scale))) {
            return -1;
        }
        boolean negative = (b[off] & 0x80) == 0;
        Reader in = new Reader(b, off, negative);
        int intg = precision - scale;
        // Digits go after a slot for the sign; leading zeros are dropped by moving the text down at the end.
        int p = at + 1;
        int leading = intg % DIGITS_PER_WORD;
        if (leading > 0) {
            p = writeGroup(in, leading, dst, p);
        }
        for (int i = 0; i < intg / DIGITS_PER_WORD && p >= 0; i++) {
            p = writeGroup(in, DIGITS_PER_WORD, dst, p);
        }
        if (p < 0) {
            return -1;
        }
        if (p == at + 1) {
            dst[p++] = '0'; // no integer digits: DECIMAL(s,s) prints 0.xxx
        }
        int integerEnd = p;
        int start = at + 1;
        while (start < integerEnd - 1 && dst[start] == '0') {
            start++;
        }
        boolean zero = start == integerEnd - 1 && dst[start] == '0';
        if (scale > 0) {
            dst[p++] = '.';
            int fractionStart = p;
            for (int i = 0; i < scale / DIGITS_PER_WORD && p >= 0; i++) {
                p = writeGroup(in, DIGITS_PER_WORD, dst, p);
            }
            int trailing = scale % DIGITS_PER_WORD;
            if (trailing > 0 && p >= 0) {
                p = writeGroup(in, trailing, dst, p);
            }
            if (p < 0) {
                return -1;
            }
            for (int i = fractionStart; i < p && zero; i++) {
                zero = dst[i] == '0';
            }
        }
        if (negative && !zero) {
            dst[--start] = '-'; // a stored "negative zero" prints as 0, as decode() does
        }
        System.arraycopy(dst, start, dst, at, p - start);
        return at + (p - start);
    }

    /** One group of {@code digits} digits, zero-padded, at {@code p}; -1 when the stored number is wider. */
    private static int writeGroup(Reader in, int digits, byte[] dst, int p) {
        long value = in.next(DIG2BYTES[digits]);
        if (value >= POWERS_OF_TEN[digits]) {
            return -1;
        }
        Digits.pad(dst, p, value, digits);
        return p + digits;
    }

    /** Reads one group of {@code digits} decimal digits; false when the stored number has more digits than that. */
    private static boolean appendGroup(Reader in, int digits, StringBuilder out) {
        long value = in.next(DIG2BYTES[digits]);
        if (value >= POWERS_OF_TEN[digits]) {
            return false;
        }
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        out.append(text);
        return true;
    }

    private static String format(boolean negative, CharSequence integerDigits, CharSequence fraction) {
        int start = 0;
        while (start < integerDigits.length() - 1 && integerDigits.charAt(start) == '0') {
            start++;
        }
        String integer = integerDigits.length() == 0 ? "0" : integerDigits.subSequence(start, integerDigits.length()).toString();
        boolean zero = integer.equals("0") && fraction.chars().allMatch(c -> c == '0');
        StringBuilder out = new StringBuilder();
        // A stored "negative zero" cannot come from the server; print it as the zero it means.
        if (negative && !zero) {
            out.append('-');
        }
        out.append(integer);
        if (fraction.length() > 0) {
            out.append('.').append(fraction);
        }
        return out.toString();
    }

    /** Sequential reader that undoes the sign encoding byte by byte. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int mask;
        private boolean first = true;

        Reader(byte[] b, int off, boolean negative) {
            this.b = b;
            this.pos = off;
            this.mask = negative ? 0xFF : 0;
        }

        long next(int len) {
            long v = 0;
            for (int i = 0; i < len; i++) {
                int x = b[pos++] & 0xFF;
                if (first) {
                    x ^= 0x80;
                    first = false;
                }
                v = (v << 8) | (x ^ mask);
            }
            return v;
        }
    }
}
