package dev.salvage.check.keys;

/**
 * Strict UTF-8 decoding of one character without allocation: the result packs the code point and the byte
 * length ({@code length << 24 | codePoint}), or is -1 for an invalid or truncated sequence.
 */
final class Utf8 {

    private Utf8() {
    }

    static int decode(byte[] s, int i) {
        int b0 = s[i] & 0xFF;
        if (b0 < 0x80) {
            return 1 << 24 | b0;
        }
        int n;
        int cp;
        int min;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > s.length) {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            int b = s[i + k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return n << 24 | cp;
    }

    static int codePoint(int decoded) {
        return decoded & 0xFFFFFF;
    }

    static int length(int decoded) {
        return decoded >>> 24;
    }

    /** Bytes of the first {@code chars} characters (a prefix index's cut); -1 when the bytes are not UTF-8. */
    static int prefixBytes(byte[] s, int chars) {
        int i = 0;
        for (int c = 0; c < chars && i < s.length; c++) {
            int d = decode(s, i);
            if (d < 0) {
                return -1;
            }
            i += length(d);
        }
        return i;
    }
}
