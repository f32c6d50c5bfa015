package dev.salvage.types;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free writers that put integers and temporal values straight into bytes, and the UTF-8 check
 * that lets text skip decoding, against the decoders they stand in for: on random and edge bytes, a writer
 * either gives exactly the decoder's text or declines (-1), and declines only where the decoder has something
 * to say (a bad value, or a rare form the writer leaves to it).
 */
class DirectWritersTest {

    private static final int ROUNDS = 50_000;

    @Test
    void integersWriteWhatTheDecoderPrints() {
        Random random = new Random(1);
        byte[] dst = new byte[32];
        for (int round = 0; round < ROUNDS; round++) {
            int len = new int[] {1, 2, 3, 4, 8}[random.nextInt(5)];
            byte[] b = bytes(random, len);
            if (round < 64) { // the extremes: all zeros, all ones, sign bit alone
                java.util.Arrays.fill(b, (byte) (round % 2 == 0 ? 0 : 0xFF));
                b[0] = round % 4 < 2 ? b[0] : (byte) (b[0] ^ 0x80);
            }
            boolean unsigned = random.nextBoolean();
            int end = IntegerCodec.write(b, 0, len, unsigned, dst, 3);
            Decoded d = IntegerCodec.decode(b, 0, len, unsigned);
            if (end < 0) {
                // Only an unsigned BIGINT beyond Long.MAX_VALUE is left to the decoder.
                assertThat(unsigned && len == 8 && b[0] < 0).as(d.toString()).isTrue();
                continue;
            }
            assertThat(new String(dst, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(d.text());
        }
        assertThat(IntegerCodec.write(new byte[5], 0, 5, false, dst, 0)).isEqualTo(-1);
    }

    @Test
    void temporalsWriteWhatTheDecoderPrints() {
        Random random = new Random(2);
        byte[] dst = new byte[40];
        int written = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int fsp = random.nextInt(7);
            byte[] b = bytes(random, 8);
            if (random.nextBoolean()) {
                b[0] = (byte) (0x80 | random.nextInt(0x20)); // plausible DATE / DATETIME2 high bytes
            }
            if (random.nextInt(4) == 0) {
                b[0] = (byte) random.nextInt(0x80); // TIMESTAMP2 seconds before 2038
            }
            written += check(TemporalCodec.writeDatetime2(b, 0, fsp, dst, 1), TemporalCodec.datetime2(b, 0, fsp), dst);
            written += check(TemporalCodec.writeTimestamp2(b, 0, fsp, dst, 1), TemporalCodec.timestamp2(b, 0, fsp),
                    dst);
            written += check(TemporalCodec.writeDate(b, 0, dst, 1), TemporalCodec.date(b, 0), dst);
        }
        assertThat(written).as("values the writers took on").isGreaterThan(ROUNDS / 4);
        // Left to the decoder: the zero TIMESTAMP and values it rejects.
        assertThat(TemporalCodec.writeTimestamp2(new byte[4], 0, 0, dst, 0)).isEqualTo(-1);
        assertThat(TemporalCodec.timestamp2(new byte[4], 0, 0).text()).isEqualTo("0000-00-00 00:00:00");
        assertThat(TemporalCodec.writeDate(new byte[] {0, 0, 0}, 0, dst, 0)).isEqualTo(-1);
        assertThat(TemporalCodec.writeDatetime2(new byte[4], 0, 0, dst, 0)).as("too short").isEqualTo(-1);
    }

    @Test
    void decimalsWriteWhatTheDecoderPrints() {
        Random random = new Random(4);
        byte[] dst = new byte[80];
        int written = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int precision = 1 + random.nextInt(DecimalCodec.MAX_PRECISION);
            int scale = random.nextInt(Math.min(precision, DecimalCodec.MAX_SCALE) + 1);
            byte[] b = bytes(random, DecimalCodec.storedLength(precision, scale));
            switch (round % 4) {
                case 0 -> java.util.Arrays.fill(b, (byte) 0); // "negative zero" and friends
                case 1 -> { // small positive digits in every group: mostly valid values
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) random.nextInt(3);
                    }
                    b[0] |= (byte) 0x80;
                }
                case 2 -> { // the same, negative
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) ~random.nextInt(3);
                    }
                    b[0] &= 0x7F;
                }
                default -> { } // random bytes: groups overflow
            }
            if (round % 8 == 0) {
                b[0] ^= (byte) 0x80; // flip the sign of the case
            }
            written += check(DecimalCodec.write(b, 0, precision, scale, dst, 1),
                    DecimalCodec.decode(b, 0, precision, scale), dst);
            Decoded d = DecimalCodec.decode(b, 0, precision, scale);
            assertThat(DecimalCodec.write(b, 0, precision, scale, dst, 1) < 0).as("%s", d).isEqualTo(d.isBad());
        }
        assertThat(written).isGreaterThan(ROUNDS / 3);
    }

    @Test
    void shortestDoubleDigitsAsTheLoopFindsThem() {
        Random random = new Random(5);
        for (int round = 0; round < ROUNDS / 5; round++) { // the loop it is checked against is slow
            double x = switch (round % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any bits: every exponent
                case 1 -> (random.nextInt(2_000_000) - 1_000_000) / 7.0; // what tables hold
                case 2 -> random.nextInt(100000) / 100.0; // short decimals
                default -> Math.scalb(1.0, random.nextInt(2000) - 1000); // powers of two: the loop's own case
            };
            if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
                continue;
            }
            double abs = Math.abs(x);
            assertThat(FloatCodec.shortestDigits(abs, 17)).as("%s", x)
                    .isEqualTo(FloatCodec.shortestDigitsByLoop(abs, 17));
            double f = (float) abs;
            if (f != 0 && !Double.isInfinite(f)) {
                assertThat(FloatCodec.shortestDigits(f, 6)).as("float %s", f)
                        .isEqualTo(FloatCodec.shortestDigitsByLoop(f, 6));
            }
        }
    }

    private static int check(int end, Decoded decoded, byte[] dst) {
        if (end < 0) {
            return 0;
        }
        assertThat(decoded.isBad()).as("writer took a value the decoder rejects: %s", decoded).isFalse();
        assertThat(new String(dst, 1, end - 1, StandardCharsets.US_ASCII)).isEqualTo(decoded.text());
        return 1;
    }

    @Test
    void utf8CheckAgreesWithTheStrictDecoder() {
        Random random = new Random(3);
        MysqlCharset utf8mb4 = MysqlCharset.forName("utf8mb4").orElseThrow();
        MysqlCharset utf8mb3 = MysqlCharset.forName("utf8mb3").orElseThrow();
        int valid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = round % 2 == 0 ? bytes(random, random.nextInt(8)) : nearlyUtf8(random);
            boolean strict = strictUtf8(b);
            valid += strict ? 1 : 0;
            assertThat(utf8mb4.certainlyText(b, 0, b.length)).as("%s", java.util.HexFormat.of().formatHex(b))
                    .isEqualTo(strict);
            assertThat(utf8mb4.decode(b, 0, b.length).isBad()).isEqualTo(!strict);
            // utf8mb3: the same minus 4-byte sequences, as its decoder says.
            assertThat(utf8mb3.certainlyText(b, 0, b.length)).as("%s", java.util.HexFormat.of().formatHex(b))
                    .isEqualTo(!utf8mb3.decode(b, 0, b.length).isBad());
        }
        assertThat(valid).isBetween(ROUNDS / 10, ROUNDS - ROUNDS / 10);
        assertThat(MysqlCharset.forName("latin1").orElseThrow().certainlyText(new byte[] {(byte) 0x81}, 0, 1)).isTrue();
        assertThat(MysqlCharset.forName("sjis").orElseThrow().certainlyText(new byte[] {'a'}, 0, 1))
                .as("other multi-byte sets are left to the decoder").isFalse();
    }

    /** Code points of every length, some with a byte changed. */
    private static byte[] nearlyUtf8(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0x800 + random.nextInt(0xF800);
                default -> 0x10000 + random.nextInt(0x100000);
            };
            if (cp < 0xD800 || cp > 0xDFFF) {
                s.appendCodePoint(cp);
            }
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && random.nextBoolean()) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static boolean strictUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
