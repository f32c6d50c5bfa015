package dev.salvage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code salvage schema} on the .frm files MariaDB 10.11 and MySQL 5.7 wrote for the fixture tables of
 * {@code FrmReaderRealServerTest} (the same datadirs, reused from the cache): the printed CREATE TABLE reads
 * into the same model as the server's SHOW CREATE TABLE (differences in {@link SchemaDdlCompare}).
 */
@RealServer
class SchemaFrmCommandTest {

    /** The tables and setup of dev.salvage.frm.FrmFixtures, kept identical so that its cached datadirs are reused. */
    private static final List<String> COMMON_TABLES = List.of("ints", "nums", "temporal", "strings", "geo", "gen",
            "parts", "hparts", "myopts", "compressed");

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void everyFrmGivesTheServersCreateTable(ServerKind kind) throws Exception {
        GeneratedDatadir datadir = datadir(kind);
        ServerDialect dialect = kind == ServerKind.MARIADB_10_11 ? ServerDialect.MARIADB_10_11 : ServerDialect.MYSQL_5_7;
        for (String table : tables(kind)) {
            CliRun run = CliRun.of("schema", datadir.file("frm/" + table + ".frm").toString());

            assertThat(run.status()).as("%s: %s%s", table, run.out(), run.err()).isZero();
            assertThat(run.out()).startsWith("-- table frm." + table + " from ");
            TableDef actual = SchemaDdlCompare.parseOne(dialect, SchemaDdlCompare.ddlOf(run.out()));
            TableDef expected = SchemaDdlCompare.expected(dialect, datadir.truth(table).rows().get(0).get(1));
            assertThat(actual.columns()).as(table).containsExactlyElementsOf(expected.columns());
            assertThat(actual.indexes()).as(table).containsExactlyElementsOf(expected.indexes());
            assertThat(actual).as(table).isEqualTo(expected);
        }
    }

    @Test
    void aDataDirectoryListsEveryFrm() throws Exception {
        GeneratedDatadir datadir = datadir(ServerKind.MARIADB_10_11);
        CliRun run = CliRun.of("schema", "--json", datadir.datadir().toString());
        for (String table : tables(ServerKind.MARIADB_10_11)) {
            assertThat(run.out()).contains("\"name\" : \"" + table + "\"");
        }
    }

    @Test
    void aDamagedFrmGivesFindingsNotACrash(@TempDir Path dir) throws Exception {
        GeneratedDatadir datadir = datadir(ServerKind.MYSQL_5_7);
        byte[] bytes = Files.readAllBytes(datadir.file("frm/strings.frm"));
        Path cut = dir.resolve("strings.frm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        CliRun run = CliRun.of("schema", cut.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out()).contains("-- finding: ERROR FRM_").contains("CREATE TABLE `strings`");
        assertThat(run.err()).doesNotContain("internal error");
    }

    static List<String> tables(ServerKind kind) {
        List<String> tables = new ArrayList<>(COMMON_TABLES);
        if (kind == ServerKind.MARIADB_10_11) {
            tables.addAll(List.of("maria", "oldtemporal"));
        } else if (kind == ServerKind.MYSQL_5_7) {
            tables.add("json57");
        }
        return tables;
    }

    static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        String setup = resource("common.sql") + ";\n" + resource(kind == ServerKind.MARIADB_10_11 ? "mariadb.sql"
                : "mysql-5.7.sql");
        Map<String, String> truth = new LinkedHashMap<>();
        for (String table : tables(kind)) {
            truth.put(table, "SHOW CREATE TABLE frm.`" + table + "`");
        }
        truth.put("version", "SELECT VERSION()");
        return Datadirs.get(kind, setup, truth);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaFrmCommandTest.class.getResourceAsStream("/dev/salvage/frm/" + name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
