package dev.salvage.types;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Handcrafted binary JSON documents and corrupt variants; the real-server proof is JsonOnRealServersTest. */
class JsonBinaryTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String text(byte[] b) {
        Decoded d = JsonBinary.toText(b, 0, b.length);
        assertThat(d.isBad()).as("bad: %s", d.reason()).isFalse();
        return d.text();
    }

    private static String reason(byte[] b) {
        Decoded d = JsonBinary.toText(b, 0, b.length);
        assertThat(d.isBad()).as("decoded as %s", d).isTrue();
        return d.reason();
    }

    @Test
    void smallObjectWithInlinedInteger() {
        // count 1, size 12, key entry (offset 11, length 1), value entry (int16 1 inline), key "a"
        assertThat(text(hex("00 0100 0C00 0B00 0100 05 0100 61"))).isEqualTo("{\"a\": 1}");
    }

    @Test
    void arrayOfLiteralStringAndDouble() {
        // count 3, size 23: true inline, "x" at 13, 1.5 at 15
        assertThat(text(hex("02 0300 1700 04 0100 0C 0D00 0B 0F00 0178 000000000000F83F")))
                .isEqualTo("[true, \"x\", 1.5]");
    }

    @Test
    void scalarsAtTheTop() {
        assertThat(text(hex("04 00"))).isEqualTo("null");
        assertThat(text(hex("04 02"))).isEqualTo("false");
        assertThat(text(hex("05 FFFF"))).isEqualTo("-1");
        assertThat(text(hex("06 FFFF"))).isEqualTo("65535");
        assertThat(text(hex("07 00000080"))).isEqualTo("-2147483648");
        assertThat(text(hex("08 FFFFFFFF"))).isEqualTo("4294967295");
        assertThat(text(hex("09 0000000000000080"))).isEqualTo("-9223372036854775808");
        assertThat(text(hex("0A FFFFFFFFFFFFFFFF"))).isEqualTo("18446744073709551615");
        assertThat(text(hex("0B 0000000000000840"))).isEqualTo("3.0");
        assertThat(text(hex("0B 0000000000000080"))).isEqualTo("-0.0");
        assertThat(text(new byte[0])).isEqualTo("null");
        byte[] three = hex("0B 0000000000000840");
        assertThat(JsonBinary.toText(three, 0, three.length, false).text()).isEqualTo("3"); // MySQL 5.7
    }

    @Test
    void stringsEscapeOnlyQuotesBackslashesAndControls() {
        byte[] s = "a\"b\\c\nd\u0001é/".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x0C);
        b.write(s.length);
        b.write(s, 0, s.length);
        assertThat(text(b.toByteArray())).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é/\"");
    }

    @Test
    void longStringLengthUsesSevenBitsPerByte() {
        byte[] b = new byte[3 + 200];
        b[0] = 0x0C;
        b[1] = (byte) (0x80 | (200 & 0x7F));
        b[2] = (byte) (200 >> 7);
        java.util.Arrays.fill(b, 3, b.length, (byte) 'z');
        assertThat(text(b)).isEqualTo("\"" + "z".repeat(200) + "\"");
    }

    @Test
    void opaqueTemporalAndDecimal() {
        long ymd = (2020L * 13 + 2) << 5 | 29;
        long date = ymd << 17 << 24;
        assertThat(text(opaque(10, le(date)))).isEqualTo("\"2020-02-29\"");
        long dt = ((ymd << 17 | 5L << 12 | 6 << 6 | 7) << 24) + 123456;
        assertThat(text(opaque(12, le(dt)))).isEqualTo("\"2020-02-29 05:06:07.123456\"");
        long time = -(((12L << 12 | 34 << 6 | 56) << 24) + 500000);
        assertThat(text(opaque(11, le(time)))).isEqualTo("\"-12:34:56.500000\"");
        // DECIMAL(5,2) 1.50: precision, scale, then the binary decimal
        assertThat(text(opaque(246, hex("0502 800132")))).isEqualTo("1.50");
        assertThat(text(opaque(252, hex("00FF")))).isEqualTo("\"base64:type252:AP8=\"");
    }

    @Test
    void corruptBytesAreBadValuesNotExceptions() {
        assertThat(reason(hex("00 0100 0C00 FF00 0100 05 0100 61"))).contains("outside");
        assertThat(reason(hex("00 0100 FF00"))).contains("bytes in");
        assertThat(reason(hex("0D 00"))).contains("unknown value type");
        assertThat(reason(hex("04 07"))).contains("literal");
        assertThat(reason(hex("0C 05 61"))).contains("past the end");
        assertThat(reason(hex("0C 02 C3 28"))).contains("utf8mb4");
        assertThat(reason(hex("0B 000000000000F07F"))).contains("cannot be stored");
        // single-element arrays nested 101 deep: deeper than the server allows; 100 deep is fine
        assertThat(reason(nested(101))).contains("deeper");
        assertThat(text(nested(100))).isEqualTo("[".repeat(100) + "]".repeat(100));
        assertThat(JsonBinary.toText(hex("0401"), 1, 5).isBad()).isTrue();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        byte[] seed = hex("02 0300 1700 04 0100 0C 0D00 0B 0F00 0178 000000000000F83F");
        for (int i = 0; i < 20000; i++) {
            byte[] b = random.nextBoolean() ? seed.clone() : new byte[random.nextInt(40)];
            for (int k = 0; k < 1 + random.nextInt(4) && b.length > 0; k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            Decoded d = JsonBinary.toText(b, 0, b.length);
            assertThat(d.isBad() || d.text() != null).isTrue();
        }
    }

    /** {@code levels} arrays, each holding the next, the innermost empty. */
    private static byte[] nested(int levels) {
        byte[] b = new byte[1 + (levels - 1) * 7 + 4];
        b[0] = 0x02;
        for (int i = 0; i < levels - 1; i++) {
            int at = 1 + 7 * i;
            int size = b.length - at;
            byte[] level = {1, 0, (byte) size, (byte) (size >> 8), 0x02, 7, 0};
            System.arraycopy(level, 0, b, at, level.length);
        }
        b[b.length - 2] = 4; // innermost: count 0, size 4
        return b;
    }

    private static byte[] opaque(int fieldType, byte[] data) {
        byte[] b = new byte[3 + data.length];
        b[0] = 0x0F;
        b[1] = (byte) fieldType;
        b[2] = (byte) data.length;
        System.arraycopy(data, 0, b, 3, data.length);
        return b;
    }

    private static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
