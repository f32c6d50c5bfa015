package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table dropped with innodb_file_per_table=OFF, the server killed right after the drop: {@code salvage rows}
 * given ibdata1 alone takes the definition from the dictionary's dropped records and reads the freed pages.
 */
@RealServer
class RowsOfDroppedTableOnRealServersTest {

    private static final String CREATE = "CREATE TABLE cat.gone (id INT NOT NULL PRIMARY KEY, w VARCHAR(40) NOT NULL,"
            + " q BIGINT, d DATE) ENGINE=InnoDB";

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void everyRowOfATableDroppedFromIbdata1ComesBackWithoutDdl(ServerKind kind, @TempDir Path temp)
            throws Exception {
        Path ibdata;
        ResultTable truth;
        try (TestServer server = TestServer.start(kind, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE cat CHARACTER SET utf8mb4");
            server.execute("SET GLOBAL innodb_file_per_table = 0");
            server.execute(CREATE);
            server.execute("SET GLOBAL innodb_file_per_table = 1");
            StringBuilder insert = new StringBuilder("INSERT INTO cat.gone VALUES ");
            for (int i = 1; i <= 500; i++) {
                insert.append(i > 1 ? "," : "").append(String.format("(%d, 'gone row %d %s', %s, '2021-03-%02d')",
                        i, i, "z".repeat(i % 17), i % 8 == 0 ? "NULL" : Long.toString(i * 7_000_000_011L), 1 + i % 28));
            }
            server.execute(insert.toString());
            truth = server.queryTable(ServerRoundTrip.truthSelect(CREATE, "cat.gone"));
            flush(server);
            // A read view keeps purge from removing the dictionary records of the dropped table.
            try (Connection reader = server.newConnection(); Statement view = reader.createStatement()) {
                view.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                view.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES").close();
                server.execute("DROP TABLE cat.gone");
                flush(server);
                ibdata = Files.copy(server.datadir().resolve("ibdata1"),
                        Files.createDirectories(temp.resolve("after")).resolve("ibdata1"));
                server.kill9();
            }
        }
        Path out = temp.resolve("out");
        CliRun run = CliRun.of("rows", "--threads", "2", "--table", "cat/gone", "--out", out.toString(),
                ibdata.toString());
        System.out.println(run.out());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("== cat/gone (DROPPED): definition from").contains("(dictionary)");
        Path tsv;
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> found = files.filter(p -> p.toString().endsWith("gone.tsv")).toList();
            assertThat(found).singleElement().satisfies(p ->
                    assertThat(out.relativize(p).toString()).matches("cat/dropped-\\d+/gone\\.tsv"));
            tsv = found.get(0);
        }
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(tsv), truth, kind + " dropped cat.gone");
    }

    private static void flush(TestServer server) throws Exception {
        server.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        for (int i = 0; i < 300; i++) {
            List<List<String>> rows = server.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'");
            if (rows.isEmpty() || rows.get(0).get(1).equals("0")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dirty pages were not flushed in 30 s");
    }
}
