package dev.salvage.types;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A MySQL/MariaDB character set and how to turn its bytes into text as the server would print them.
 *
 * <p>Single-byte character sets decode through a 256-entry table: either built from the JDK charset of the same
 * repertoire (with the server's own mapping for bytes the JDK leaves undefined) or, for the six the JDK lacks
 * (dec8, hp8, keybcs2, armscii8, geostd8, swe7), taken from {@link SingleByteTables}. MySQL {@code latin1} is
 * cp1252 except that 0x81, 0x8D, 0x8F, 0x90 and 0x9D map to U+0081, U+008D, U+008F, U+0090, U+009D; cp866,
 * koi8u, greek, hebrew, tis620 and cp1256 also differ from the JDK in a few bytes, listed below.
 * Multi-byte character sets use the JDK decoder in strict mode, so malformed sequences make a bad value;
 * {@code utf8mb3} is UTF-8 limited to 3-byte sequences (no supplementary characters).
 */
public final class MysqlCharset {

    private enum Kind { TABLE, JAVA, UTF8MB3, BINARY }

    private static final Map<String, MysqlCharset> BY_NAME = new LinkedHashMap<>();

    static {
        // latin1 is cp1252 with the server's own code points for its five holes.
        singleByteJava("latin1", "windows-1252", "81:0081 8D:008d 8F:008f 90:0090 9D:009d");
        builtIn("dec8", 0);
        builtIn("hp8", 1);
        builtIn("keybcs2", 2);
        builtIn("armscii8", 3);
        builtIn("geostd8", 4);
        builtIn("swe7", 5);
        singleByteJava("ascii", "US-ASCII");
        singleByteJava("cp850", "IBM850");
        singleByteJava("cp852", "IBM852");
        singleByteJava("cp866", "IBM866", "FC:207f FD:00b2");
        singleByteJava("koi8r", "KOI8-R");
        singleByteJava("koi8u", "KOI8-U", "95:2022");
        singleByteJava("latin2", "ISO-8859-2");
        singleByteJava("latin5", "ISO-8859-9");
        singleByteJava("latin7", "ISO-8859-13");
        singleByteJava("greek", "ISO-8859-7", "A1:02bd A2:02bc A4:003f A5:003f AA:003f");
        singleByteJava("hebrew", "ISO-8859-8", "AF:203e");
        // tis620: 0x80..0x9F are C1 controls on the server; its unassigned bytes convert to U+FFFD, not '?'.
        singleByteJava("tis620", "TIS-620", "80:0080 81:0081 82:0082 83:0083 84:0084 85:0085 86:0086 87:0087 88:0088"
                + " 89:0089 8A:008a 8B:008b 8C:008c 8D:008d 8E:008e 8F:008f 90:0090 91:0091 92:0092 93:0093 94:0094"
                + " 95:0095 96:0096 97:0097 98:0098 99:0099 9A:009a 9B:009b 9C:009c 9D:009d 9E:009e 9F:009f A0:fffd"
                + " DB:fffd DC:fffd DD:fffd DE:fffd FC:fffd FD:fffd FE:fffd FF:fffd");
        singleByteJava("cp1250", "windows-1250");
        singleByteJava("cp1251", "windows-1251");
        singleByteJava("cp1256", "windows-1256", "8A:003f 8F:003f 98:003f 9A:003f 9F:003f AA:003f C0:003f FF:003f");
        singleByteJava("cp1257", "windows-1257");
        singleByteJava("macce", "x-MacCentralEurope");
        singleByteJava("macroman", "x-MacRoman");
        java("big5", "Big5", 2);
        java("sjis", "Shift_JIS", 2);
        java("cp932", "windows-31j", 2);
        java("ujis", "EUC-JP", 3);
        java("eucjpms", "x-eucJP-Open", 3);
        java("euckr", "EUC-KR", 2);
        java("gb2312", "GB2312", 2);
        java("gbk", "GBK", 2);
        java("gb18030", "GB18030", 4);
        java("ucs2", "UTF-16BE", 2);
        java("utf16", "UTF-16BE", 4);
        java("utf16le", "UTF-16LE", 4);
        java("utf32", "UTF-32BE", 4);
        java("utf8mb4", "UTF-8", 4);
        register(new MysqlCharset("utf8mb3", Kind.UTF8MB3, "UTF-8", null, -1, 3));
        register(new MysqlCharset("binary", Kind.BINARY, null, null, -1, 1));
    }

    private final String name;
    private final Kind kind;
    private final int maxBytesPerChar;
    // Tables and JDK charsets are made on first use: making every one up front loaded some 60 classes and cost
    // a cold `salvage rows` tens of milliseconds for the one or two character sets a table uses.
    /** TABLE: the JDK charset the table is built from, or null for one of {@link SingleByteTables}. JAVA: the decoder's. */
    private final String javaName;
    /** TABLE from a JDK charset: the bytes where the server differs, {@code "BYTE:CODEPOINT ..."}, or null. */
    private final String serverDifferences;
    /** TABLE from {@link SingleByteTables}: which one. */
    private final int builtInTable;
    private volatile char[] table;
    private volatile Charset javaCharset;

    private MysqlCharset(String name, Kind kind, String javaName, String serverDifferences, int builtInTable,
            int maxBytesPerChar) {
        this.name = name;
        this.kind = kind;
        this.javaName = javaName;
        this.serverDifferences = serverDifferences;
        this.builtInTable = builtInTable;
        this.maxBytesPerChar = maxBytesPerChar;
    }

    private static void register(MysqlCharset cs) {
        BY_NAME.put(cs.name, cs);
    }

    private static void builtIn(String name, int which) {
        register(new MysqlCharset(name, Kind.TABLE, null, null, which, 1));
    }

    private static void singleByteJava(String name, String javaName) {
        singleByteJava(name, javaName, null);
    }

    /** The 256-entry table of a single-byte set (built once; racing threads build equal tables). */
    private char[] table() {
        char[] t = table;
        if (t == null) {
            t = javaName == null ? builtInTable(builtInTable) : javaTable(javaName, serverDifferences);
            table = t;
        }
        return t;
    }

    private static char[] builtInTable(int which) {
        return switch (which) {
            case 0 -> SingleByteTables.DEC8;
            case 1 -> SingleByteTables.HP8;
            case 2 -> SingleByteTables.KEYBCS2;
            case 3 -> SingleByteTables.ARMSCII8;
            case 4 -> SingleByteTables.GEOSTD8;
            default -> SingleByteTables.SWE7;
        };
    }

    /** The JDK charset of a multi-byte set, null for the others. */
    private Charset javaCharset() {
        Charset cs = javaCharset;
        if (cs == null && javaName != null) {
            cs = Charset.forName(javaName);
            javaCharset = cs;
        }
        return cs;
    }

    /**
     * A JDK table with the bytes where the server's own table (strings/ctype-extra.c) differs, as
     * {@code "BYTE:CODEPOINT ..."} in hex; found and kept honest by {@code CharsetsOnRealServerTest}.
     */
    private static void singleByteJava(String name, String javaName, String serverDifferences) {
        register(new MysqlCharset(name, Kind.TABLE, javaName, serverDifferences, -1, 1));
    }

    private static void java(String name, String javaName, int maxLen) {
        register(new MysqlCharset(name, Kind.JAVA, javaName, null, -1, maxLen));
    }

    /**
     * The JDK's single-byte mapping as a table. Bytes the JDK leaves unmapped become '?', what the server prints
     * for a byte it cannot convert; {@code serverDifferences} (may be null) then overrides single bytes.
     */
    private static char[] javaTable(String javaName, String serverDifferences) {
        Charset cs = Charset.forName(javaName);
        char[] t = new char[256];
        for (int i = 0; i < 256; i++) {
            String s = new String(new byte[] {(byte) i}, cs);
            t[i] = s.length() == 1 && s.charAt(0) != '\uFFFD' ? s.charAt(0) : '?';
        }
        if (serverDifferences != null) {
            for (String pair : serverDifferences.split(" ")) {
                t[Integer.parseInt(pair, 0, 2, 16)] = (char) Integer.parseInt(pair, 3, 7, 16);
            }
        }
        return t;
    }

    /** The character set of this name (case-insensitive; {@code utf8} means utf8mb3), if known. */
    public static Optional<MysqlCharset> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("utf8")) {
            key = "utf8mb3";
        }
        return Optional.ofNullable(BY_NAME.get(key));
    }

    /** The character set of a collation such as {@code utf8mb4_0900_ai_ci} or {@code latin1_swedish_ci}. */
    public static Optional<MysqlCharset> forCollation(String collation) {
        if (collation == null) {
            return Optional.empty();
        }
        int underscore = collation.indexOf('_');
        return forName(underscore < 0 ? collation : collation.substring(0, underscore));
    }

    /** Every known character set by MySQL name. */
    public static Map<String, MysqlCharset> all() {
        return Collections.unmodifiableMap(BY_NAME);
    }

    public String name() {
        return name;
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** mbmaxlen: the most bytes one character takes. */
    public int maxBytesPerChar() {
        return maxBytesPerChar;
    }

    /** Decodes {@code len} bytes; bad value for malformed sequences. Binary: a binary value. */
    Decoded decode(byte[] b, int off, int len) {
        switch (kind) {
            case BINARY:
                return Decoded.binary(b, off, len);
            case TABLE: {
                char[] table = table();
                char[] out = new char[len];
                for (int i = 0; i < len; i++) {
                    out[i] = table[b[off + i] & 0xFF];
                }
                return Decoded.text(new String(out));
            }
            case UTF8MB3: {
                if (isAscii(b, off, len)) {
                    return Decoded.text(new String(b, off, len, StandardCharsets.ISO_8859_1));
                }
                Decoded d = strict(b, off, len);
                if (!d.isBad() && d.text().codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                    return Decoded.bad("4-byte UTF-8 sequence in a utf8mb3 value");
                }
                return d;
            }
            default:
                if (StandardCharsets.UTF_8.equals(javaCharset()) && isAscii(b, off, len)) {
                    // Most text is ASCII: the same characters without a strict decoder per value.
                    return Decoded.text(new String(b, off, len, StandardCharsets.ISO_8859_1));
                }
                return strict(b, off, len);
        }
    }

    /**
     * True when {@link #decode} certainly gives text for these bytes (not a bad value, not binary), checked
     * without making the text: every byte of a single-byte set, well-formed UTF-8 for utf8mb4 and utf8mb3
     * (without 4-byte sequences), the JDK's strict rules. False means "ask {@link #decode}", not "bad": the
     * other multi-byte sets always answer false. The caller has bounds-checked.
     */
    public boolean certainlyText(byte[] b, int off, int len) {
        return switch (kind) {
            case TABLE -> true;
            case UTF8MB3 -> wellFormedUtf8(b, off, len, false);
            case JAVA -> StandardCharsets.UTF_8.equals(javaCharset()) && wellFormedUtf8(b, off, len, true);
            case BINARY -> false;
        };
    }

    /**
     * RFC 3629 UTF-8 (what the JDK's strict decoder accepts): no overlong forms, no surrogates, nothing above
     * U+10FFFF; {@code fourByte} false also refuses supplementary characters (utf8mb3).
     */
    static boolean wellFormedUtf8(byte[] b, int off, int len, boolean fourByte) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= end || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= end || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return false;
                }
                int second = b[i + 1] & 0xFF;
                if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F)) {
                    return false; // overlong, or a surrogate
                }
                i += 3;
            } else if (fourByte && c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= end || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                int second = b[i + 1] & 0xFF;
                if ((c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F)) {
                    return false; // overlong, or beyond U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private Decoded strict(byte[] b, int off, int len) {
        CharsetDecoder decoder = javaCharset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(b, off, len));
            return Decoded.text(chars.toString());
        } catch (CharacterCodingException e) {
            return Decoded.bad("bytes are not valid " + name + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
