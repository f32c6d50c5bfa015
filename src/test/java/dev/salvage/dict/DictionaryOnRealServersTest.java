package dev.salvage.dict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.CliRun;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.schema.Column;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SdiIndexIds;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SYS_* dictionary read from ibdata1 against the server's own view of it (information_schema.INNODB_SYS_*),
 * on MariaDB 10.11 and MySQL 5.7: table ids, spaces, row formats, columns, index ids, root pages and fields of
 * every table; the CREATE TABLE written from the dictionary alone, run on the same server, gives the same
 * InnoDB column types (MTYPE, PRTYPE, LEN) and the same declared types except the named losses; two tables
 * dropped while a read view kept purge away (one in ibdata1, one with its own .ibd) are listed as dropped with
 * their columns and pre-drop ids, and after purge still on MySQL 5.7 (from the free lists; MariaDB zero-fills); a damaged SYS_COLUMNS page gives findings and exit 1 without hiding the rest.
 */
@RealServer
class DictionaryOnRealServersTest {

    private static final String SETUP = String.join(";\n",
            "CREATE DATABASE dd",
            "CREATE TABLE dd.t_types (id INT NOT NULL PRIMARY KEY, ti TINYINT, su SMALLINT UNSIGNED NOT NULL,"
                    + " mi MEDIUMINT, bu BIGINT UNSIGNED, f FLOAT, d DOUBLE, dec1 DECIMAL(10,2), dec2 DECIMAL(30,0),"
                    + " c CHAR(10), cu CHAR(5) CHARACTER SET utf8mb4, vc VARCHAR(100) CHARACTER SET utf8,"
                    + " vl VARCHAR(300) CHARACTER SET latin1 COLLATE latin1_bin, vb VARBINARY(20), bn BINARY(16),"
                    + " tt TINYTEXT, tx TEXT, mt MEDIUMTEXT CHARACTER SET utf8mb4, bl BLOB, lb LONGBLOB,"
                    + " dt DATETIME(3), dt0 DATETIME, ts TIMESTAMP NULL, tm TIME(6), dte DATE NOT NULL, y YEAR,"
                    + " bt BIT(8), e ENUM('a','b'), st SET('s1','s2','s3','s4','s5','s6','s7','s8','s9','s10','s11','s12','s13','s14','s15','s16','s17','s18','s19','s20'), g GEOMETRY,"
                    + " UNIQUE KEY u_vc (vc), KEY k_comp (mi, dte), KEY k_prefix (tx(10), vl(20)))"
                    + " ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=latin1",
            "CREATE TABLE dd.t_red (a INT NOT NULL, b VARCHAR(20) NOT NULL, c DATE, PRIMARY KEY (a, b), KEY k_c (c))"
                    + " ENGINE=InnoDB ROW_FORMAT=REDUNDANT",
            "CREATE TABLE dd.t_compact (x INT, y VARCHAR(10), KEY k_y (y)) ENGINE=InnoDB ROW_FORMAT=COMPACT",
            "CREATE TABLE dd.t_zip (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB"
                    + " ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
            "CREATE TABLE dd.t_uniq (u INT NOT NULL, w TEXT, UNIQUE KEY uu (u)) ENGINE=InnoDB",
            "CREATE TABLE dd.t_child (id INT NOT NULL PRIMARY KEY, ra INT NOT NULL, rb VARCHAR(20) NOT NULL,"
                    + " KEY k_r (ra, rb), CONSTRAINT fk_red FOREIGN KEY (ra, rb) REFERENCES dd.t_red (a, b)"
                    + " ON DELETE CASCADE) ENGINE=InnoDB");

    private static final List<String> ROUND_TRIP = List.of("t_types", "t_red", "t_compact", "t_zip", "t_uniq",
            "t_child");

    /** Declared types the dictionary cannot give back, per column: the named losses. */
    private static final Set<String> TYPE_LOSSES = Set.of("dec1", "dec2", "dt", "e", "st");

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void dictionaryMatchesTheServer(ServerKind kind, @TempDir Path temp) throws Exception {
        try (TestServer server = TestServer.start(kind, ServerOptions.defaults())) {
            server.execute(SETUP);
            // One table to drop in ibdata1, one in its own .ibd.
            server.execute("SET GLOBAL innodb_file_per_table = 0");
            server.execute("CREATE TABLE dd.gone_shared (id INT NOT NULL PRIMARY KEY, name VARCHAR(30) NOT NULL,"
                    + " amount DECIMAL(8,2), KEY k_name (name)) ENGINE=InnoDB");
            server.execute("SET GLOBAL innodb_file_per_table = 1");
            server.execute("CREATE TABLE dd.gone_own (k BIGINT UNSIGNED NOT NULL, t DATETIME NOT NULL, note TEXT,"
                    + " PRIMARY KEY (k, t)) ENGINE=InnoDB ROW_FORMAT=COMPACT");
            server.execute("INSERT INTO dd.gone_shared VALUES (1, 'one', 1.50), (2, 'two', NULL)");
            server.execute("INSERT INTO dd.gone_own VALUES (7, '2020-01-02 03:04:05', 'x')");

            Truth before = Truth.of(server, "dd/%");
            flush(server);
            Path live = Files.copy(server.datadir().resolve("ibdata1"), Files.createDirectories(temp.resolve("live"))
                    .resolve("ibdata1"));
            DictionarySchema dictionary = DictionarySchema.read(List.of(live));
            assertThat(dictionary.findings()).isEmpty();
            Map<String, FoundTable> tables = byName(dictionary, false);
            for (String table : before.tables.keySet()) {
                assertThat(tables).as(table).containsKey(table);
                before.assertMatches(tables.get(table), null);
            }

            // The CREATE TABLE from the dictionary alone, run on the same server.
            server.execute("CREATE DATABASE rt");
            for (String table : ROUND_TRIP) {
                FoundTable t = tables.get("dd." + table);
                assertThat(t.findings()).as(table).isEmpty();
                server.execute("USE rt");
                server.execute(t.ddl());
            }
            server.execute("USE dd");
            Truth rebuilt = Truth.of(server, "rt/%");
            for (String table : ROUND_TRIP) {
                assertThat(rebuilt.columns.get("rt." + table)).as(table)
                        .isEqualTo(before.columns.get("dd." + table));
                assertThat(rebuilt.indexShapes.get("rt." + table)).as(table)
                        .isEqualTo(before.indexShapes.get("dd." + table));
                assertThat(rebuilt.tables.get("rt." + table).get(3)).as("row format of " + table)
                        .isEqualTo(before.tables.get("dd." + table).get(3));
                List<List<String>> declared = declaredTypes(server, "dd", table);
                List<List<String>> recreated = declaredTypes(server, "rt", table);
                assertThat(recreated).hasSameSizeAs(declared);
                for (int i = 0; i < declared.size(); i++) {
                    if (!TYPE_LOSSES.contains(declared.get(i).get(0))) {
                        assertThat(recreated.get(i)).as(table).isEqualTo(declared.get(i));
                    }
                }
            }
            assertThat(tables.get("dd.t_child").ddl()).contains("CONSTRAINT `fk_red` FOREIGN KEY (`ra`, `rb`) REFERENCES"
                    + " `dd`.`t_red` (`a`, `b`) ON DELETE CASCADE");
            assertThat(server.queryValue("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE"
                    + " CONSTRAINT_SCHEMA = 'rt' AND CONSTRAINT_NAME = 'fk_red' AND DELETE_RULE = 'CASCADE'")).isEqualTo("1");
            assertThat(tables.get("dd.t_types").ddl()).contains("DECIMAL precision and scale unknown")
                    .contains("ENUM labels unknown").contains("SET members unknown");

            // Drop two tables while a read view keeps purge from removing their dictionary records.
            Connection reader = server.newConnection();
            try (Statement view = reader.createStatement()) {
                view.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                view.executeQuery("SELECT COUNT(*) FROM dd.t_red").close();
                server.execute("DROP TABLE dd.gone_shared");
                server.execute("DROP TABLE dd.gone_own");
                flush(server);
                Path after = Files.copy(server.datadir().resolve("ibdata1"),
                        Files.createDirectories(temp.resolve("after")).resolve("ibdata1"));
                // Then purge: the read view ends and a slow shutdown purges everything. MySQL 5.7 leaves the purged
                // records on the pages' free lists; MariaDB zero-fills them.
                reader.close();
                server.shutdownClean();
                Path purged = Files.copy(server.datadir().resolve("ibdata1"),
                        Files.createDirectories(temp.resolve("purged")).resolve("ibdata1"));
                DictionarySchema afterPurge = DictionarySchema.read(List.of(purged));
                assertThat(afterPurge.tables()).allMatch(t -> t.qualifiedName().matches("[\\w.#@$-]+"));
                Map<String, FoundTable> purgedTables = byName(afterPurge, true);
                if (kind == ServerKind.MYSQL_5_7) {
                    for (String gone : List.of("dd.gone_shared", "dd.gone_own")) {
                        assertThat(purgedTables).as(gone + " from the free list").containsKey(gone);
                        before.assertMatches(purgedTables.get(gone), purged);
                    }
                } else {
                    assertThat(purgedTables).doesNotContainKeys("dd.gone_shared", "dd.gone_own");
                }
                assertThat(byName(afterPurge, false)).containsKey("dd.t_types");

                DictionarySchema afterDrop = DictionarySchema.read(List.of(after));
                Map<String, FoundTable> dropped = byName(afterDrop, true);
                Map<String, FoundTable> stillLive = byName(afterDrop, false);
                for (String gone : List.of("dd.gone_shared", "dd.gone_own")) {
                    assertThat(stillLive).as(gone + " no longer live").doesNotContainKey(gone);
                    assertThat(dropped).as(gone + " listed as dropped").containsKey(gone);
                    before.assertMatches(dropped.get(gone), after);
                }
                assertThat(dropped.get("dd.gone_shared").spaceId()).isZero();
                assertThat(dropped.get("dd.gone_own").spaceId()).isPositive();
                assertThat(stillLive).containsKey("dd.t_types");

                CliRun run = CliRun.of("schema", after.toString());
                assertThat(run.out()).contains("-- table dd.gone_shared DROPPED").contains("-- table dd.gone_own DROPPED")
                        .contains("`amount` decimal(");
                Path ddlOut = temp.resolve("ddl");
                assertThat(CliRun.of("schema", "--ddl-out", ddlOut.toString(), after.toString()).status()).isZero();
                assertThat(ddlOut.resolve("dd/gone_shared.dropped-" + before.tables.get("dd.gone_shared").get(0) + ".sql"))
                        .content().contains("CREATE TABLE `gone_shared`");
                assertThat(ddlOut.resolve("dd/t_types.sql")).exists();
                CliRun json = CliRun.of("schema", "--json", after.toString());
                assertThat(json.out()).contains("\"dropped\" : true");

                // The whole data directory: the .frm gives the types, the dictionary the ids (merge).
                CliRun datadirRun = CliRun.of("schema", "--json", server.datadir().toString());
                JsonNode doc = new ObjectMapper().readTree(datadirRun.out());
                JsonNode types = null;
                for (JsonNode t : doc.get("tables")) {
                    if ("dd".equals(t.get("schema").asText()) && "t_types".equals(t.get("name").asText())) {
                        types = t;
                    }
                }
                assertThat(types).isNotNull();
                assertThat(types.get("source").asText()).isEqualTo("frm+dictionary");
                assertThat(types.get("table_id").asLong()).isEqualTo(Long.parseLong(before.tables.get("dd.t_types").get(0)));
                assertThat(types.get("ddl").asText()).contains("decimal(10,2)");
                assertThat(types.get("indexes").get(0).get("index_id").asLong())
                        .isEqualTo(Long.parseLong(before.indexIds.get("dd.t_types").get(0).get(1)));

                // A damaged SYS_COLUMNS leaf: findings and exit 1; tables whose columns are elsewhere stay whole.
                Path damaged = Files.createDirectories(temp.resolve("damaged")).resolve("ibdata1");
                Files.copy(after, damaged);
                damageMiddleOfHeap(damaged, dictHeader(after).columnsRoot());
                CliRun bad = CliRun.of("schema", damaged.toString());
                assertThat(bad.status()).isEqualTo(1);
                assertThat(bad.out()).contains("SYS_COLUMNS page");
                DictionarySchema hurt = DictionarySchema.read(List.of(damaged));
                assertThat(hurt.findings()).anyMatch(f -> f.contains("SYS_COLUMNS"));
                Map<String, FoundTable> hurtTables = byName(hurt, false);
                assertThat(hurtTables.keySet()).containsAll(byName(afterDrop, false).keySet());
                long whole = hurtTables.values().stream().filter(t -> t.findings().isEmpty()
                        && !t.table().columns().isEmpty()).count();
                assertThat(whole).as("tables still fully described").isPositive();
                assertThat(hurtTables.values()).as("tables that lost columns say so")
                        .anyMatch(t -> t.errors() && t.findings().stream().anyMatch(f -> f.contains("SYS_COLUMNS")));
                assertThat(hurt.findings()).anyMatch(f -> f.contains("found by scanning the record heap"));

                // Random bytes over the dictionary's pages: findings, never an exception.
                java.util.Random random = new java.util.Random(42);
                byte[] clean = Files.readAllBytes(after);
                Path mutated = Files.createDirectories(temp.resolve("mutated")).resolve("ibdata1");
                for (int round = 0; round < 12; round++) {
                    byte[] bytes = clean.clone();
                    for (int flip = 0; flip < 400; flip++) {
                        long pageNo = 7 + random.nextInt(6); // the header and the SYS_* roots (pages 7 to 12)
                        bytes[(int) (pageNo * 16384 + 38 + random.nextInt(16384 - 46))] = (byte) random.nextInt();
                    }
                    Files.write(mutated, bytes);
                    DictionarySchema read = DictionarySchema.read(List.of(mutated));
                    assertThat(read.findings()).as("round " + round).isNotEmpty();
                }

                // SYS_TABLES root zeroed: the tables are still listed from SYS_COLUMNS and SYS_INDEXES, under their id.
                Path noTables = Files.createDirectories(temp.resolve("no-tables")).resolve("ibdata1");
                Files.copy(after, noTables);
                zeroPage(noTables, dictHeader(after).tablesRoot());
                DictionarySchema orphans = DictionarySchema.read(List.of(noTables));
                assertThat(orphans.findings()).anyMatch(f -> f.contains("SYS_TABLES"));
                long typesId = Long.parseLong(before.tables.get("dd.t_types").get(0));
                FoundTable orphan = orphans.tables().stream().filter(t -> t.tableId() == typesId).findFirst().orElseThrow();
                assertThat(orphan.table().name()).isEqualTo("unknown_table_" + typesId);
                assertThat(orphan.table().columns()).extracting(Column::name).containsExactlyElementsOf(
                        before.columns.get("dd.t_types").stream().map(c -> c.get(0)).toList());
                assertThat(orphan.indexes()).extracting(SdiIndexIds::indexId).containsExactlyElementsOf(
                        before.indexIds.get("dd.t_types").stream().map(i -> Long.parseLong(i.get(1))).toList());
            } finally {
                try {
                    reader.close();
                } catch (SQLException ignored) {
                    // the server is gone
                }
            }
        }
    }

    /** Writes dirty pages to the files so a copy of ibdata1 holds what the server did. */
    private static void flush(TestServer server) throws Exception {
        server.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        for (int i = 0; i < 300; i++) {
            List<List<String>> rows = server.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'");
            String dirty = rows.isEmpty() ? null : rows.get(0).get(1);
            if (dirty == null || dirty.equals("0")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dirty pages were not flushed in 30 s");
    }

    private static List<List<String>> declaredTypes(TestServer server, String db, String table) throws SQLException {
        return server.query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + table
                + "' ORDER BY ORDINAL_POSITION");
    }

    private static Map<String, FoundTable> byName(DictionarySchema dictionary, boolean dropped) {
        Map<String, FoundTable> out = new TreeMap<>();
        for (FoundTable t : dictionary.tables()) {
            if (t.dropped() == dropped) {
                out.put(t.qualifiedName(), t);
            }
        }
        return out;
    }

    private static DictHeader dictHeader(Path ibdata) throws Exception {
        byte[] page7 = new byte[16384];
        try (var in = Files.newInputStream(ibdata)) {
            in.skipNBytes(7L * 16384);
            in.readNBytes(page7, 0, page7.length);
        }
        return DictHeader.read(page7);
    }

    private static void zeroPage(Path file, long pageNo) throws Exception {
        byte[] all = Files.readAllBytes(file);
        java.util.Arrays.fill(all, (int) (pageNo * 16384), (int) ((pageNo + 1) * 16384), (byte) 0);
        Files.write(file, all);
    }

    private static long indexIdOfPage(Path ibdata, long pageNo) throws Exception {
        byte[] page = new byte[16384];
        try (var in = Files.newInputStream(ibdata)) {
            in.skipNBytes(pageNo * 16384);
            in.readNBytes(page, 0, page.length);
        }
        return dev.salvage.innodb.fil.Mach.read8(page, 38 + 28);
    }

    /**
     * Overwrites 200 bytes in the middle of a page's used record heap (not the page header, so the page stays an
     * index page): a few records are destroyed and the record list breaks there.
     */
    private static void damageMiddleOfHeap(Path file, long pageNo) throws Exception {
        byte[] all = Files.readAllBytes(file);
        int page = (int) (pageNo * 16384);
        int heapTop = dev.salvage.innodb.fil.Mach.read2(all, page + 38 + 2);
        int start = page + 120 + (heapTop - 120) / 2;
        for (int i = start; i < start + 200; i++) {
            all[i] = (byte) 0xA5;
        }
        Files.write(file, all);
    }

    /** The server's dictionary for the tables matching a "db/name" LIKE pattern. */
    private static final class Truth {
        /** "db.table" to TABLE_ID, SPACE, N_COLS, ROW_FORMAT. */
        final Map<String, List<String>> tables = new TreeMap<>();
        /** "db.table" to its columns: NAME, POS, MTYPE, PRTYPE, LEN. */
        final Map<String, List<List<String>>> columns = new TreeMap<>();
        /** "db.table" to its indexes: NAME, INDEX_ID, PAGE_NO, SPACE. */
        final Map<String, List<List<String>>> indexIds = new TreeMap<>();
        /** "db.table" to its indexes without ids: NAME, TYPE, N_FIELDS, fields with positions. */
        final Map<String, List<String>> indexShapes = new TreeMap<>();

        static Truth of(TestServer server, String pattern) throws SQLException {
            Truth truth = new Truth();
            for (List<String> r : server.query("SELECT NAME, TABLE_ID, SPACE, N_COLS, ROW_FORMAT FROM"
                    + " information_schema.INNODB_SYS_TABLES WHERE NAME LIKE '" + pattern + "'")) {
                truth.tables.put(r.get(0).replace('/', '.'), r.subList(1, 5));
            }
            for (List<String> r : server.query("SELECT t.NAME, c.NAME, c.POS, c.MTYPE, c.PRTYPE, c.LEN FROM"
                    + " information_schema.INNODB_SYS_COLUMNS c JOIN information_schema.INNODB_SYS_TABLES t"
                    + " ON t.TABLE_ID = c.TABLE_ID WHERE t.NAME LIKE '" + pattern + "' ORDER BY t.NAME, c.POS")) {
                truth.columns.computeIfAbsent(r.get(0).replace('/', '.'), k -> new ArrayList<>()).add(r.subList(1, 6));
            }
            for (List<String> r : server.query("SELECT t.NAME, i.NAME, i.INDEX_ID, i.PAGE_NO, i.SPACE, i.TYPE,"
                    + " i.N_FIELDS, (SELECT GROUP_CONCAT(f.NAME, ':', f.POS ORDER BY f.POS) FROM"
                    + " information_schema.INNODB_SYS_FIELDS f WHERE f.INDEX_ID = i.INDEX_ID) FROM"
                    + " information_schema.INNODB_SYS_INDEXES i JOIN information_schema.INNODB_SYS_TABLES t"
                    + " ON t.TABLE_ID = i.TABLE_ID WHERE t.NAME LIKE '" + pattern + "' ORDER BY t.NAME, i.INDEX_ID")) {
                String table = r.get(0).replace('/', '.');
                truth.indexIds.computeIfAbsent(table, k -> new ArrayList<>()).add(r.subList(1, 5));
                truth.indexShapes.computeIfAbsent(table, k -> new ArrayList<>())
                        .add(r.get(1) + " type " + r.get(5) + " fields " + r.get(6) + " " + r.get(7));
            }
            return truth;
        }

        /** Table id, space, columns (names, order, nullability), index ids, root pages and fields. */
        void assertMatches(FoundTable t, Path ibdata) throws Exception {
            // MySQL frees a dropped index's tree and writes FIL_NULL over SYS_INDEXES.PAGE_NO. The root is then
            // known only while the old root page still carries the index id: never in a deleted .ibd, and in
            // ibdata1 only until the page is reused (MySQL 5.7 reuses them for undo logs at once).
            String name = t.qualifiedName();
            List<String> table = tables.get(name);
            assertThat(t.tableId()).as(name).isEqualTo(Long.parseLong(table.get(0)));
            assertThat(t.spaceId()).as(name).isEqualTo(Long.parseLong(table.get(1)));
            assertThat(t.table().rowFormat()).as(name).isEqualToIgnoringCase(table.get(3));
            List<String> names = new ArrayList<>();
            for (List<String> c : columns.get(name)) {
                names.add(c.get(0) + (((Long.parseLong(c.get(3)) & 256) != 0) ? " NOT NULL" : ""));
            }
            List<String> found = new ArrayList<>();
            for (Column c : t.table().columns()) {
                found.add(c.name() + (c.nullable() ? "" : " NOT NULL"));
            }
            assertThat(found).as(name).isEqualTo(names);
            List<List<String>> ids = new ArrayList<>();
            for (SdiIndexIds i : t.indexes()) {
                ids.add(List.of(i.index(), String.valueOf(i.indexId()), String.valueOf(i.rootPage()),
                        String.valueOf(i.spaceId())));
            }
            List<List<String>> expected = new ArrayList<>();
            for (List<String> e : indexIds.get(name)) {
                boolean saidUnknown = ids.stream().anyMatch(i -> i.get(1).equals(e.get(1)) && i.get(2).equals("-1"));
                boolean unknown = saidUnknown && t.dropped() && (t.spaceId() != 0
                        || indexIdOfPage(ibdata, Long.parseLong(e.get(2))) != Long.parseLong(e.get(1)));
                expected.add(unknown ? List.of(e.get(0), e.get(1), "-1", e.get(3)) : e);
            }
            // salvage lists the clustered index first; the server orders by id, which is the same here.
            assertThat(ids).as(name).containsExactlyElementsOf(expected);
            assertThat(t.indexes().get(0).hidden()).isEqualTo(expected.get(0).get(0).equals("GEN_CLUST_INDEX"));
        }
    }
}
