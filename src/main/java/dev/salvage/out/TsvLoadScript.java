package dev.salvage.out;

import dev.salvage.schema.Column;
import dev.salvage.schema.SqlText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <table>.load.sql} that loads a {@link TsvSink} file into a table of the current database. Binary
 * columns go through a user variable and {@code UNHEX}, BIT through {@code CAST(... AS UNSIGNED)}; stored
 * generated columns and metadata columns are read into {@code @skip} and dropped.
 */
final class TsvLoadScript {

    /** Session settings shared with the SQL sink: UTC for TIMESTAMP, zero ids and zero dates kept as they are. */
    static final String SESSION_SETTINGS = """
            SET NAMES utf8mb4;
            SET time_zone = '+00:00';
            -- No strict mode (recovered rows may hold zero dates or over-long values: warnings, not aborts);
            -- NO_AUTO_VALUE_ON_ZERO keeps an AUTO_INCREMENT value 0 as 0.
            SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
            SET foreign_key_checks = 0;
            SET unique_checks = 0;
            """;

    private TsvLoadScript() {
    }

    static String render(RowLayout layout, Path dataFile, SinkOptions options, long rowCount) {
        boolean nativeText = options.tsvText() == SinkOptions.TsvText.NATIVE;
        List<String> targets = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            Column column = layout.columns().get(i);
            String name = SqlText.quoteIdentifier(column.name());
            String variable = "@c" + (i + 1);
            if (!layout.isLoaded(i)) {
                targets.add("@skip");
                continue;
            }
            switch (ValueClass.of(column)) {
                case BINARY -> {
                    targets.add(variable);
                    assignments.add(name + " = UNHEX(" + variable + ")");
                }
                case BIT -> {
                    targets.add(variable);
                    assignments.add(name + " = CAST(" + variable + " AS UNSIGNED)");
                }
                case JSON -> {
                    if (nativeText) {
                        // MySQL refuses JSON from a binary string; the text is UTF-8, say so.
                        targets.add(variable);
                        assignments.add(name + " = CONVERT(" + variable + " USING utf8mb4)");
                    } else {
                        targets.add(name);
                    }
                }
                default -> targets.add(name);
            }
        }
        layout.metaColumns().forEach(m -> targets.add("@skip"));

        StringBuilder sql = new StringBuilder();
        sql.append("-- salvage: loads ").append(dataFile.getFileName()).append(" (").append(rowCount)
                .append(" rows) into table ").append(SqlText.quoteIdentifier(layout.tableName()))
                .append(" of the current database.\n");
        if (nativeText) {
            sql.append("-- Text columns are in their own character set (CHARACTER SET binary: no conversion).\n");
        } else {
            sql.append("-- Text columns are UTF-8.\n");
        }
        if (!layout.metaColumns().isEmpty()) {
            sql.append("-- Skipped metadata columns: ").append(String.join(", ", layout.metaColumns())).append(".\n");
        }
        if (!options.localInfile()) {
            sql.append("-- The file is read by the server: it must lie under secure_file_priv.\n");
        }
        sql.append(SESSION_SETTINGS);
        sql.append("LOAD DATA ").append(options.localInfile() ? "LOCAL " : "").append("INFILE ")
                .append(SqlText.quoteString(dataFile.toAbsolutePath().normalize().toString())).append('\n');
        sql.append("  INTO TABLE ").append(SqlText.quoteIdentifier(layout.tableName())).append('\n');
        sql.append("  CHARACTER SET ").append(nativeText ? "binary" : "utf8mb4").append('\n');
        sql.append("  FIELDS TERMINATED BY '\\t' ENCLOSED BY '' ESCAPED BY '\\\\'\n");
        sql.append("  LINES TERMINATED BY '\\n' STARTING BY ''\n");
        sql.append("  (").append(String.join(", ", targets)).append(')');
        if (!assignments.isEmpty()) {
            sql.append("\n  SET ").append(String.join(",\n      ", assignments));
        }
        sql.append(";\n");
        return sql.toString();
    }
}
