package dev.salvage.out;

import java.nio.charset.StandardCharsets;

/**
 * How the TSV sink writes each field, for callers that build rows as bytes themselves (the recovery's direct
 * path decodes straight from page bytes into a row buffer and skips {@link RowValue} for the common types).
 * {@link #appendValue} is the one rule for any value; the {@code is…} questions tell a caller which columns it
 * may write from the stored bytes instead, with the same result. Stateless apart from the sink's lossy
 * counter: safe on any thread.
 */
public final class TsvFields {

    private final RowLayout layout;
    private final SinkOptions options;
    private final FieldRenderer renderer;
    private final TsvSink sink;

    TsvFields(RowLayout layout, SinkOptions options, FieldRenderer renderer, TsvSink sink) {
        this.layout = layout;
        this.options = options;
        this.renderer = renderer;
        this.sink = sink;
    }

    public RowLayout layout() {
        return layout;
    }

    /**
     * True when a text value of table column {@code i} is written as its stored bytes, escaped (a value that
     * keeps its stored bytes, as {@code RowValue.text(text, stored)} does).
     */
    public boolean writesStoredText(int i) {
        return i < layout.columns().size() && renderer.classOf(i) == ValueClass.TEXT
                && options.tsvText() == SinkOptions.TsvText.NATIVE;
    }

    /** True when a {@link RowValue.Bytes} of table column {@code i} is written as upper-case hex of its bytes. */
    public boolean writesHex(int i) {
        return i < layout.columns().size() && renderer.classOf(i) == ValueClass.BINARY;
    }

    /** True when an ASCII {@link RowValue.Text} of column {@code i} (a number, a temporal) is written as is. */
    public boolean writesAsciiText(int i) {
        if (i >= layout.columns().size()) {
            return true;
        }
        ValueClass cls = renderer.classOf(i);
        return cls == ValueClass.NUMBER || cls == ValueClass.TEMPORAL;
    }

    /** One field; the common values (stored text bytes, ASCII numbers and temporals) skip the general renderer. */
    public void appendValue(EscapedBytes to, int i, RowValue value) {
        if (value instanceof RowValue.Null) {
            to.append(TsvEscaper.NULL);
            return;
        }
        ValueClass cls = renderer.classOf(i);
        boolean nativeText = options.tsvText() == SinkOptions.TsvText.NATIVE;
        if (value instanceof RowValue.Text t && cls != ValueClass.BINARY) {
            if (cls != ValueClass.TEXT || !nativeText || i >= layout.columns().size()) {
                to.appendEscapedUtf8(t.text()); // what the renderer's text(...).getBytes(UTF_8) gives
                return;
            }
            if (t.storedBytes() != null) {
                to.appendEscaped(t.storedBytes()); // ColumnBytes.of: the stored bytes, exact
                return;
            }
        }
        to.appendEscaped(nativeText ? renderer.nativeBytes(i, value)
                : renderer.text(i, value).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Rows already written as TSV bytes (each ending with a newline), ready for {@link RowSink#writePrepared}, which
     * writes them out before it returns: the caller may then reuse {@code rows}.
     */
    public RowSink.Prepared chunk(EscapedBytes rows, long rowCount, long damagedValues) {
        return sink.chunk(rows, rowCount, damagedValues);
    }
}
