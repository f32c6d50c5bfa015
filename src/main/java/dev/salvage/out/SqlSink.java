package dev.salvage.out;

import dev.salvage.schema.SqlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <table>.sql}: multi-row {@code INSERT} (or {@code REPLACE}) statements into the table of the current
 * database, each ended before it passes {@link SinkOptions#rowsPerStatement()} rows or
 * {@link SinkOptions#bytesPerStatement()} bytes. Stored generated columns are left out of the column list;
 * metadata columns follow each row as a comment.
 */
final class SqlSink extends AbstractRowSink {

    private final Path file;
    private final OutputStream out;
    private final ValueClass[] classes;
    private final String[] charsets;
    private final byte[] statementHead;
    private final ByteArrayOutputStream rowBuffer = new ByteArrayOutputStream(256);
    private int statementRows;
    private long statementBytes;

    SqlSink(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        super(layout, options);
        int n = layout.columns().size();
        classes = new ValueClass[n];
        charsets = new String[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes[i] = ValueClass.of(layout.columns().get(i));
            charsets[i] = layout.charsetOf(layout.columns().get(i));
            if (layout.isLoaded(i)) {
                names.add(SqlText.quoteIdentifier(layout.columns().get(i).name()));
            }
        }
        statementHead = ((options.replace() ? "REPLACE" : "INSERT") + " INTO "
                + SqlText.quoteIdentifier(layout.tableName()) + " (" + String.join(", ", names) + ") VALUES\n")
                .getBytes(StandardCharsets.UTF_8);
        file = OutputFiles.pathFor(dir, layout.tableName(), ".sql");
        out = OutputFiles.create(file, options);
        String header = "-- salvage: rows of " + SqlText.quoteIdentifier(layout.tableName())
                + " for the current database.\n" + TsvLoadScript.SESSION_SETTINGS;
        out.write(header.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void writeRow(List<RowValue> row) throws IOException {
        rowBuffer.reset();
        rowBuffer.write('(');
        boolean first = true;
        for (int i = 0; i < classes.length; i++) {
            if (!layout.isLoaded(i)) {
                continue;
            }
            if (!first) {
                rowBuffer.write(',');
            }
            first = false;
            SqlLiterals.write(rowBuffer, classes[i], charsets[i], row.get(i), options.binaryLiterals());
        }
        rowBuffer.write(')');
        appendMetaComment(row);

        boolean full = statementRows >= options.rowsPerStatement()
                || (statementRows > 0 && statementBytes + rowBuffer.size() + 2 > options.bytesPerStatement());
        if (full) {
            endStatement();
        }
        if (statementRows == 0) {
            out.write(statementHead);
            statementBytes = statementHead.length;
        } else {
            out.write(',');
            out.write('\n');
            statementBytes += 2;
        }
        rowBuffer.writeTo(out);
        statementBytes += rowBuffer.size();
        statementRows++;
    }

    /** {@code /* page=3, heap_no=7 *\/} after the row: provenance the table has no column for. */
    private void appendMetaComment(List<RowValue> row) {
        if (layout.metaColumns().isEmpty()) {
            return;
        }
        StringBuilder comment = new StringBuilder(" /* ");
        int base = layout.columns().size();
        for (int m = 0; m < layout.metaColumns().size(); m++) {
            RowValue value = row.get(base + m);
            String text = value instanceof RowValue.Text t ? t.text()
                    : value instanceof RowValue.Bytes b ? Hex.of(b.bytes())
                    : value instanceof RowValue.Damaged d ? d.marker() : "NULL";
            comment.append(m == 0 ? "" : ", ").append(layout.metaColumns().get(m)).append('=')
                    .append(text.replace("*/", "* /").replace('\n', ' ').replace('\r', ' '));
        }
        SqlLiterals.utf8(rowBuffer, comment.append(" */").toString());
    }

    private void endStatement() throws IOException {
        if (statementRows > 0) {
            out.write(";\n".getBytes(StandardCharsets.US_ASCII));
        }
        statementRows = 0;
        statementBytes = 0;
    }

    @Override
    protected List<Path> finishFiles(long rowCount) throws IOException {
        endStatement();
        out.write(("-- " + rowCount + " rows\n").getBytes(StandardCharsets.US_ASCII));
        out.close();
        return List.of(file);
    }
}
