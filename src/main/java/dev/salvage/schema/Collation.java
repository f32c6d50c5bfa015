package dev.salvage.schema;

import java.util.Optional;

/**
 * A collation and its id, the number InnoDB keeps in the upper half of a column's PRTYPE and the .frm
 * keeps per column.
 */
public record Collation(int id, String name, String charset, boolean isDefault) {

    public static Optional<Collation> byName(String name, ServerDialect dialect) {
        return CharsetTables.collationByName(name, dialect);
    }

    public static Optional<Collation> byId(int id, ServerDialect dialect) {
        return CharsetTables.collationById(id, dialect);
    }
}
