package dev.salvage.out;

import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.SqlText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/** Values as SQL literals in a UTF-8 script that starts with {@code SET NAMES utf8mb4}. */
final class SqlLiterals {

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * Character sets whose text survives the trip through a utf8mb4 string literal byte for byte (every
     * character has exactly one encoding). Text in other sets is written as {@code _charset X'...'} when its
     * stored bytes are known, which is exact for any set.
     */
    private static final Set<String> UNICODE_EXACT = Set.of("utf8mb4", "utf8mb3", "ascii", "latin1");

    private SqlLiterals() {
    }

    static void write(ByteArrayOutputStream out, ValueClass valueClass, String charset, RowValue value,
            SinkOptions.BinaryLiterals binary) {
        if (value instanceof RowValue.Null) {
            ascii(out, "NULL");
        } else if (value instanceof RowValue.Damaged d) {
            utf8(out, SqlText.quoteString(d.marker()));
        } else if (value instanceof RowValue.Bytes b) {
            switch (valueClass) {
                case BIT -> ascii(out, Hex.unsignedNumber(b.bytes()));
                case TEXT -> introduced(out, charset, b.bytes());
                default -> binary(out, b.bytes(), binary);
            }
        } else {
            RowValue.Text t = (RowValue.Text) value;
            switch (valueClass) {
                case NUMBER, BIT -> {
                    if (NUMBER.matcher(t.text()).matches()) {
                        ascii(out, t.text());
                    } else {
                        utf8(out, SqlText.quoteString(t.text()));
                    }
                }
                case BINARY -> binary(out, t.storedBytes() != null ? t.storedBytes()
                        : t.text().getBytes(StandardCharsets.UTF_8), binary);
                case TEXT -> {
                    if (t.storedBytes() != null && !UNICODE_EXACT.contains(MysqlCharset.canonicalName(charset))) {
                        introduced(out, charset, t.storedBytes());
                    } else {
                        utf8(out, SqlText.quoteString(t.text()));
                    }
                }
                default -> utf8(out, SqlText.quoteString(t.text()));
            }
        }
    }

    /** {@code _latin2 X'...'}: the bytes taken as the column's character set, no conversion. */
    private static void introduced(ByteArrayOutputStream out, String charset, byte[] bytes) {
        String cs = MysqlCharset.canonicalName(charset);
        if (cs.matches("[a-z0-9_]+")) {
            ascii(out, "_" + cs + " ");
        }
        ascii(out, "X'" + Hex.of(bytes) + "'");
    }

    private static void binary(ByteArrayOutputStream out, byte[] bytes, SinkOptions.BinaryLiterals style) {
        if (style == SinkOptions.BinaryLiterals.HEX) {
            ascii(out, "X'" + Hex.of(bytes) + "'");
            return;
        }
        // mysqldump's form without --hex-blob: raw bytes, only the ones the parser would misread escaped.
        ascii(out, "_binary '");
        for (byte b : bytes) {
            switch (b) {
                case 0 -> ascii(out, "\\0");
                case '\'' -> ascii(out, "\\'");
                case '\\' -> ascii(out, "\\\\");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case 0x1a -> ascii(out, "\\Z");
                default -> out.write(b);
            }
        }
        out.write('\'');
    }

    static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    static void utf8(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
