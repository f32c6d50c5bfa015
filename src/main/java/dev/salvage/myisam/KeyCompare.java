package dev.salvage.myisam;

/**
 * Orders two unpacked keys as {@code ha_key_cmp} does, for the segment types whose order needs no collation:
 * integers and floats (stored high byte first in keys), binary strings and BIT, and text in the collations
 * {@link KeyCharset} knows. Any other text segment makes the answer unknown (null); check then does not judge
 * the pair.
 */
final class KeyCompare {
    private static final int LATIN1_SWEDISH_CI = 8;

    private KeyCompare() {
    }

    /** Negative, zero or positive; null when a segment's order cannot be judged without its collation. */
    static Integer compare(KeyDef def, byte[] a, int aLen, byte[] b, int bLen) {
        int pa = 0;
        int pb = 0;
        for (KeySeg seg : def.segments()) {
            if (seg.nullable()) {
                if (pa >= aLen || pb >= bLen) {
                    return null;
                }
                boolean aNull = a[pa++] == 0;
                boolean bNull = b[pb++] == 0;
                if (aNull || bNull) {
                    if (aNull != bNull) {
                        return aNull ? -1 : 1;
                    }
                    // Two NULLs: never equal for a unique key, so no order either way.
                    return null;
                }
            }
            int la;
            int lb;
            if (seg.variableLength() || (seg.flag() & KeySeg.HA_PACK_KEY) != 0) {
                int[] x = len(a, pa, aLen);
                int[] y = len(b, pb, bLen);
                if (x == null || y == null) {
                    return null;
                }
                pa += x[1];
                pb += y[1];
                la = x[0];
                lb = y[0];
            } else {
                la = seg.length();
                lb = seg.length();
            }
            if (pa + la > aLen || pb + lb > bLen) {
                return null;
            }
            Integer c = compareSegment(seg, a, pa, la, b, pb, lb);
            if (c == null) {
                return null;
            }
            if (c != 0) {
                return (seg.flag() & KeySeg.HA_REVERSE_SORT) != 0 ? -c : c;
            }
            pa += la;
            pb += lb;
        }
        return 0;
    }

    private static Integer compareSegment(KeySeg seg, byte[] a, int pa, int la, byte[] b, int pb, int lb) {
        switch (seg.type()) {
            case 2, 16, 18, 19 -> { // BINARY, VARBINARY1/2, BIT: unsigned bytes (BINARY pads with zeros)
                return java.util.Arrays.compareUnsigned(a, pa, pa + la, b, pb, pb + lb);
            }
            case 3, 4, 10, 12, 14 -> { // signed integers
                return Long.compare(signed(a, pa, la), signed(b, pb, lb));
            }
            case 8, 9, 11, 13 -> { // unsigned integers
                return Long.compareUnsigned(Be.un(a, pa, la), Be.un(b, pb, lb));
            }
            case 5 -> {
                return la == 4 && lb == 4 ? Float.compare(Float.intBitsToFloat((int) Be.u32(a, pa)),
                        Float.intBitsToFloat((int) Be.u32(b, pb))) : null;
            }
            case 6 -> {
                return la == 8 && lb == 8 ? Double.compare(Double.longBitsToDouble(Be.u64(a, pa)),
                        Double.longBitsToDouble(Be.u64(b, pb))) : null;
            }
            case 1, 15, 17 -> { // TEXT, VARTEXT1/2: the column's collation, PAD SPACE
                KeyCharset cs = KeyCharset.of(seg.language() == 0 ? LATIN1_SWEDISH_CI : seg.language());
                return cs == null ? null : cs.compare(a, pa, la, b, pb, lb);
            }
            default -> {
                return null; // NUM: legacy decimal rules
            }
        }
    }

    private static long signed(byte[] b, int p, int len) {
        long v = Be.un(b, p, len);
        int shift = 64 - 8 * len;
        return len >= 8 ? v : (v << shift) >> shift;
    }

    private static int[] len(byte[] b, int p, int end) {
        if (p >= end) {
            return null;
        }
        int first = b[p] & 0xff;
        if (first != 255) {
            return new int[] {first, 1};
        }
        return p + 3 <= end ? new int[] {Be.u16(b, p + 1), 3} : null;
    }
}
