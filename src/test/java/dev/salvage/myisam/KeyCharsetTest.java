package dev.salvage.myisam;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Text order of key parts as {@code strnncollsp} gives it, for the collations check judges. */
class KeyCharsetTest {

    private static Integer cmp(int collation, String a, String b, java.nio.charset.Charset cs) {
        byte[] x = a.getBytes(cs);
        byte[] y = b.getBytes(cs);
        return KeyCharset.of(collation).compare(x, 0, x.length, y, 0, y.length);
    }

    @Test
    void latin1SwedishFoldsCaseAndSortsSwedishLettersAfterZ() {
        java.nio.charset.Charset latin1 = StandardCharsets.ISO_8859_1;
        assertThat(cmp(8, "abc", "ABC", latin1)).isZero();
        assertThat(cmp(8, "a", "B", latin1)).isNegative();
        assertThat(cmp(8, "Z", "\u00c4", latin1)).isNegative(); // Ä after Z
        assertThat(cmp(8, "\u00e5", "\u00c5", latin1)).isZero(); // å = Å
        assertThat(cmp(8, "\u00fc", "Y", latin1)).isZero(); // ü sorts as Y in Swedish
        assertThat(cmp(8, "ab  ", "ab", latin1)).isZero(); // PAD SPACE
        assertThat(cmp(8, "ab\t", "ab", latin1)).isNegative(); // a tab sorts below the padding space
    }

    @Test
    void binCollationsCompareBytesWithPadSpace() {
        assertThat(cmp(47, "a", "B", StandardCharsets.ISO_8859_1)).isPositive(); // latin1_bin
        assertThat(cmp(46, "\u00e9", "z", StandardCharsets.UTF_8)).isPositive(); // utf8mb4_bin: code points
        assertThat(cmp(46, "x ", "x", StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void generalCiJudgesOnlyAscii() {
        assertThat(cmp(45, "guiness", "GUINESS", StandardCharsets.UTF_8)).isZero();
        assertThat(cmp(45, "a", "b", StandardCharsets.UTF_8)).isNegative();
        assertThat(cmp(45, "\u00e9", "e", StandardCharsets.UTF_8)).isNull();
        assertThat(cmp(224, "a", "b", StandardCharsets.UTF_8)).isNull(); // utf8mb4_unicode_ci: not judged
    }

    @Test
    void keyOrderOfVarcharPartsFollowsTheCollation() {
        // One VARCHAR key part (VARTEXT1, length-prefixed in the key), latin1_swedish_ci then latin1_bin.
        KeyDef swedish = new KeyDef(1, KeyDef.HA_VAR_LENGTH_KEY, 1024, 20, 0, 20,
                java.util.List.of(new KeySeg(15, 8, 0, 1, 0, KeySeg.HA_VAR_LENGTH_PART, 10, 1, 0)));
        KeyDef bin = new KeyDef(1, KeyDef.HA_VAR_LENGTH_KEY, 1024, 20, 0, 20,
                java.util.List.of(new KeySeg(15, 47, 0, 1, 0, KeySeg.HA_VAR_LENGTH_PART, 10, 1, 0)));
        byte[] zeta = {4, 'z', 'e', 't', 'a'};
        byte[] apple = {5, (byte) 0xc4, 'p', 'p', 'l', 'e'}; // Äpple
        byte[] zetaUpper = {4, 'Z', 'E', 'T', 'A'};
        assertThat(KeyCompare.compare(swedish, zeta, zeta.length, apple, apple.length)).isNegative();
        assertThat(KeyCompare.compare(swedish, zeta, zeta.length, zetaUpper, zetaUpper.length)).isZero();
        assertThat(KeyCompare.compare(bin, zeta, zeta.length, zetaUpper, zetaUpper.length)).isPositive();
        KeyDef unicode = new KeyDef(1, KeyDef.HA_VAR_LENGTH_KEY, 1024, 20, 0, 20,
                java.util.List.of(new KeySeg(15, 224, 0, 1, 0, KeySeg.HA_VAR_LENGTH_PART, 10, 1, 0)));
        assertThat(KeyCompare.compare(unicode, zeta, zeta.length, apple, apple.length)).as("not judged").isNull();
    }

    @Test
    void charPosCutsUtf8AtCharacterBoundaries() {
        byte[] s = "a\u00e9\u20acz".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 1 bytes
        KeyCharset utf8mb4 = KeyCharset.of(45);
        assertThat(utf8mb4.charPos(s, 0, s.length, 2)).isEqualTo(3);
        assertThat(utf8mb4.charPos(s, 0, s.length, 3)).isEqualTo(6);
        assertThat(utf8mb4.charPos(s, 0, s.length, 9)).isEqualTo(s.length);
        assertThat(KeyCharset.of(8).charPos(s, 0, s.length, 2)).isEqualTo(2);
        assertThat(KeyCharset.of(35)).as("ucs2 is not ASCII-compatible").isNull();
    }
}
