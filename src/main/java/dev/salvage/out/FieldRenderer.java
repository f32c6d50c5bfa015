package dev.salvage.out;

import dev.salvage.schema.Column;
import dev.salvage.schema.MysqlCharset;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A value as the text or bytes of a flat file field (TSV, CSV, JSON): hex for binary columns, the number for
 * BIT, the damage marker for damaged values. The TSV sink's native-charset mode goes through {@link #nativeBytes}.
 */
final class FieldRenderer {

    private final RowLayout layout;
    private final ValueClass[] classes;
    private final AbstractRowSink counter;

    FieldRenderer(RowLayout layout, AbstractRowSink counter) {
        this.layout = layout;
        this.counter = counter;
        this.classes = new ValueClass[layout.columns().size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = ValueClass.of(layout.columns().get(i));
        }
    }

    /** The column's class; metadata columns count as text. */
    ValueClass classOf(int index) {
        return index < classes.length ? classes[index] : ValueClass.TEXT;
    }

    /** A non-null value as Unicode text (not for NULL). */
    String text(int index, RowValue value) {
        if (value instanceof RowValue.Damaged d) {
            return d.marker();
        }
        if (value instanceof RowValue.Text t) {
            if (classOf(index) == ValueClass.BINARY) {
                return Hex.of(t.storedBytes() != null ? t.storedBytes() : t.text().getBytes(StandardCharsets.UTF_8));
            }
            return t.text();
        }
        if (value instanceof RowValue.Bytes b) {
            return switch (classOf(index)) {
                case BIT -> Hex.unsignedNumber(b.bytes());
                case TEXT -> decodeLossy(index, b.bytes());
                default -> Hex.of(b.bytes());
            };
        }
        throw new IllegalArgumentException("NULL has no text");
    }

    /**
     * A non-null value as bytes for a file loaded with {@code CHARACTER SET binary}: text columns in their own
     * character set, JSON and everything else ASCII/UTF-8.
     */
    byte[] nativeBytes(int index, RowValue value) {
        if (index < classes.length && classes[index] == ValueClass.TEXT) {
            Column column = layout.columns().get(index);
            if (value instanceof RowValue.Text t) {
                ColumnBytes.Encoded encoded = ColumnBytes.of(t, layout.charsetOf(column));
                if (!encoded.exact()) {
                    counter.countLossy();
                }
                return encoded.bytes();
            }
            if (value instanceof RowValue.Bytes b) {
                return b.bytes(); // undecodable text bytes: written as stored, still exact
            }
            if (value instanceof RowValue.Damaged d) {
                return ColumnBytes.encode(d.marker(), layout.charsetOf(column)).bytes();
            }
        }
        return text(index, value).getBytes(StandardCharsets.UTF_8);
    }

    private String decodeLossy(int index, byte[] bytes) {
        counter.countLossy();
        Charset cs = index < classes.length
                ? MysqlCharset.javaCharsetFor(layout.charsetOf(layout.columns().get(index))).orElse(StandardCharsets.UTF_8)
                : StandardCharsets.UTF_8;
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
