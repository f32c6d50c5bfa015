package dev.salvage.out;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <table>.csv}: RFC 4180 (comma, CRLF, double quotes doubled), UTF-8, a header line with the column and
 * metadata names. RFC 4180 has no NULL: NULL is an empty unquoted field and the empty string is {@code ""}
 * (PostgreSQL's convention, which most CSV readers keep apart). Binary values are upper-case hex, BIT values
 * numbers.
 */
final class CsvSink extends AbstractRowSink {

    private final Path file;
    private final Writer out;
    private final FieldRenderer renderer;

    CsvSink(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        super(layout, options);
        file = OutputFiles.pathFor(dir, layout.tableName(), ".csv");
        out = new OutputStreamWriter(OutputFiles.create(file, options), StandardCharsets.UTF_8);
        renderer = new FieldRenderer(layout, this);
        List<String> names = layout.names();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(out, names.get(i));
        }
        out.write("\r\n");
    }

    @Override
    protected void writeRow(List<RowValue> row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            RowValue value = row.get(i);
            if (!(value instanceof RowValue.Null)) {
                writeField(out, renderer.text(i, value));
            }
        }
        out.write("\r\n");
    }

    /** Quoted when it holds a comma, quote, CR or LF, or is empty (so that it is not read as NULL). */
    static void writeField(Writer out, String text) throws IOException {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    protected List<Path> finishFiles(long rowCount) throws IOException {
        out.close();
        return List.of(file);
    }
}
