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
    /** Atomic: prepared rows ({@link RowSink#prepare}) are rendered on several threads at once. */
    private final java.util.concurrent.atomic.AtomicLong lossy = new java.util.concurrent.atomic.AtomicLong();
    private SinkResult result;

    AbstractRowSink(RowLayout layout, SinkOptions options) {
        this.layout = layout;
        this.options = options;
    }

    @Override
    public final void write(List<RowValue> row) throws IOException {
        requireOpen();
        layout.requireWidth(row);
        for (RowValue value : row) {
            if (value instanceof RowValue.Damaged) {
                damaged++;
            }
        }
        writeRow(row);
        rows++;
    }

    protected final void requireOpen() {
        if (result != null) {
            throw new IllegalStateException("sink for " + layout.tableName() + " is finished");
        }
    }

    /** Counts the rows of a prepared chunk its implementation has just written. */
    protected final void countWritten(long rowCount, long damagedValues) {
        rows += rowCount;
        damaged += damagedValues;
    }

    @Override
    public final SinkResult finish() throws IOException {
        if (result == null) {
            List<Path> files = finishFiles(rows);
            result = new SinkResult(rows, damaged, lossy.get(), files);
        }
        return result;
    }

    @Override
    public final void close() throws IOException {
        finish();
    }

    /** Called by implementations when a value could not be written exactly. */
    protected final void countLossy() {
        lossy.incrementAndGet();
    }

    protected abstract void writeRow(List<RowValue> row) throws IOException;

    /** Flushes and closes; returns the files written, the data file first. */
    protected abstract List<Path> finishFiles(long rowCount) throws IOException;
}
