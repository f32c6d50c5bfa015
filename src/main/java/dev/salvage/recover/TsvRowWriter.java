package dev.salvage.recover;

import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.out.EscapedBytes;
import dev.salvage.out.RowValue;
import dev.salvage.out.TsvFields;
import dev.salvage.schema.Column;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.EnumSetCodec;
import dev.salvage.types.IntegerCodec;
import dev.salvage.types.MysqlCharset;
import dev.salvage.types.TemporalCodec;

import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a record as one TSV line straight from the page bytes, for {@code salvage rows} at speed: the common
 * column types (integers, DATE, DATETIME and TIMESTAMP in the 5.6.4+ formats, text in the usual character sets,
 * binary strings) go from the stored bytes to the escaped field without a {@link RowValue}, a String or a copy.
 * Everything else, and any value a fast writer is not sure about, goes through {@link RowDecoder} and
 * {@link TsvFields#appendValue}: the same rules as the general path, so the bytes are the same either way
 * ({@code TsvDirectPathTest} holds the two paths to that on real servers' files). One instance per thread.
 */
final class TsvRowWriter {

    /** Writes one non-null, in-page value; false (nothing written) when the general path must decide. */
    @FunctionalInterface
    interface FieldWriter {
        boolean write(byte[] b, int off, int len, EscapedBytes out);
    }

    private final ClusteredLayout layout;
    private final RowDecoder decoder;
    private final TsvFields fields;
    private final FieldWriter[] writers;
    private int lastDamaged;

    TsvRowWriter(ClusteredLayout layout, RowDecoder decoder, TsvFields fields) {
        this.layout = layout;
        this.decoder = decoder;
        this.fields = fields;
        List<Column> columns = layout.outputColumns();
        if (fields.layout().width() != columns.size()) {
            throw new IllegalArgumentException("TSV layout has " + fields.layout().width() + " fields for "
                    + columns.size() + " columns");
        }
        writers = new FieldWriter[columns.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = writerFor(i, columns.get(i));
        }
    }

    /**
     * Appends the record parsed into {@code rec} as a TSV line to {@code out}. Returns null when written, else
     * why the record cannot be a row of the table ({@code out} is then as before).
     */
    String write(byte[] page, RecordOffsets rec, EscapedBytes out, Consumer<String> findings) {
        int rowStart = out.size();
        int damaged = 0;
        for (int i = 0; i < writers.length; i++) {
            if (i > 0) {
                out.append((byte) '\t');
            }
            int field = layout.fieldOf(i);
            FieldWriter writer = writers[i];
            if (writer != null && !rec.isNull(field) && !rec.isExtern(field) && !rec.isDefault(field)) {
                int off = rec.offset(field);
                int len = rec.length(field);
                if (off >= 0 && len >= 0 && off <= page.length - len && writer.write(page, off, len, out)) {
                    continue;
                }
            }
            RowValue value = decoder.column(i, page, rec, findings);
            if (value == null) {
                out.truncate(rowStart);
                return decoder.reason();
            }
            if (value instanceof RowValue.Damaged) {
                damaged++;
            }
            fields.appendValue(out, i, value);
        }
        out.append((byte) '\n');
        lastDamaged = damaged;
        return null;
    }

    /** Damaged-value markers in the line the last successful {@link #write} appended. */
    int lastDamaged() {
        return lastDamaged;
    }

    private FieldWriter writerFor(int i, Column column) {
        TypeKind kind = column.type().kind();
        TemporalFormat temporal = layout.temporal();
        int fsp = column.type().fsp();
        if (fields.writesAsciiText(i)) {
            boolean unsigned = column.unsigned();
            switch (kind) {
                case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> {
                    return (b, off, len, out) -> {
                        int at = reserve(out);
                        return put(out, IntegerCodec.write(b, off, len, unsigned, out.array(), at));
                    };
                }
                case DECIMAL -> {
                    int precision = column.type().length() == null ? 10 : column.type().length();
                    int scale = column.type().scale() == null ? 0 : column.type().scale();
                    return (b, off, len, out) -> {
                        out.reserve(precision + 3);
                        int at = out.size();
                        return put(out, DecimalCodec.write(b, off, precision, scale, out.array(), at));
                    };
                }
                case DATE -> {
                    return (b, off, len, out) -> {
                        int at = reserve(out);
                        return put(out, TemporalCodec.writeDate(b, off, out.array(), at));
                    };
                }
                case DATETIME -> {
                    return temporal == TemporalFormat.LEGACY ? null : (b, off, len, out) -> {
                        int at = reserve(out);
                        return put(out, TemporalCodec.writeDatetime2(b, off, fsp, out.array(), at));
                    };
                }
                case TIMESTAMP -> {
                    return temporal == TemporalFormat.LEGACY ? null : (b, off, len, out) -> {
                        int at = reserve(out);
                        return put(out, TemporalCodec.writeTimestamp2(b, off, fsp, out.array(), at));
                    };
                }
                default -> {
                    return null;
                }
            }
        }
        if (fields.writesStoredText(i) && (kind == TypeKind.ENUM || kind == TypeKind.SET)) {
            return labelWriter(i, column);
        }
        if (fields.writesStoredText(i)) {
            // The general path keeps these values' stored bytes (CHAR without its space padding in single-byte
            // sets); CHAR in multi-byte sets, ENUM and SET are rendered from their text instead.
            boolean trim = kind == TypeKind.CHAR && decoder.trimsCharPadding(i);
            if (kind != TypeKind.VARCHAR && kind != TypeKind.TINYTEXT && kind != TypeKind.TEXT
                    && kind != TypeKind.MEDIUMTEXT && kind != TypeKind.LONGTEXT && !trim) {
                return null;
            }
            String name = ColumnStorage.charsetOf(column, layout.table().charset());
            MysqlCharset cs = MysqlCharset.forName(name).or(() -> MysqlCharset.forCollation(name)).orElse(null);
            if (cs == null || cs.isBinary()) {
                return null;
            }
            return (b, off, len, out) -> {
                if (!cs.certainlyText(b, off, len)) {
                    return false;
                }
                int end = off + len;
                while (trim && end > off && b[end - 1] == ' ') {
                    end--;
                }
                out.appendEscaped(b, off, end - off);
                return true;
            };
        }
        if (fields.writesHex(i)) {
            return switch (kind) {
                case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB, INET6, UUID -> TsvRowWriter::hex;
                default -> null;
            };
        }
        return null;
    }

    /**
     * ENUM, and SET of up to 8 labels: every value's field bytes made once, by the general path itself, so they
     * cannot differ from it. Only where that rendering is exact (utf8mb4 labels; ASCII labels in utf8mb3 and
     * latin1): an inexact one would have to be counted per row as lossy.
     */
    private FieldWriter labelWriter(int i, Column column) {
        List<String> labels = column.type().labels();
        String charset = MysqlCharset.forName(ColumnStorage.charsetOf(column, layout.table().charset()))
                .map(MysqlCharset::name).orElse("");
        boolean ascii = labels.stream().allMatch(l -> l.chars().allMatch(c -> c < 0x80));
        if (!(charset.equals("utf8mb4") || (ascii && (charset.equals("utf8mb3") || charset.equals("latin1"))))) {
            return null;
        }
        boolean isEnum = column.type().kind() == TypeKind.ENUM;
        int width = isEnum ? EnumSetCodec.enumLength(labels.size()) : EnumSetCodec.setLength(labels.size());
        if (!isEnum && labels.size() > 8) {
            return null;
        }
        int values = isEnum ? labels.size() + 1 : 1 << labels.size();
        byte[][] rendered = new byte[values][];
        EscapedBytes scratch = new EscapedBytes(64);
        for (int v = 0; v < values; v++) {
            byte[] stored = width == 1 ? new byte[] {(byte) v} : new byte[] {(byte) (v >> 8), (byte) v};
            RowValue value = decoder.value(i, stored, 0, stored.length);
            if (value == null) {
                continue; // not a value of the column: left to the general path, which says why
            }
            scratch.clear();
            fields.appendValue(scratch, i, value);
            rendered[v] = java.util.Arrays.copyOf(scratch.array(), scratch.size());
        }
        return (b, off, len, out) -> {
            if (len != width) {
                return false;
            }
            int v = width == 1 ? b[off] & 0xFF : (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
            if (v >= rendered.length || rendered[v] == null) {
                return false;
            }
            out.append(rendered[v]);
            return true;
        };
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Upper-case hex of the bytes, as {@code HEX()} prints them (no byte of it needs escaping). */
    private static boolean hex(byte[] b, int off, int len, EscapedBytes out) {
        out.reserve(2 * len);
        byte[] to = out.array();
        int at = out.size();
        for (int i = off, end = off + len; i < end; i++) {
            to[at++] = HEX[(b[i] >> 4) & 15];
            to[at++] = HEX[b[i] & 15];
        }
        out.advanceTo(at);
        return true;
    }

    /**
     * Room for the longest value a digit writer puts down (a DATETIME(6) or a signed BIGINT); returns where
     * it starts. Call before {@link EscapedBytes#array()}: making room may replace the array.
     */
    private static int reserve(EscapedBytes out) {
        out.reserve(32);
        return out.size();
    }

    private static boolean put(EscapedBytes out, int end) {
        if (end < 0) {
            return false;
        }
        out.advanceTo(end);
        return true;
    }
}
