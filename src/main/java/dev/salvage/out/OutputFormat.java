package dev.salvage.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code --format} choices: one file per table in the output directory. */
public enum OutputFormat {
    /** {@code <table>.tsv} + {@code <table>.load.sql}. */
    TSV,
    /** {@code <table>.sql}: multi-row INSERT/REPLACE. */
    SQL,
    /** {@code <table>.csv}: RFC 4180 with a header. */
    CSV,
    /** {@code <table>.jsonl}: one object per line. */
    JSONL;

    /** Opens a sink for one table in {@code dir}; refuses existing files unless {@code options.overwrite()}. */
    public RowSink open(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        return switch (this) {
            case TSV -> new TsvSink(dir, layout, options);
            case SQL -> new SqlSink(dir, layout, options);
            case CSV -> new CsvSink(dir, layout, options);
            case JSONL -> new JsonLinesSink(dir, layout, options);
        };
    }

    /** The format for a {@code --format} value (case-insensitive). */
    public static OutputFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
