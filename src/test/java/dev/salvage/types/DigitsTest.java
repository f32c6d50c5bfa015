package dev.salvage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Digits against the JDK's own formatting, on every edge and a million random values of every magnitude. */
class DigitsTest {

    private static String written(long value) {
        byte[] dst = new byte[24];
        int end = Digits.write(value, dst, 2);
        return new String(dst, 2, end - 2, StandardCharsets.US_ASCII);
    }

    private static String padded(long value, int width) {
        byte[] dst = new byte[width + 4];
        dst[1] = 'x';
        dst[width + 2] = 'y';
        Digits.pad(dst, 2, value, width);
        assertThat(dst[1]).as("byte before the field").isEqualTo((byte) 'x');
        assertThat(dst[width + 2]).as("byte after the field").isEqualTo((byte) 'y');
        return new String(dst, 2, width, StandardCharsets.US_ASCII);
    }

    @Test
    void writesLikeLongToString() {
        long[] edges = {0, 1, 9, 10, 99, 100, 101, 999, 1000, Integer.MAX_VALUE - 1L, Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, -1, -9, -10, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (long v : edges) {
            assertThat(written(v)).as("%d", v).isEqualTo(Long.toString(v));
        }
        long p = 1;
        for (int i = 0; i < 19; i++) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1)}) {
                assertThat(written(v)).as("%d", v).isEqualTo(Long.toString(v));
            }
            p *= 10;
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            long v = random.nextLong() >> random.nextInt(64); // every magnitude, both signs
            assertThat(written(v)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void padsToTheWidthAndNeverWritesOutsideIt() {
        assertThat(padded(0, 1)).isEqualTo("0");
        assertThat(padded(7, 2)).isEqualTo("07");
        assertThat(padded(2024, 4)).isEqualTo("2024");
        assertThat(padded(5, 6)).isEqualTo("000005");
        assertThat(padded(123456, 6)).isEqualTo("123456");
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            int width = 1 + random.nextInt(18);
            long v = random.nextLong((long) Math.pow(10, width));
            assertThat(padded(v, width)).isEqualTo(String.format("%0" + width + "d", v));
        }
        for (int v = -5; v < 105; v++) {
            byte[] two = new byte[4];
            byte[] padded = new byte[4];
            Digits.two(two, 1, v);
            Digits.pad(padded, 1, v, 2);
            assertThat(two).as("two(%d)", v).isEqualTo(padded);
        }
        // Out of contract (damaged input): still exactly the field's bytes, the low digits of the value.
        assertThat(padded(12345, 2)).isEqualTo("45");
        assertThat(padded(-3, 2)).hasSize(2);
    }
}
