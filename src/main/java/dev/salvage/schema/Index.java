package dev.salvage.schema;

import java.util.List;
import java.util.Objects;

/**
 * An index of a table.
 *
 * @param name    the index name; {@code PRIMARY} for the primary key
 * @param visible false for MySQL 8.0's INVISIBLE indexes (MariaDB's IGNORED)
 * @param comment the index COMMENT, null when there is none
 */
public record Index(String name, IndexKind kind, List<IndexPart> parts, boolean visible, String comment) {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        parts = List.copyOf(parts);
    }

    public static Index of(String name, IndexKind kind, IndexPart... parts) {
        return new Index(name, kind, List.of(parts), true, null);
    }

    public static Index primaryKey(IndexPart... parts) {
        return of("PRIMARY", IndexKind.PRIMARY, parts);
    }

    public List<String> columnNames() {
        return parts.stream().map(IndexPart::column).toList();
    }
}
