package dev.salvage.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Row counting, width checks and finish-once for the sinks. */
abstract class AbstractRowSink implements RowSink {

    protected final RowLayout layout;
    protected final SinkOptions options;
    private long rows;
    private long damaged;
    private long lossy;
    private SinkResult result;

    AbstractRowSink(RowLayout layout, SinkOptions options) {
        this.layout = layout;
        this.options = options;
    }

    @Override
    public final void write(List<RowValue> row) throws IOException {
        if (result != null) {
            throw new IllegalStateException("sink for " + layout.tableName() + " is finished");
        }
        layout.requireWidth(row);
        for (RowValue value : row) {
            if (value instanceof RowValue.Damaged) {
                damaged++;
            }
        }
        writeRow(row);
        rows++;
    }

    @Override
    public final SinkResult finish() throws IOException {
        if (result == null) {
            List<Path> files = finishFiles(rows);
            result = new SinkResult(rows, damaged, lossy, files);
        }
        return result;
    }

    @Override
    public final void close() throws IOException {
        finish();
    }

    /** Called by implementations when a value could not be written exactly. */
    protected final void countLossy() {
        lossy++;
    }

    protected abstract void writeRow(List<RowValue> row) throws IOException;

    /** Flushes and closes; returns the files written, the data file first. */
    protected abstract List<Path> finishFiles(long rowCount) throws IOException;
}
