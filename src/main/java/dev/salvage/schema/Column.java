package dev.salvage.schema;

import java.util.Objects;

/**
 * One column as declared. Character set and collation are the effective ones (inherited from the table or
 * the server when the DDL does not name them) and are null for types without characters.
 *
 * @param defaultValue     the DEFAULT clause as SQL text ({@code 'x'}, {@code -5}, {@code NULL},
 *                         {@code current_timestamp(3)}), null when there is none
 * @param onUpdate         the ON UPDATE clause as SQL text, null when there is none
 * @param generated        the generation expression (with its parentheses) for a generated column, else null
 * @param generatedStored  true for STORED / PERSISTENT, false for VIRTUAL (only meaningful when generated)
 * @param check            an inline CHECK expression (MariaDB writes JSON columns this way), else null
 */
public record Column(String name, ColumnType type, boolean nullable, String defaultValue, String onUpdate,
        String charset, String collation, boolean unsigned, boolean zerofill, String generated,
        boolean generatedStored, String comment, boolean autoIncrement, boolean invisible, String check) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable column of the given type with no other attributes. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, true, null, null, null, null, false, false, null, false, null, false, false,
                null);
    }

    public boolean isGenerated() {
        return generated != null;
    }

    /** Virtual generated columns have no bytes in the clustered index record. */
    public boolean isVirtual() {
        return generated != null && !generatedStored;
    }

    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultValue, onUpdate, charset, collation, unsigned, zerofill,
                generated, generatedStored, comment, autoIncrement, invisible, check);
    }

    public Column withCharset(String charsetName, String collationName) {
        return new Column(name, type, nullable, defaultValue, onUpdate, charsetName, collationName, unsigned,
                zerofill, generated, generatedStored, comment, autoIncrement, invisible, check);
    }

    public Column withDefault(String sql) {
        return new Column(name, type, nullable, sql, onUpdate, charset, collation, unsigned, zerofill,
                generated, generatedStored, comment, autoIncrement, invisible, check);
    }

    public Column withUnsigned(boolean isUnsigned, boolean isZerofill) {
        return new Column(name, type, nullable, defaultValue, onUpdate, charset, collation, isUnsigned, isZerofill,
                generated, generatedStored, comment, autoIncrement, invisible, check);
    }
}
