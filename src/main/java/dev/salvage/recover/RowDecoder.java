package dev.salvage.recover;

import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.innodb.lob.LobRead;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.out.RowValue;
import dev.salvage.schema.Column;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.Decoded;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the fields {@code RecordParser} located into one row: a {@link RowValue} per output column. Off-page
 * values are read through {@link ExternReader}; a broken chain gives a {@link RowValue.Damaged} marker and a
 * finding, never an empty or truncated string passed off as the value. A value its decoder calls impossible
 * makes the whole record implausible: {@link #decode} then returns the reason and the caller rejects it.
 * One instance per thread.
 */
public final class RowDecoder {

    private final ClusteredLayout layout;
    private final ColumnDecoder[] decoders;
    private final boolean[] trimCharPadding;
    private final PageReader pages;
    private final int pageSize;
    private final int maxValueBytes;

    public RowDecoder(ClusteredLayout layout, PageReader pages, int pageSize, int maxValueBytes) {
        this.layout = layout;
        this.pages = pages;
        this.pageSize = pageSize;
        this.maxValueBytes = maxValueBytes;
        List<Column> columns = layout.outputColumns();
        decoders = new ColumnDecoder[columns.size()];
        trimCharPadding = new boolean[columns.size()];
        String tableCharset = layout.table().charset();
        for (int i = 0; i < decoders.length; i++) {
            Column c = columns.get(i);
            decoders[i] = ColumnDecoder.of(c, tableCharset, layout.temporal(), layout.dialect());
            trimCharPadding[i] = c.type().kind() == TypeKind.CHAR
                    && ColumnStorage.minBytes(ColumnStorage.charsetOf(c, tableCharset)) == 1;
        }
    }

    public ClusteredLayout layout() {
        return layout;
    }

    /**
     * Fills {@code row} (cleared first) with the record's values.
     *
     * @param findings receives one sentence per damaged off-page value (may be a no-op)
     * @return null when every value is plausible, else why the record cannot be a row of this table
     */
    public String decode(byte[] page, RecordOffsets rec, List<RowValue> row, Consumer<String> findings) {
        row.clear();
        for (int i = 0; i < decoders.length; i++) {
            RowValue value = column(i, page, rec, findings);
            if (value == null) {
                return reason;
            }
            row.add(value);
        }
        return null;
    }

    /** Why the last {@link #column} call returned null. */
    public String reason() {
        return reason;
    }

    /** True when CHAR column {@code i} keeps its stored bytes without the trailing space padding. */
    boolean trimsCharPadding(int i) {
        return trimCharPadding[i];
    }

    private String reason;

    /**
     * Output column {@code i} of the record: its value, or null when the record cannot be a row of this table
     * ({@link #reason()} says why).
     */
    public RowValue column(int i, byte[] page, RecordOffsets rec, Consumer<String> findings) {
        int field = layout.fieldOf(i);
        Column column = layout.outputColumns().get(i);
        if (rec.isDefault(field)) {
            return DefaultValue.of(column);
        }
        if (rec.isNull(field)) {
            if (!column.nullable()) {
                reason = column.name() + " is NULL but declared NOT NULL";
                return null;
            }
            return RowValue.NULL;
        }
        byte[] source = page;
        int off = rec.offset(field);
        int len = rec.length(field);
        if (rec.isExtern(field)) {
            LobRead read = ExternReader.readField(pages, page, off, len, pageSize, maxValueBytes);
            if (!read.complete()) {
                findings.accept(column.name() + ": off-page value " + read.describe());
                return RowValue.damaged("off-page value " + read.describe());
            }
            source = read.data();
            off = 0;
            len = source.length;
        }
        return value(i, source, off, len);
    }

    /** Output column {@code i} from {@code len} bytes at {@code off} of {@code source}; null when impossible. */
    RowValue value(int i, byte[] source, int off, int len) {
        Column column = layout.outputColumns().get(i);
        if (off < 0 || len < 0 || off + len > source.length) {
            reason = column.name() + ": bytes outside the page";
            return null;
        }
        Decoded value = decoders[i].decode(source, off, len);
        if (value.isBad()) {
            reason = column.name() + ": " + value.reason();
            return null;
        }
        return toRowValue(value, i, source, off, len);
    }

    /** Text values keep the stored bytes so that sinks can write them in the column's own charset exactly. */
    private RowValue toRowValue(Decoded value, int column, byte[] source, int off, int len) {
        if (value.kind() != Decoded.Kind.TEXT || !layout.outputColumns().get(column).type().kind().hasCharset()) {
            return RowValue.of(value);
        }
        int end = off + len;
        if (trimCharPadding[column]) {
            while (end > off && source[end - 1] == ' ') {
                end--;
            }
        } else if (layout.outputColumns().get(column).type().kind() == TypeKind.CHAR) {
            return RowValue.text(value.text());
        }
        TypeKind kind = layout.outputColumns().get(column).type().kind();
        if (kind == TypeKind.ENUM || kind == TypeKind.SET) {
            return RowValue.text(value.text());
        }
        // A fresh copy already: the record constructor takes it as is (RowValue.text would copy it again).
        return new RowValue.Text(value.text(), Arrays.copyOfRange(source, off, end));
    }
}
