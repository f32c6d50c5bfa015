package dev.salvage.check.keys;

/**
 * Single-byte collations with one weight per byte (ctype-simple.c {@code my_strnncollsp_simple}): weights over
 * the common length, then the rest of the longer value against the weight of a space (PAD SPACE).
 *
 * <p>latin1_swedish_ci's weights were read from the servers ({@code WEIGHT_STRING} of every byte; MariaDB
 * 10.11, MySQL 5.7.22 and 8.0.15 agree): letters weigh their upper case, most accents fold away, while
 * 'Ä', 'Å', 'Ö', 'Ü', 'Æ' keep their Swedish places after 'Z'.
 */
final class SimpleWeights implements FieldOrder {

    static final SimpleWeights LATIN1_SWEDISH_CI = new SimpleWeights(""
            + "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
            + "202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F"
            + "404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F"
            + "604142434445464748494A4B4C4D4E4F505152535455565758595A7B7C7D7E7F"
            + "808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9F"
            + "A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"
            + "414141415C5B5C434545454549494949444E4F4F4F4F5DD7D85555555959DEDF"
            + "414141415C5B5C434545454549494949444E4F4F4F4F5DF7D85555555959DEFF");

    private final int[] weights = new int[256];

    private SimpleWeights(String hex) {
        for (int i = 0; i < 256; i++) {
            weights[i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int d = weights[a[i] & 0xFF] - weights[b[i] & 0xFF];
            if (d != 0) {
                return d;
            }
        }
        byte[] longer = a.length > n ? a : b;
        int sign = a.length > n ? 1 : -1;
        int space = weights[' '];
        for (int i = n; i < longer.length; i++) {
            int d = weights[longer[i] & 0xFF] - space;
            if (d != 0) {
                return d < 0 ? -sign : sign;
            }
        }
        return 0;
    }
}
