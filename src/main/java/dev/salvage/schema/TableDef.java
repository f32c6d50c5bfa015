package dev.salvage.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table definition: what salvage needs to decode rows and to write the CREATE TABLE back.
 *
 * @param schema       database name when the DDL qualified the table, else null
 * @param charset      effective default character set (the DDL's, else the server's default)
 * @param collation    effective default collation
 * @param rowFormat    ROW_FORMAT as declared (upper case), null when not declared
 * @param engine       ENGINE as declared, null when not declared
 * @param comment      table COMMENT, null when none
 * @param partitioning the partitioning clause as text from {@code PARTITION BY}, null when not partitioned
 * @param options      further table options in declaration order, upper-case name to value as written
 *                     (AUTO_INCREMENT, KEY_BLOCK_SIZE, STATS_PERSISTENT, PAGE_COMPRESSED, ...)
 */
public record TableDef(String schema, String name, List<Column> columns, List<Index> indexes,
        List<TableConstraint> constraints, String charset, String collation, String rowFormat, String engine,
        String comment, String partitioning, Map<String, String> options) {

    public TableDef {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public Optional<Index> primaryKey() {
        return indexes.stream().filter(i -> i.kind() == IndexKind.PRIMARY).findFirst();
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equalsIgnoreCase(indexName)).findFirst();
    }

    public TableDef withName(String schemaName, String tableName) {
        return new TableDef(schemaName, tableName, columns, indexes, constraints, charset, collation, rowFormat,
                engine, comment, partitioning, options);
    }
}
