package dev.salvage.check.keys;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The field comparisons on values whose answer is known from the servers' collation rules. */
class FieldOrderTest {

    private static byte[] u(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] l(String s) {
        return s.getBytes(java.nio.charset.Charset.forName("windows-1252"));
    }

    @Test
    void padSpaceIgnoresTrailingSpacesButNotTabs() {
        FieldOrder o = FieldOrder.BYTES_PAD_SPACE;
        assertThat(o.compare(u("a"), u("a  "))).isZero();
        assertThat(o.compare(u("a\t"), u("a"))).isNegative(); // a tab is below the padding space
        assertThat(o.compare(u("a"), u("ab"))).isNegative();
        assertThat(o.compare(u("a"), u("A"))).isPositive();
        assertThat(FieldOrder.BYTES.compare(u("a"), u("a "))).isNegative(); // NO PAD: the shorter first
    }

    @Test
    void generalCiFoldsCaseAccentsAndSupplementaryCharacters() {
        FieldOrder o = Utf8GeneralCi.INSTANCE;
        assertThat(o.compare(u("a"), u("A"))).isZero();
        assertThat(o.compare(u("á"), u("A "))).isZero();
        assertThat(o.compare(u("ß"), u("s"))).isZero();
        assertThat(o.compare(u("ss"), u("ß"))).isPositive(); // one character against two
        assertThat(o.compare(u("\uD83D\uDE00"), u("\uD83D\uDE01"))).isZero();
        assertThat(o.compare(u("\uD83D\uDE00"), u("\uFFFD"))).isZero();
        assertThat(o.compare(u("z"), u("\uD83D\uDE00"))).isNegative();
        assertThat(o.compare(u("a\u0000"), u("a"))).isNegative();
        // Invalid UTF-8 falls back to bytes from the first bad character on.
        assertThat(o.compare(new byte[] {'a', (byte) 0xFF}, new byte[] {'A', (byte) 0xFE})).isPositive();
    }

    @Test
    void latin1SwedishKeepsItsLettersAfterZ() {
        FieldOrder o = SimpleWeights.LATIN1_SWEDISH_CI;
        assertThat(o.compare(l("a"), l("Á"))).isZero();
        assertThat(o.compare(l("z"), l("Å"))).isNegative();
        assertThat(o.compare(l("Ü"), l("y"))).isZero();
        assertThat(o.compare(l("b "), l("B"))).isZero();
    }

    @Test
    void floatingPointIsLittleEndianAndNumeric() {
        assertThat(FieldOrder.DOUBLE.compare(d(-2.5), d(1.0))).isNegative();
        assertThat(FieldOrder.DOUBLE.compare(d(-0.0), d(0.0))).isZero();
        assertThat(FieldOrder.DOUBLE.compare(d(256.0), d(1.0))).isPositive(); // bytes alone would say otherwise
        byte[] f1 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(-1f).array();
        byte[] f2 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).array();
        assertThat(FieldOrder.FLOAT.compare(f1, f2)).isNegative();
    }

    private static byte[] d(double v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
    }

    @Test
    void utf8PrefixCutsWholeCharacters() {
        assertThat(Utf8.prefixBytes(u("ßa\uD83D\uDE00x"), 3)).isEqualTo(7);
        assertThat(Utf8.prefixBytes(u("ab"), 5)).isEqualTo(2);
        assertThat(Utf8.prefixBytes(new byte[] {(byte) 0xC3}, 1)).isEqualTo(-1);
    }
}
