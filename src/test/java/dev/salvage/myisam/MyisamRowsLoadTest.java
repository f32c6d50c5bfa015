package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage myisam rows} output loaded back into the server that wrote the tables: the TSV through its
 * generated LOAD DATA script and the SQL dump through the client give tables equal to the original byte for byte
 * in every column of every row (and, on MariaDB, with the same {@code CHECKSUM TABLE}), for the FIXED and the
 * DYNAMIC table of {@link MyisamRowsOnRealServersTest}.
 */
class MyisamRowsLoadTest {

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void loadedOutputHasTheOriginalChecksum(ServerKind kind, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = MyisamRowsOnRealServersTest.datadir(kind);
        try (TestServer live = TestServer.start(kind, ServerOptions.defaults(), dd.copyTo(temp.resolve("datadir")))) {
            live.execute("CREATE DATABASE fresh_tsv; CREATE DATABASE fresh_sql");
            for (String table : new String[] {"fx", "dy"}) {
                live.execute("CREATE TABLE fresh_tsv." + table + " LIKE r." + table
                        + "; CREATE TABLE fresh_sql." + table + " LIKE r." + table);
                for (String format : new String[] {"tsv", "sql"}) {
                    Path out = temp.resolve(format + "-" + table);
                    CliRun run = CliRun.of("myisam", "rows", "--format", format, "--out", out.toString(),
                            dd.file("r/" + table + ".MYD").toString());
                    assertThat(run.status()).as("%s %s", run.out(), run.err()).isZero();
                    load(live, "fresh_" + format, out.resolve(table + (format.equals("tsv") ? ".load.sql" : ".sql")));
                }
                // Row by row, byte by byte: MySQL 5.7's CHECKSUM TABLE of a MyISAM table with a JSON column
                // changes from run to run, so it cannot be the proof there.
                String count = live.query("SELECT COUNT(*) FROM r." + table).get(0).get(0);
                for (String database : new String[] {"fresh_tsv", "fresh_sql"}) {
                    assertThat(live.query("SELECT COUNT(*) FROM " + database + "." + table).get(0).get(0))
                            .as("rows of %s.%s on %s", database, table, kind).isEqualTo(count);
                    assertThat(differences(live, table, database)).as("%s.%s on %s", database, table, kind).isEmpty();
                }
                if (kind == ServerKind.MARIADB_10_11) {
                    String original = checksum(live, "r." + table);
                    assertThat(checksum(live, "fresh_tsv." + table)).isEqualTo(original);
                    assertThat(checksum(live, "fresh_sql." + table)).isEqualTo(original);
                }
            }
        }
    }

    /** How many rows differ, byte for byte, in each column (joined on id); empty when none. */
    private static String differences(TestServer server, String table, String database) throws Exception {
        StringBuilder out = new StringBuilder();
        for (java.util.List<String> row : server.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'r' AND TABLE_NAME = '" + table + "'")) {
            String c = row.get(0);
            String n = server.query("SELECT COUNT(*) FROM r." + table + " a JOIN " + database + "." + table
                    + " b USING (id) WHERE NOT (CAST(a.`" + c + "` AS BINARY) <=> CAST(b.`" + c + "` AS BINARY))").get(0).get(0);
            if (!n.equals("0")) {
                out.append(c).append(": ").append(n).append(" rows; ");
            }
        }
        return out.toString();
    }

    private static String checksum(TestServer server, String table) throws Exception {
        String value = server.query("CHECKSUM TABLE " + table).get(0).get(1);
        assertThat(value).as("checksum of %s", table).isNotNull();
        return value;
    }

    private static void load(TestServer server, String database, Path script) throws Exception {
        Path log = Files.createTempFile("salvage-load", ".log");
        try {
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + server.socket(), "-uroot",
                    "--local-infile=1", "--show-warnings", database)
                    .redirectInput(script.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("client finished").isTrue();
            String output = Files.readString(log);
            assertThat(p.exitValue()).as("client output: %s", output).isZero();
            for (String line : output.strip().lines().filter(l -> !l.isBlank()).toList()) {
                // MySQL 5.7 warns that the script's sql_mode drops NO_AUTO_CREATE_USER; nothing else is expected.
                assertThat(line).as(script.toString()).matches("Warning \\(Code 3090\\): Changing sql mode"
                        + " 'NO_AUTO_CREATE_USER' is deprecated.*");
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
