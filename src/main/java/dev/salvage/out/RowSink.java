package dev.salvage.out;

import java.io.IOException;
import java.util.List;

/**
 * Where recovered rows of one table go: open one per table ({@link OutputFormat#open}), {@link #write} every
 * row, then {@link #finish} for the counts. Implementations stream through buffered files: memory is one row.
 */
public interface RowSink extends AutoCloseable {

    /** Writes one row: a value per layout column, then one per metadata column. */
    void write(List<RowValue> row) throws IOException;

    /**
     * Rows made ready for {@link #writePrepared} ahead of time. Safe to call from any thread, concurrently: the
     * TSV sink formats the rows to bytes here, so that the work spreads over the recovery's worker threads and
     * the writing thread only appends. The default keeps the rows as they are.
     */
    default Prepared prepare(List<List<RowValue>> rows) {
        return new PreparedRows(List.copyOf(rows));
    }

    /**
     * The TSV sink's field rules, for callers that write rows as bytes themselves and hand them over with
     * {@link TsvFields#chunk}; null for every other format.
     */
    default TsvFields tsvFields() {
        return null;
    }

    /** Writes rows {@link #prepare}d by this sink, in the order the caller wants them in the file. */
    default void writePrepared(Prepared prepared) throws IOException {
        for (List<RowValue> row : ((PreparedRows) prepared).rows()) {
            write(row);
        }
    }

    /** What {@link #prepare} returns; only the sink that made it can write it. */
    interface Prepared {
    }

    /** The default preparation: the rows themselves. */
    record PreparedRows(List<List<RowValue>> rows) implements Prepared {
    }

    /** Flushes and closes the files (writing any companion file, such as the TSV's load SQL); idempotent. */
    SinkResult finish() throws IOException;

    /** Finishes if {@link #finish} was not called, so that try-with-resources leaves complete files. */
    @Override
    void close() throws IOException;
}
