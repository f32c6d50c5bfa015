package dev.salvage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.schema.DdlParseResult;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares the CREATE TABLE that {@code salvage schema} prints with the server's SHOW CREATE TABLE, both read
 * by {@link DdlParser}. The documented differences, applied to the server's side:
 * <ol>
 * <li>AUTO_INCREMENT=n: the counter is not part of a table's definition in the files (.frm: kept by the engine;
 *     SDI: se_private_data autoinc=0, the live value is in the redo log / DD table buffer); it is removed.</li>
 * <li>The servers wrap the partitioning clause in a {@code /*!50100 ... *}{@code /} version comment; salvage
 *     writes the clause alone, so the server's closing {@code *}{@code /} is removed.</li>
 * </ol>
 * MySQL 8.0's {@code /*!80003 SRID n *}{@code /} column attribute is not in the model yet: DdlParser drops it from
 * the server's DDL with a warning (allowed here), and salvage does not write it, so it is not compared.
 */
final class SchemaDdlCompare {

    private SchemaDdlCompare() {
    }

    static TableDef parseOne(ServerDialect dialect, String ddl) {
        DdlParseResult parsed = new DdlParser(dialect).parse(ddl);
        assertThat(parsed.problems()).as("DdlParser problems for\n%s", ddl)
                .allMatch(p -> !p.fatal() && p.message().matches("column \\w+: ignored attributes \\[SRID, \\d+\\]"));
        assertThat(parsed.tables()).as("tables in\n%s", ddl).hasSize(1);
        return parsed.tables().get(0);
    }

    /** The server's SHOW CREATE TABLE with the documented differences applied. */
    static TableDef expected(ServerDialect dialect, String showCreate) {
        TableDef t = parseOne(dialect, showCreate);
        Map<String, String> options = new LinkedHashMap<>(t.options());
        options.remove("AUTO_INCREMENT");
        String partitioning = t.partitioning();
        if (partitioning != null && partitioning.endsWith("*/")) {
            partitioning = partitioning.substring(0, partitioning.length() - 2).trim();
        }
        return new TableDef(t.schema(), t.name(), t.columns(), t.indexes(), t.constraints(), t.charset(),
                t.collation(), t.rowFormat(), t.engine(), t.comment(), partitioning, options);
    }

    /** The one CREATE TABLE statement of a single-table {@code salvage schema} output. */
    static String ddlOf(String output) {
        int at = output.indexOf("CREATE TABLE");
        assertThat(at).as("CREATE TABLE in\n%s", output).isGreaterThanOrEqualTo(0);
        return output.substring(at);
    }
}
