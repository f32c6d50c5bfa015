package dev.salvage.schema;

import java.util.Objects;

/**
 * One column of an index.
 *
 * @param prefixLength characters (bytes for binary columns) of the column that the index holds, null for all
 * @param descending   DESC key part (stored in descending order only on MySQL 8.0; older servers ignore it)
 */
public record IndexPart(String column, Integer prefixLength, boolean descending) {

    public IndexPart {
        Objects.requireNonNull(column, "column");
    }

    public static IndexPart of(String column) {
        return new IndexPart(column, null, false);
    }
}
