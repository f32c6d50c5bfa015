package dev.salvage.out;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code <table>.jsonl}: one JSON object per line, keys the column names and then the metadata names, in layout
 * order. NULL is {@code null}; integers, DECIMAL, FLOAT/DOUBLE and BIT are JSON numbers with the server's
 * digits (never rounded through a double); binary values are strings of upper-case hex, as {@code HEX()} prints
 * them (hex rather than base64 so that they compare directly with the server's output); JSON columns are the
 * document's text as a string; a damaged value is its marker string.
 */
final class JsonLinesSink extends AbstractRowSink {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?");

    private final Path file;
    private final JsonGenerator json;
    private final FieldRenderer renderer;
    private final List<String> names;

    JsonLinesSink(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        super(layout, options);
        file = OutputFiles.pathFor(dir, layout.tableName(), ".jsonl");
        // Characters outside the BMP as their 4 UTF-8 bytes, not as an escaped surrogate pair.
        JsonFactory factory = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
        json = factory.createGenerator(OutputFiles.create(file, options));
        json.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null); // lines are separated by our '\n' alone
        renderer = new FieldRenderer(layout, this);
        names = layout.names();
    }

    @Override
    protected void writeRow(List<RowValue> row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            json.writeFieldName(names.get(i));
            RowValue value = row.get(i);
            if (value instanceof RowValue.Null) {
                json.writeNull();
                continue;
            }
            String text = renderer.text(i, value);
            ValueClass valueClass = renderer.classOf(i);
            boolean numeric = (valueClass == ValueClass.NUMBER || valueClass == ValueClass.BIT)
                    && !(value instanceof RowValue.Damaged) && JSON_NUMBER.matcher(text).matches();
            if (numeric) {
                json.writeNumber(text);
            } else {
                json.writeString(text);
            }
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    protected List<Path> finishFiles(long rowCount) throws IOException {
        json.close();
        return List.of(file);
    }
}
