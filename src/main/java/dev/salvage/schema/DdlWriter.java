package dev.salvage.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link TableDef} as a CREATE TABLE statement (no trailing semicolon) in the layout SHOW CREATE
 * TABLE uses, which MySQL 5.7, 8.0 and MariaDB accept. Reading it back with {@link DdlParser} gives the same
 * model.
 */
public final class DdlWriter {

    private DdlWriter() {
    }

    public static String write(TableDef table) {
        List<String> elements = new ArrayList<>();
        for (Column column : table.columns()) {
            elements.add(column(column, table));
        }
        for (Index index : table.indexes()) {
            elements.add(index(index));
        }
        for (TableConstraint constraint : table.constraints()) {
            elements.add((constraint.name() == null ? "" : "CONSTRAINT " + SqlText.quoteIdentifier(constraint.name()) + " ")
                    + constraint.definition());
        }
        StringBuilder out = new StringBuilder("CREATE TABLE ");
        if (table.schema() != null) {
            out.append(SqlText.quoteIdentifier(table.schema())).append('.');
        }
        out.append(SqlText.quoteIdentifier(table.name())).append(" (\n  ");
        out.append(String.join(",\n  ", elements)).append("\n)");
        out.append(tableOptions(table));
        if (table.partitioning() != null) {
            out.append('\n').append(table.partitioning());
        }
        return out.toString();
    }

    private static String column(Column c, TableDef table) {
        StringBuilder out = new StringBuilder(SqlText.quoteIdentifier(c.name())).append(' ').append(c.type().sql());
        if (c.unsigned() && c.type().kind().isNumeric()) {
            out.append(" unsigned");
        }
        if (c.zerofill()) {
            out.append(" zerofill");
        }
        if (c.charset() != null && !(Objects.equals(c.charset(), table.charset())
                && Objects.equals(c.collation(), table.collation()))) {
            out.append(" CHARACTER SET ").append(c.charset());
            if (c.collation() != null) {
                out.append(" COLLATE ").append(c.collation());
            }
        }
        if (c.isGenerated()) {
            out.append(" GENERATED ALWAYS AS ").append(parenthesised(c.generated()))
                    .append(c.generatedStored() ? " STORED" : " VIRTUAL");
            if (!c.nullable()) {
                out.append(" NOT NULL");
            }
        } else if (!c.nullable()) {
            out.append(" NOT NULL");
        } else if (c.type().kind() == TypeKind.TIMESTAMP) {
            // Without NULL, MySQL 5.x makes a TIMESTAMP NOT NULL with a default (explicit_defaults_for_timestamp=0).
            out.append(" NULL");
        }
        if (c.invisible()) {
            out.append(" INVISIBLE");
        }
        if (c.defaultValue() != null) {
            out.append(" DEFAULT ").append(c.defaultValue());
        }
        if (c.onUpdate() != null) {
            out.append(" ON UPDATE ").append(c.onUpdate());
        }
        if (c.autoIncrement()) {
            out.append(" AUTO_INCREMENT");
        }
        if (c.comment() != null) {
            out.append(" COMMENT ").append(SqlText.quoteString(c.comment()));
        }
        if (c.check() != null) {
            out.append(" CHECK ").append(parenthesised(c.check()));
        }
        return out.toString();
    }

    private static String index(Index index) {
        StringBuilder out = new StringBuilder();
        switch (index.kind()) {
            case PRIMARY -> out.append("PRIMARY KEY");
            case UNIQUE -> out.append("UNIQUE KEY ").append(SqlText.quoteIdentifier(index.name()));
            case FULLTEXT -> out.append("FULLTEXT KEY ").append(SqlText.quoteIdentifier(index.name()));
            case SPATIAL -> out.append("SPATIAL KEY ").append(SqlText.quoteIdentifier(index.name()));
            default -> out.append("KEY ").append(SqlText.quoteIdentifier(index.name()));
        }
        out.append(" (");
        for (int i = 0; i < index.parts().size(); i++) {
            IndexPart part = index.parts().get(i);
            out.append(i == 0 ? "" : ",").append(SqlText.quoteIdentifier(part.column()));
            if (part.prefixLength() != null) {
                out.append('(').append(part.prefixLength()).append(')');
            }
            if (part.descending()) {
                out.append(" DESC");
            }
        }
        out.append(')');
        if (index.comment() != null) {
            out.append(" COMMENT ").append(SqlText.quoteString(index.comment()));
        }
        if (!index.visible()) {
            out.append(" INVISIBLE");
        }
        return out.toString();
    }

    private static String tableOptions(TableDef table) {
        StringBuilder out = new StringBuilder();
        if (table.engine() != null) {
            out.append(" ENGINE=").append(table.engine());
        }
        for (Map.Entry<String, String> option : table.options().entrySet()) {
            out.append(' ').append(option.getKey()).append('=').append(option.getValue());
        }
        if (table.charset() != null) {
            out.append(" DEFAULT CHARSET=").append(table.charset());
        }
        if (table.collation() != null) {
            out.append(" COLLATE=").append(table.collation());
        }
        if (table.rowFormat() != null) {
            out.append(" ROW_FORMAT=").append(table.rowFormat());
        }
        if (table.comment() != null) {
            out.append(" COMMENT=").append(SqlText.quoteString(table.comment()));
        }
        return out.toString();
    }

    private static String parenthesised(String expression) {
        String e = expression.trim();
        return e.startsWith("(") && e.endsWith(")") ? e : "(" + e + ")";
    }
}
