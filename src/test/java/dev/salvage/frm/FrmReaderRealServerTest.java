package dev.salvage.frm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.Column;
import dev.salvage.schema.DdlParseResult;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every .frm that MariaDB 10.11 and MySQL 5.7 wrote for the fixture tables (every type family, defaults,
 * charsets, keys, partitions, generated columns; InnoDB and MyISAM) reads into the same {@link TableDef} that
 * {@link DdlParser} makes of the server's own SHOW CREATE TABLE, except for these documented differences:
 * <ol>
 * <li>AUTO_INCREMENT=n: the counter lives in the engine (MyISAM .MYI, InnoDB dictionary), not in the .frm;
 *     it is removed from the expected options.</li>
 * <li>MySQL 5.7 wraps the partitioning clause in a {@code /*!50100 ... *}{@code /} version comment; the .frm
 *     holds the clause alone, so the expected clause loses the closing {@code *}{@code /}.</li>
 * <li>DdlParser (through JSqlParser) spells BIT literals {@code B'101'}; the servers and FrmReader print
 *     {@code b'101'}. The expected defaults are lower-cased back.</li>
 * <li>DdlParser re-prints generation and CHECK expressions through JSqlParser ({@code concat(`b`, 'x')}
 *     where the server and the .frm say {@code concat(`b`,'x')}); both sides are compared without blanks.</li>
 * </ol>
 */
@RealServer
class FrmReaderRealServerTest {

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void everyFrmReadsIntoTheServersOwnDefinition(ServerKind kind) throws Exception {
        GeneratedDatadir datadir = FrmFixtures.datadir(kind);
        ServerDialect dialect = kind == ServerKind.MARIADB_10_11 ? ServerDialect.MARIADB_10_11 : ServerDialect.MYSQL_5_7;
        for (String table : FrmFixtures.tables(kind)) {
            FrmResult result = FrmReader.read(datadir.file("frm/" + table + ".frm"));
            TableDef expected = expected(dialect, FrmFixtures.showCreate(datadir, table));

            assertThat(result.findings()).as("%s findings", table).isEmpty();
            assertThat(result.dialect()).isEqualTo(dialect);
            TableDef actual = withoutExpressionBlanks(result.table());
            expected = withoutExpressionBlanks(expected);
            assertThat(actual.columns()).as("%s columns", table).containsExactlyElementsOf(expected.columns());
            assertThat(actual.indexes()).as("%s indexes", table).containsExactlyElementsOf(expected.indexes());
            assertThat(actual.constraints()).as("%s constraints", table).isEqualTo(expected.constraints());
            assertThat(actual.options()).as("%s options", table).isEqualTo(expected.options());
            assertThat(actual.partitioning()).as("%s partitioning", table).isEqualTo(expected.partitioning());
            assertThat(actual).as("%s", table).isEqualTo(expected);
        }
    }

    static TableDef withoutExpressionBlanks(TableDef t) {
        List<Column> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            columns.add(new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.onUpdate(), c.charset(),
                    c.collation(), c.unsigned(), c.zerofill(), blankless(c.generated()), c.generatedStored(),
                    c.comment(), c.autoIncrement(), c.invisible(), blankless(c.check())));
        }
        return new TableDef(t.schema(), t.name(), columns, t.indexes(), t.constraints(), t.charset(),
                t.collation(), t.rowFormat(), t.engine(), t.comment(), t.partitioning(), t.options());
    }

    private static String blankless(String expression) {
        return expression == null ? null : expression.replaceAll("\\s+", "");
    }

    /** The server's SHOW CREATE TABLE read by DdlParser, with the documented differences applied. */
    static TableDef expected(ServerDialect dialect, String showCreate) {
        DdlParseResult parsed = new DdlParser(dialect).parse(showCreate);
        assertThat(parsed.problems()).as("DdlParser problems for\n%s", showCreate).isEmpty();
        TableDef t = parsed.tables().get(0);
        Map<String, String> options = new LinkedHashMap<>(t.options());
        options.remove("AUTO_INCREMENT");
        String partitioning = t.partitioning();
        if (partitioning != null && partitioning.endsWith("*/")) {
            partitioning = partitioning.substring(0, partitioning.length() - 2).trim();
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            String def = c.defaultValue();
            columns.add(def != null && def.startsWith("B'") ? c.withDefault("b" + def.substring(1)) : c);
        }
        return new TableDef(t.schema(), t.name(), columns, t.indexes(), t.constraints(), t.charset(),
                t.collation(), t.rowFormat(), t.engine(), t.comment(), partitioning, options);
    }
}
