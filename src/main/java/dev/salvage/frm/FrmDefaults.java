package dev.salvage.frm;

import dev.salvage.schema.ColumnType;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.Decoded;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.FloatCodec;
import dev.salvage.types.TemporalCodec;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a column's default from the default-values record of the .frm, in the server's in-memory row format
 * (little-endian integers; DATETIME2/TIME2/TIMESTAMP2 and DECIMAL in their big-endian binary forms), and
 * prints it the way SHOW CREATE TABLE does (sql/sql_show.cc {@code print_default_clause}): MySQL 5.7 quotes
 * every literal, MariaDB only character and temporal literals.
 */
final class FrmDefaults {

    private FrmDefaults() {
    }

    /**
     * The literal as text, unquoted and unescaped, or null when the bytes cannot be read.
     *
     * @param record  the default-values record
     * @param offset  0-based offset of the field in it
     * @param bitHigh for BIT: the uneven high bits kept among the null bits (already extracted)
     */
    static String literal(FrmField f, ColumnType type, byte[] record, int offset, String charset, long bitHigh) {
        int packLength = FrmTypes.packLength(f, type);
        if (offset < 0 || packLength < 0 || offset + packLength > record.length) {
            return null;
        }
        TypeKind kind = type.kind();
        return switch (f.fieldType()) {
            case FrmTypes.TINY, FrmTypes.SHORT, FrmTypes.INT24, FrmTypes.LONG, FrmTypes.LONGLONG ->
                    zerofill(f, integer(record, offset, packLength, f.unsigned()));
            case FrmTypes.NEWDECIMAL -> zerofill(f, text(DecimalCodec.decode(record, offset, type.length(),
                    type.scale() == null ? 0 : type.scale())));
            case FrmTypes.FLOAT -> zerofill(f, text(FloatCodec.decodeFloat(record, offset,
                    f.decimals() >= FrmTypes.NOT_FIXED_DEC ? -1 : f.decimals())));
            case FrmTypes.DOUBLE -> zerofill(f, text(FloatCodec.decodeDouble(record, offset,
                    f.decimals() >= FrmTypes.NOT_FIXED_DEC ? -1 : f.decimals())));
            case FrmTypes.BIT -> Long.toBinaryString(bitHigh << (8 * packLength)
                    | uintBE(record, offset, packLength));
            case FrmTypes.YEAR -> {
                int y = record[offset] & 0xFF;
                yield y == 0 ? "0000" : Integer.toString(1900 + y);
            }
            case FrmTypes.NEWDATE -> date(uintLE(record, offset, 3));
            case FrmTypes.TIME2 -> text(TemporalCodec.time2(record, offset, FrmTypes.fsp(type)));
            case FrmTypes.DATETIME2 -> text(TemporalCodec.datetime2(record, offset, FrmTypes.fsp(type)));
            case FrmTypes.TIMESTAMP2 -> text(TemporalCodec.timestamp2(record, offset, FrmTypes.fsp(type)));
            case FrmTypes.DATETIME -> oldDatetime(uintLE(record, offset, 8));
            case FrmTypes.TIMESTAMP -> timestampSeconds(uintLE(record, offset, 4));
            case FrmTypes.TIME -> oldTime(signExtend(uintLE(record, offset, 3), 24));
            case FrmTypes.STRING -> kind == TypeKind.ENUM || kind == TypeKind.SET
                    ? enumOrSet(type, uintLE(record, offset, packLength))
                    : fixedString(record, offset, packLength, charset, kind == TypeKind.BINARY);
            case FrmTypes.VARCHAR, FrmTypes.VAR_STRING -> varString(record, offset, f.length(), charset);
            case FrmTypes.ENUM, FrmTypes.SET -> enumOrSet(type, uintLE(record, offset, packLength));
            default -> null;
        };
    }

    private static String text(Decoded d) {
        return d == null || d.isBad() ? null : d.text();
    }

    private static String integer(byte[] r, int off, int len, boolean unsigned) {
        long v = uintLE(r, off, len);
        if (unsigned) {
            return Long.toUnsignedString(v);
        }
        return Long.toString(signExtend(v, len * 8));
    }

    /** ZEROFILL prints the value left-padded with zeros to the display width. */
    private static String zerofill(FrmField f, String value) {
        if (value == null || !f.zerofill() || value.startsWith("-")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = value.length(); i < f.length(); i++) {
            out.append('0');
        }
        return out.append(value).toString();
    }

    private static String date(long v) {
        return String.format("%04d-%02d-%02d", v >> 9, (v >> 5) & 15, v & 31);
    }

    private static String oldDatetime(long v) {
        long date = v / 1_000_000L, time = v % 1_000_000L;
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", date / 10000, date / 100 % 100, date % 100,
                time / 10000, time / 100 % 100, time % 100);
    }

    private static String oldTime(long v) {
        String sign = v < 0 ? "-" : "";
        long a = Math.abs(v);
        return String.format("%s%02d:%02d:%02d", sign, a / 10000, a / 100 % 100, a % 100);
    }

    /** TIMESTAMP literals are kept as seconds since 1970 and printed in UTC (the harness's session zone). */
    private static String timestampSeconds(long seconds) {
        if (seconds == 0) {
            return "0000-00-00 00:00:00";
        }
        return java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static String fixedString(byte[] r, int off, int len, String charset, boolean binary) {
        int end = off + len;
        if (!binary) {
            while (end > off && r[end - 1] == ' ') {
                end--;
            }
        }
        return decode(r, off, end - off, charset);
    }

    private static String varString(byte[] r, int off, int maxBytes, String charset) {
        int prefix = maxBytes > 255 ? 2 : 1;
        int len = (int) uintLE(r, off, prefix);
        if (len > maxBytes || off + prefix + len > r.length) {
            return null;
        }
        return decode(r, off + prefix, len, charset);
    }

    private static String enumOrSet(ColumnType type, long value) {
        List<String> labels = type.labels();
        if (type.kind() == TypeKind.ENUM) {
            return value == 0 ? "" : value <= labels.size() ? labels.get((int) value - 1) : null;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < labels.size() && i < 64; i++) {
            if ((value >>> i & 1) != 0) {
                chosen.add(labels.get(i));
            }
        }
        return String.join(",", chosen);
    }

    static String decode(byte[] r, int off, int len, String charset) {
        Charset cs = charset == null || charset.equals("binary") ? StandardCharsets.ISO_8859_1
                : MysqlCharset.javaCharsetFor(charset).orElse(StandardCharsets.ISO_8859_1);
        return new String(r, off, len, cs);
    }

    static long uintLE(byte[] r, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | (r[off + i] & 0xFF);
        }
        return v;
    }

    private static long uintBE(byte[] r, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (r[off + i] & 0xFF);
        }
        return v;
    }

    private static long signExtend(long v, int bits) {
        return bits >= 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    /** Quotes a literal as SHOW CREATE TABLE does ({@code append_unescaped}). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case 0 -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("''");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
