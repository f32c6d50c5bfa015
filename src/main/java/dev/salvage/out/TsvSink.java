package dev.salvage.out;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <table>.tsv} exactly as {@code LOAD DATA INFILE} reads it by default, plus {@code <table>.load.sql}
 * that loads it ({@link TsvLoadScript}). No header line: LOAD DATA's default would read it as a row.
 * Binary columns are hex, BIT columns numbers; text columns follow {@link SinkOptions.TsvText}.
 */
final class TsvSink extends AbstractRowSink {

    private final Path dataFile;
    private final Path loadFile;
    private final OutputStream out;
    private final TsvFields fields;
    /** Rows not yet handed to the file: written in blocks of about {@link #FLUSH_BYTES}. */
    private final EscapedBytes pending = new EscapedBytes(FLUSH_BYTES + 4096);
    private static final int FLUSH_BYTES = 1 << 16;

    TsvSink(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        super(layout, options);
        this.dataFile = OutputFiles.pathFor(dir, layout.tableName(), ".tsv");
        this.loadFile = OutputFiles.pathFor(dir, layout.tableName(), ".load.sql");
        // Refuse an existing load SQL before writing any data, not after the dump.
        OutputFiles.checkWritable(loadFile, options);
        this.out = OutputFiles.create(dataFile, options);
        this.fields = new TsvFields(layout, options, new FieldRenderer(layout, this), this);
    }

    @Override
    public TsvFields tsvFields() {
        return fields;
    }

    Prepared chunk(EscapedBytes bytes, long rows, long damagedValues) {
        return new Chunk(bytes, rows, damagedValues);
    }

    @Override
    protected void writeRow(List<RowValue> row) throws IOException {
        appendRow(pending, row);
        if (pending.size() >= FLUSH_BYTES) {
            pending.writeTo(out);
            pending.clear();
        }
    }

    /** The rows as finished TSV bytes, rendered on the calling thread (any thread). */
    @Override
    public Prepared prepare(List<List<RowValue>> rows) {
        EscapedBytes bytes = new EscapedBytes(rows.size() * 64);
        long damagedValues = 0;
        for (List<RowValue> row : rows) {
            layout.requireWidth(row);
            for (RowValue value : row) {
                if (value instanceof RowValue.Damaged) {
                    damagedValues++;
                }
            }
            appendRow(bytes, row);
        }
        return new Chunk(bytes, rows.size(), damagedValues);
    }

    @Override
    public void writePrepared(Prepared prepared) throws IOException {
        if (!(prepared instanceof Chunk chunk)) {
            for (List<RowValue> row : ((PreparedRows) prepared).rows()) {
                write(row);
            }
            return;
        }
        requireOpen();
        // Keep the order: rows written one by one before this chunk go first.
        pending.writeTo(out);
        pending.clear();
        chunk.bytes.writeTo(out);
        countWritten(chunk.rows, chunk.damagedValues);
    }

    /** Rows rendered ahead by {@link #prepare}. */
    private record Chunk(EscapedBytes bytes, long rows, long damagedValues) implements Prepared {
    }

    private void appendRow(EscapedBytes to, List<RowValue> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                to.append((byte) '\t');
            }
            appendField(to, i, row.get(i));
        }
        to.append((byte) '\n');
    }

    private void appendField(EscapedBytes pending, int i, RowValue value) {
        fields.appendValue(pending, i, value);
    }

    @Override
    protected List<Path> finishFiles(long rowCount) throws IOException {
        pending.writeTo(out);
        pending.clear();
        out.close();
        String script = TsvLoadScript.render(layout, dataFile, options, rowCount);
        try (OutputStream load = OutputFiles.create(loadFile, options)) {
            load.write(script.getBytes(StandardCharsets.UTF_8));
        }
        return List.of(dataFile, loadFile);
    }
}
