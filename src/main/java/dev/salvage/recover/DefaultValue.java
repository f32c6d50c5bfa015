package dev.salvage.recover;

import dev.salvage.out.RowValue;
import dev.salvage.schema.Column;

/**
 * The value of a column that a record does not store because the column was added by instant ADD COLUMN after
 * the record was written: the column's DEFAULT as declared. Only literal defaults can be reproduced; an
 * expression default is marked damaged rather than guessed.
 */
final class DefaultValue {

    private DefaultValue() {
    }

    static RowValue of(Column column) {
        String sql = column.defaultValue();
        if (sql == null || sql.equalsIgnoreCase("NULL")) {
            return RowValue.NULL;
        }
        String s = sql.trim();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return RowValue.text(s.substring(1, s.length() - 1).replace("''", "'").replace("\\\\", "\\"));
        }
        if (s.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
            return RowValue.text(s);
        }
        return RowValue.damaged("instant ADD COLUMN default " + s + " is an expression");
    }
}
