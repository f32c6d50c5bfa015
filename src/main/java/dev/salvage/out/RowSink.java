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

    /** Flushes and closes the files (writing any companion file, such as the TSV's load SQL); idempotent. */
    SinkResult finish() throws IOException;

    /** Finishes if {@link #finish} was not called, so that try-with-resources leaves complete files. */
    @Override
    void close() throws IOException;
}
