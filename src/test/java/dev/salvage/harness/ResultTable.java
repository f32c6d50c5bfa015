package dev.salvage.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The result of a query as the server printed it: column labels and rows of strings, {@code null} for SQL NULL.
 * Saved as TSV in LOAD DATA's default escaping (first line = column labels, {@code \N} = NULL), so a
 * truth file can be read by people and by {@code LOAD DATA} alike.
 */
public record ResultTable(List<String> columns, List<List<String>> rows) {

    public ResultTable {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            // List.copyOf refuses nulls, and NULL is a value here.
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Index of a column by label, case-insensitive; -1 when absent. */
    public int columnIndex(String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    /** All values of one column, in row order. */
    public List<String> column(String label) {
        int index = columnIndex(label);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + label + " in " + columns);
        }
        List<String> values = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            values.add(row.get(index));
        }
        return values;
    }

    public void writeTsv(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        appendLine(out, columns);
        for (List<String> row : rows) {
            appendLine(out, row);
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    public static ResultTable readTsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IOException("truth file " + file + " does not end with a newline (truncated?)");
        }
        List<List<String>> lines = new ArrayList<>();
        // Newlines inside values are escaped, so every raw '\n' ends a row; a row holding one empty
        // string is an empty line and must survive, hence only the final newline is dropped.
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            lines.add(parseLine(line));
        }
        return new ResultTable(lines.get(0), lines.subList(1, lines.size()));
    }

    private static void appendLine(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(escape(values.get(i)));
        }
        out.append('\n');
    }

    static String escape(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static List<String> parseLine(String line) {
        List<String> values = new ArrayList<>();
        for (String field : line.split("\t", -1)) {
            values.add(field.equals("\\N") ? null : unescape(field));
        }
        return values;
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                switch (next) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ResultTable" + columns + " " + rows.size() + " rows" + (rows.isEmpty() ? "" : ", first " + rows.get(0));
    }

    /** Convenience for tests: one row as a list. */
    public static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
