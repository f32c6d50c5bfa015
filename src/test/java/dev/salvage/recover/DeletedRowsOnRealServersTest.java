package dev.salvage.recover;

import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleted rows kept from purge by an open read view: one connection holds {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT}, another deletes a third of the rows and commits, {@code FLUSH TABLES … FOR EXPORT} writes
 * the pages, the files are copied and the server is killed ({@code kill -9}). Then {@code --deleted only} gives
 * exactly the deleted rows (as the snapshot still sees them), the default exactly the live rows, and
 * {@code --deleted with} both — no live row is ever reported as deleted.
 */
@RealServer
class DeletedRowsOnRealServersTest {

    private static final String DDL = "CREATE TABLE %s (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL,"
            + " d DATETIME DEFAULT NULL, b TEXT)";

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void deleteMarkedRowsAreFoundAndOnlyThey(ServerKind kind, @TempDir Path temp) throws Exception {
        List<String> formats = SakilaSchema.FORMATS;
        List<Path> copies = new ArrayList<>();
        List<ResultTable> live = new ArrayList<>();
        List<ResultTable> deleted = new ArrayList<>();
        List<String> ddls = new ArrayList<>();
        try (TestServer server = TestServer.start(kind, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE del; CREATE TABLE del.digits (d INT PRIMARY KEY);"
                    + " INSERT INTO del.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            for (String format : formats) {
                String t = "del.t_" + format;
                server.execute(String.format(DDL, t) + " ENGINE=InnoDB ROW_FORMAT=" + format + " DEFAULT CHARSET=utf8mb4");
                server.execute("INSERT INTO " + t + " SELECT 1 + a.d + 10 * b.d + 100 * c.d AS i,"
                        + " CONCAT('value ', a.d, b.d, c.d), '2010-01-01 00:00:00' + INTERVAL a.d + 10 * b.d DAY,"
                        + " IF(a.d = 7, REPEAT('off page ', 1200), IF(a.d = 5, NULL, 'short'))"
                        + " FROM del.digits a, del.digits b, del.digits c");
                ddls.add(server.queryTable("SHOW CREATE TABLE " + t).column("Create Table").get(0));
            }
            Connection reader = server.newConnection();
            try (Statement view = reader.createStatement()) {
                view.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                for (String format : formats) {
                    view.executeQuery("SELECT COUNT(*) FROM del.t_" + format).close();
                }
                for (String format : formats) {
                    String t = "del.t_" + format;
                    server.execute("DELETE FROM " + t + " WHERE id % 3 = 0 OR id BETWEEN 500 AND 650");
                    String select = ServerRoundTrip.truthSelect(String.format(DDL, t), t);
                    live.add(server.queryTable(select));
                    // The read view still sees the deleted rows; the deleting connection no longer does.
                    deleted.add(select(reader, select + " WHERE id % 3 = 0 OR id BETWEEN 500 AND 650"));
                }
                server.execute("SET SESSION lock_wait_timeout = 30");
                server.execute("FLUSH TABLES del.t_redundant, del.t_compact, del.t_dynamic FOR EXPORT");
                for (String format : formats) {
                    copies.add(Files.copy(server.datadir().resolve("del/t_" + format + ".ibd"),
                            temp.resolve("t_" + format + ".ibd")));
                }
                server.execute("UNLOCK TABLES");
            }
            server.kill9();
        }
        for (int i = 0; i < formats.size(); i++) {
            TableDef table = ServerRoundTrip.parse(kind, ddls.get(i));
            String what = kind + " " + formats.get(i);
            assertThat(deleted.get(i).rows()).as("the snapshot sees the deleted rows").hasSizeGreaterThan(300);
            assertThat(live.get(i).rows()).hasSize(1000 - deleted.get(i).rows().size());

            ServerRoundTrip.Recovered only = ServerRoundTrip.recover(table, kind, List.of(copies.get(i)),
                    DeletedMode.ONLY, 2);
            assertThat(only.rows()).allMatch(RecoveredRow::deleted);
            ServerRoundTrip.assertSameRows(only.strings(), deleted.get(i), what + " --deleted only");

            ServerRoundTrip.Recovered none = ServerRoundTrip.recover(table, kind, List.of(copies.get(i)),
                    DeletedMode.NONE, 2);
            assertThat(none.result().complete()).as("%s", none.result().findings()).isTrue();
            ServerRoundTrip.assertSameRows(none.strings(), live.get(i), what + " live rows");

            ServerRoundTrip.Recovered with = ServerRoundTrip.recover(table, kind, List.of(copies.get(i)),
                    DeletedMode.WITH, 2);
            Set<String> liveIds = new HashSet<>(live.get(i).column("id"));
            for (RecoveredRow row : with.rows()) {
                String id = ShopExample.strings(row).get(0);
                assertThat(row.deleted()).as("%s id %s deleted flag", what, id).isEqualTo(!liveIds.contains(id));
            }
            assertThat(with.rows()).hasSize(1000);
            System.out.printf("[rows] %s: %d deleted rows found, %d live%n", what, only.rows().size(),
                    none.rows().size());
        }
    }

    private static ResultTable select(Connection connection, String sql) throws Exception {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= n; c++) {
                columns.add(rs.getMetaData().getColumnLabel(c));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= n; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return new ResultTable(columns, rows);
        }
    }
}
