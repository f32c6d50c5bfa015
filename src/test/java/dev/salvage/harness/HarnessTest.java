package dev.salvage.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the harness against the three real servers: files written, truth saved, cache reused, processes stopped. */
@RealServer
class HarnessTest {

    private static final String SETUP = """
            CREATE DATABASE harness;
            CREATE TABLE harness.t (id INT PRIMARY KEY, name VARCHAR(20), note TEXT NULL) ENGINE=InnoDB;
            INSERT INTO harness.t VALUES (1, 'alpha', NULL), (2, 'tab\\there', 'line\\nbreak'), (3, '', 'x');
            """;

    private static Map<String, String> truthQueries(ServerKind kind) {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("rows", "SELECT id, name, note FROM harness.t ORDER BY id");
        queries.put("tables", Datadirs.tablesQuery(kind, "harness/%"));
        queries.put("indexes", Datadirs.indexesQuery(kind, "harness/%"));
        queries.put("settings", "SELECT @@innodb_page_size AS page_size, @@innodb_checksum_algorithm AS checksum,"
                + " @@innodb_file_per_table AS file_per_table, @@version AS version");
        return queries;
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void serverWritesTableFilesAndTruth(ServerKind kind) throws Exception {
        GeneratedDatadir dd = Datadirs.get(kind, ServerOptions.defaults(), SETUP, truthQueries(kind));

        assertThat(dd.truth("rows").rows()).containsExactly(
                Arrays.asList("1", "alpha", null),
                Arrays.asList("2", "tab\there", "line\nbreak"),
                Arrays.asList("3", "", "x"));
        assertThat(dd.truth("tables").column("NAME")).containsExactly("harness/t");
        assertThat(dd.truth("indexes").column("INDEX_NAME")).containsExactly("PRIMARY");
        // The clustered index root of a fresh file-per-table tablespace is page 3, except on MySQL 8.0,
        // where page 3 holds the SDI (serialized dictionary) root and the clustered index moves to page 4.
        assertThat(dd.truth("indexes").column("PAGE_NO")).containsExactly(kind == ServerKind.MYSQL_8_0 ? "4" : "3");
        assertThat(dd.truth("settings").column("page_size")).containsExactly("16384");
        assertThat(dd.truth("settings").column("version").get(0)).contains(
                kind == ServerKind.MARIADB_10_11 ? "10.11." : kind.version());

        Path ibd = dd.file("harness/t.ibd");
        Path ibdata = dd.file("ibdata1");
        assertThat(ibd).isRegularFile();
        assertThat(ibdata).isRegularFile();
        assertThat(Files.size(ibd) % 16384).isZero();
        assertThat(Files.size(ibdata) % 16384).isZero();
        // Only the table's files exist in its database directory, plus .frm/db.opt where the server writes them.
        if (kind == ServerKind.MYSQL_8_0) {
            assertThat(dd.file("harness/t.frm")).doesNotExist();
        } else {
            assertThat(dd.file("harness/t.frm")).isRegularFile();
        }
        assertThat(dd.serverLog()).isRegularFile();
        printTimings(dd);
    }

    @Test
    void mariadbWith4kPagesAndCrc32() throws Exception {
        ServerOptions options = ServerOptions.defaults().withPageSize(4096).withChecksum(ChecksumSetting.CRC32);
        ServerKind kind = ServerKind.MARIADB_10_11;
        GeneratedDatadir dd = Datadirs.get(kind, options, SETUP, truthQueries(kind));

        assertThat(dd.truth("settings").rows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo("4096");
            assertThat(row.get(1)).isEqualTo("crc32");
        });
        assertThat(dd.truth("rows").rows()).hasSize(3);
        Path ibd = dd.file("harness/t.ibd");
        assertThat(Files.size(ibd) % 4096).isZero();
        // FSP_SPACE_FLAGS (page 0, offset 38 + 16): a non-full_crc32 MariaDB file keeps the MySQL layout,
        // PAGE_SSIZE in bits 6..9 = 3 for 4k pages (16k is stored as 0 there).
        byte[] page0 = Arrays.copyOf(Files.readAllBytes(ibd), 4096);
        int flags = ((page0[54] & 0xff) << 24) | ((page0[55] & 0xff) << 16) | ((page0[56] & 0xff) << 8) | (page0[57] & 0xff);
        assertThat((flags >>> 6) & 0xf).as("PAGE_SSIZE in FSP flags 0x%x", flags).isEqualTo(3);
        assertThat(flags & 0x10).as("full_crc32 marker bit 4 in FSP flags 0x%x", flags).isZero();
        printTimings(dd);
    }

    @Test
    void secondRequestReusesTheCacheEntry() throws Exception {
        ServerKind kind = ServerKind.MARIADB_10_11;
        GeneratedDatadir first = Datadirs.get(kind, ServerOptions.defaults(), SETUP, truthQueries(kind));
        FileTime built = Files.getLastModifiedTime(first.root().resolve("done"));

        GeneratedDatadir second = Datadirs.get(kind, ServerOptions.defaults(), SETUP, truthQueries(kind));

        assertThat(second.root()).isEqualTo(first.root());
        assertThat(Files.getLastModifiedTime(second.root().resolve("done"))).isEqualTo(built);
        assertThat(second.truth()).isEqualTo(first.truth());
        // Different options are a different entry.
        assertThat(Datadirs.hash(kind, ServerOptions.defaults().withFilePerTable(false), SETUP, truthQueries(kind)))
                .isNotEqualTo(Datadirs.hash(kind, ServerOptions.defaults(), SETUP, truthQueries(kind)));
    }

    @Test
    void halfBuiltEntryIsDiscardedAndRebuilt() throws Exception {
        ServerKind kind = ServerKind.MARIADB_10_11;
        TestServer.assumeAvailable(kind);
        // SQL used by no other test, so deleting its entry cannot disturb anyone.
        String setup = "CREATE DATABASE halfbuilt; CREATE TABLE halfbuilt.t (id INT PRIMARY KEY) ENGINE=InnoDB;"
                + " INSERT INTO halfbuilt.t VALUES (7)";
        Map<String, String> queries = Map.of("rows", "SELECT id FROM halfbuilt.t");
        Path entry = ProjectPaths.datadirCacheDir()
                .resolve(kind.dirName() + "-" + Datadirs.hash(kind, ServerOptions.defaults(), setup, queries));
        FileTrees.delete(entry);
        Files.createDirectories(entry.resolve("datadir"));
        Files.writeString(entry.resolve("datadir").resolve("leftover"), "from an interrupted run");

        GeneratedDatadir dd = Datadirs.get(kind, ServerOptions.defaults(), setup, queries);

        assertThat(dd.root()).isEqualTo(entry);
        assertThat(dd.file("leftover")).doesNotExist();
        assertThat(dd.file("halfbuilt/t.ibd")).isRegularFile();
        assertThat(dd.truth("rows").rows()).containsExactly(List.of("7"));
    }

    @Test
    void copiesLeaveTheCacheUntouched(@TempDir Path temp) throws Exception {
        ServerKind kind = ServerKind.MARIADB_10_11;
        GeneratedDatadir dd = Datadirs.get(kind, ServerOptions.defaults(), SETUP, truthQueries(kind));
        byte[] original = Files.readAllBytes(dd.file("harness/t.ibd"));

        Path copy = dd.copyFileTo("harness/t.ibd", temp);
        Files.write(copy, new byte[16384]);
        Path datadirCopy = dd.copyTo(temp.resolve("whole"));

        assertThat(Files.readAllBytes(dd.file("harness/t.ibd"))).isEqualTo(original);
        assertThat(datadirCopy.resolve("harness/t.ibd")).hasBinaryContent(original);
        assertThat(datadirCopy.resolve("ibdata1")).hasSameBinaryContentAs(dd.file("ibdata1"));
    }

    @Test
    void serverRestartsOnACopyOfACachedDatadir(@TempDir Path temp) throws Exception {
        // MySQL 8.0 keeps file paths in its data dictionary, so it is the server most likely to mind a moved datadir.
        ServerKind kind = ServerKind.MYSQL_8_0;
        GeneratedDatadir dd = Datadirs.get(kind, ServerOptions.defaults(), SETUP, truthQueries(kind));
        Path copy = dd.copyTo(temp.resolve("datadir"));

        try (TestServer server = TestServer.start(kind, dd.options(), copy)) {
            assertThat(server.queryTable("SELECT id, name, note FROM harness.t ORDER BY id"))
                    .isEqualTo(dd.truth("rows"));
            server.shutdownClean();
            System.out.println("[harness] " + kind + " restart on a copy: " + server.timings());
        }
        assertThat(copy.resolve("harness/t.ibd")).isRegularFile();
    }

    @Test
    void closeStopsTheProcessItStartedAndRemovesItsFiles() throws Exception {
        Path datadir;
        long pid;
        try (TestServer server = TestServer.start(ServerKind.MARIADB_10_11, ServerOptions.defaults())) {
            pid = server.pid();
            datadir = server.datadir();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(server.query("SELECT NULL, 'a\tb', 42")).containsExactly(Arrays.asList(null, "a\tb", "42"));
            server.execute("CREATE DATABASE k; CREATE TABLE k.t (id INT PRIMARY KEY) ENGINE=InnoDB;"
                    + " INSERT INTO k.t VALUES (1)");
            server.kill9();
            assertThat(server.isRunning()).isFalse();
            assertThat(datadir.resolve("k/t.ibd")).isRegularFile();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(datadir).doesNotExist();
    }

    @Test
    void optionsAServerRefusesAreATestBugNotASkip() {
        assertThatThrownBy(() -> ServerOptions.defaults().withChecksum(ChecksumSetting.INNODB)
                .requireSupportedBy(ServerKind.MARIADB_10_11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerOptions.defaults().withChecksum(ChecksumSetting.FULL_CRC32)
                .requireSupportedBy(ServerKind.MYSQL_8_0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerOptions.defaults().withPageSize(2048)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truthTsvRoundTripsNullsAndEscapes(@TempDir Path temp) throws IOException {
        ResultTable table = new ResultTable(List.of("a", "b"), List.of(
                Arrays.asList(null, "\\N"),
                Arrays.asList("tab\tnew\nline\\back\0nul\r", ""),
                Arrays.asList("", null)));
        Path file = temp.resolve("t.tsv");
        table.writeTsv(file);

        assertThat(ResultTable.readTsv(file)).isEqualTo(table);
        assertThat(Files.readString(file)).startsWith("a\tb\n\\N\t\\\\N\n");
    }

    private static void printTimings(GeneratedDatadir dd) throws IOException {
        Properties build = new Properties();
        try (var in = Files.newBufferedReader(dd.root().resolve("build.properties"))) {
            build.load(in);
        }
        System.out.printf("[harness] %s %s: init %s ms, start %s ms, setup %s ms, shutdown %s ms (total %s ms, built %s)%n",
                dd.kind(), build.getProperty("version"), build.getProperty("initMillis"),
                build.getProperty("startMillis"), build.getProperty("setupMillis"),
                build.getProperty("shutdownMillis"), build.getProperty("totalMillis"),
                Files.getLastModifiedTime(dd.root().resolve("done")));
    }
}
