package dev.salvage.sdi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.schema.Column;
import dev.salvage.schema.SqlText;
import dev.salvage.schema.TableConstraint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * FOREIGN KEY constraints from a table's SDI (sql/dd/impl/types/foreign_key_impl.cc), written as SHOW CREATE
 * TABLE writes them: sorted by name, ON DELETE before ON UPDATE, NO ACTION left out.
 */
final class SdiForeignKeys {

    /** dd::Foreign_key::enum_rule: 1 NO ACTION (not printed), 2 RESTRICT, 3 CASCADE, 4 SET NULL, 5 SET DEFAULT. */
    private static final String[] RULES = {null, null, "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"};

    private SdiForeignKeys() {
    }

    static List<TableConstraint> read(JsonNode table, List<Column> columns, List<SdiFinding> findings, long page) {
        String schema = table.path("schema_ref").asText("");
        List<TableConstraint> out = new ArrayList<>();
        for (JsonNode fk : table.path("foreign_keys")) {
            String name = fk.path("name").asText("");
            List<String> own = new ArrayList<>();
            List<String> referenced = new ArrayList<>();
            for (JsonNode element : fk.path("elements")) {
                int opx = element.path("column_opx").asInt(-1);
                if (opx < 0 || opx >= columns.size()) {
                    findings.add(SdiFinding.warning(page, "SDI_FK_COLUMN_MISSING", "foreign key " + name
                            + " refers to column #" + opx + "; constraint left out"));
                    own.clear();
                    break;
                }
                own.add(SqlText.quoteIdentifier(columns.get(opx).name()));
                referenced.add(SqlText.quoteIdentifier(element.path("referenced_column_name").asText("")));
            }
            if (own.isEmpty()) {
                continue;
            }
            String refSchema = fk.path("referenced_table_schema_name").asText("");
            StringBuilder text = new StringBuilder("FOREIGN KEY (").append(String.join(",", own)).append(") REFERENCES ");
            if (!refSchema.isEmpty() && !refSchema.equals(schema)) {
                text.append(SqlText.quoteIdentifier(refSchema)).append('.');
            }
            text.append(SqlText.quoteIdentifier(fk.path("referenced_table_name").asText("")))
                    .append(" (").append(String.join(",", referenced)).append(')');
            rule(text, "ON DELETE", fk.path("delete_rule").asInt(1));
            rule(text, "ON UPDATE", fk.path("update_rule").asInt(1));
            out.add(new TableConstraint(name.isEmpty() ? null : name, text.toString()));
        }
        out.sort(Comparator.comparing(c -> c.name() == null ? "" : c.name()));
        return out;
    }

    private static void rule(StringBuilder text, String clause, int rule) {
        if (rule > 1 && rule < RULES.length) {
            text.append(' ').append(clause).append(' ').append(RULES[rule]);
        }
    }
}
