package dev.salvage.schema;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A MySQL/MariaDB character set: its longest character in bytes and the Java charset that decodes it.
 *
 * @param name            the server's name ({@code utf8} on MySQL up to 8.0.29, {@code utf8mb3} on MariaDB)
 * @param maxBytesPerChar MAXLEN from information_schema.CHARACTER_SETS; InnoDB sizes CHAR columns with it
 * @param defaultCollation the collation the server picks when DDL names only the character set
 */
public record MysqlCharset(String name, int maxBytesPerChar, String defaultCollation) {

    /**
     * Character sets the JDK cannot decode: single-byte sets nobody shipped a Java charset for. Decoding them
     * needs small byte-to-char tables (not done yet).
     */
    public static final Set<String> WITHOUT_JAVA_CHARSET =
            Set.of("armscii8", "dec8", "geostd8", "hp8", "keybcs2", "swe7");

    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("ascii", "US-ASCII"), Map.entry("big5", "Big5"), Map.entry("cp1250", "windows-1250"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp1256", "windows-1256"),
            Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"), Map.entry("cp852", "IBM852"),
            Map.entry("cp866", "IBM866"), Map.entry("cp932", "windows-31j"), Map.entry("eucjpms", "x-eucJP-Open"),
            Map.entry("euckr", "EUC-KR"), Map.entry("gb18030", "GB18030"), Map.entry("gb2312", "GB2312"),
            Map.entry("gbk", "GBK"), Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"),
            Map.entry("koi8r", "KOI8-R"), Map.entry("koi8u", "KOI8-U"), Map.entry("latin2", "ISO-8859-2"),
            Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"),
            Map.entry("macce", "x-MacCentralEurope"), Map.entry("macroman", "x-MacRoman"),
            Map.entry("sjis", "Shift_JIS"), Map.entry("tis620", "TIS-620"), Map.entry("ucs2", "UTF-16BE"),
            Map.entry("ujis", "EUC-JP"), Map.entry("utf16", "UTF-16BE"), Map.entry("utf16le", "UTF-16LE"),
            Map.entry("utf32", "UTF-32BE"), Map.entry("utf8", "UTF-8"), Map.entry("utf8mb3", "UTF-8"),
            Map.entry("utf8mb4", "UTF-8"));

    /** The character set as this server knows it; {@code utf8} and {@code utf8mb3} find each other. */
    public static Optional<MysqlCharset> byName(String name, ServerDialect dialect) {
        return CharsetTables.charset(name, dialect);
    }

    /** {@code utf8mb3} for {@code utf8}, else the lower-case name: one spelling for comparisons. */
    public static String canonicalName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("utf8") ? "utf8mb3" : n;
    }

    /**
     * The Java charset that decodes this character set's bytes exactly; empty for {@code binary} and the
     * six in {@link #WITHOUT_JAVA_CHARSET}. MySQL's latin1 is windows-1252 plus five bytes that windows-1252
     * leaves undefined, so it gets {@link MysqlLatin1}.
     */
    public Optional<Charset> javaCharset() {
        return javaCharsetFor(name);
    }

    public static Optional<Charset> javaCharsetFor(String charsetName) {
        String n = charsetName.toLowerCase(Locale.ROOT);
        if (n.equals("latin1")) {
            return Optional.of(MysqlLatin1.INSTANCE);
        }
        if (n.equals("utf8mb4") || n.equals("utf8") || n.equals("utf8mb3")) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        String javaName = JAVA_NAMES.get(n);
        if (javaName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(javaName));
        } catch (UnsupportedCharsetException e) {
            // A trimmed JRE may lack the extended charsets; callers then treat the column as bytes.
            return Optional.empty();
        }
    }
}
