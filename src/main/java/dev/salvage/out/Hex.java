package dev.salvage.out;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex and number forms of binary values, as the server's HEX() and {@code b+0} print them. */
final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    static byte[] ascii(byte[] bytes) {
        return of(bytes).getBytes(StandardCharsets.US_ASCII);
    }

    /** BIT(M) bytes (big-endian) as the unsigned number {@code SELECT b+0} prints. */
    static String unsignedNumber(byte[] bytes) {
        return new BigInteger(1, bytes).toString();
    }
}
