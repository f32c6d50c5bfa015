package dev.salvage.out;

import dev.salvage.schema.Column;
import dev.salvage.schema.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one output file holds: the table's stored columns, in order, followed by metadata columns that are not
 * table columns (with {@code --provenance}: page, offset, heap number, delete mark, transaction id). A row given
 * to a sink has one value per column and then one per metadata column.
 *
 * <p>Virtual generated columns have no stored bytes and are left out. Stored generated columns are written (the
 * bytes were recovered) but never loaded: the server computes them, and refuses values for them.
 */
public record RowLayout(String tableName, List<Column> columns, List<String> metaColumns, String tableCharset) {

    public RowLayout {
        Objects.requireNonNull(tableName, "tableName");
        columns = List.copyOf(columns);
        metaColumns = List.copyOf(metaColumns);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
        }
        for (String meta : metaColumns) {
            if (!names.add(meta.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("metadata column " + meta + " clashes with a column of the same name");
            }
        }
    }

    /** The table's stored columns, no metadata columns. */
    public static RowLayout of(TableDef table) {
        List<Column> stored = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!c.isVirtual()) {
                stored.add(c);
            }
        }
        return new RowLayout(table.name(), stored, List.of(), table.charset());
    }

    /** This layout with metadata columns appended (names must not clash with table columns). */
    public RowLayout withMetaColumns(List<String> names) {
        List<String> all = new ArrayList<>(metaColumns);
        all.addAll(names);
        return new RowLayout(tableName, columns, all, tableCharset);
    }

    /** Columns plus metadata columns: the number of values every row must have. */
    public int width() {
        return columns.size() + metaColumns.size();
    }

    /** All header names: column names, then metadata names. */
    public List<String> names() {
        List<String> names = new ArrayList<>(width());
        columns.forEach(c -> names.add(c.name()));
        names.addAll(metaColumns);
        return names;
    }

    /** True when loading writes this column (false for stored generated columns, which the server computes). */
    public boolean isLoaded(int columnIndex) {
        return !columns.get(columnIndex).isGenerated();
    }

    /** The column's effective character set: its own, else the table's, else utf8mb4. */
    public String charsetOf(Column column) {
        if (column.charset() != null) {
            return column.charset();
        }
        return tableCharset != null ? tableCharset : "utf8mb4";
    }

    void requireWidth(List<RowValue> row) {
        if (row.size() != width()) {
            throw new IllegalArgumentException("row of " + row.size() + " values for " + width() + " columns of "
                    + tableName);
        }
    }
}
