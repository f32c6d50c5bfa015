package dev.salvage.recover;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables altered with ALGORITHM=INSTANT after some rows were inserted, with more rows inserted after: rows
 * written before the ALTER store fewer fields (MySQL 8.0: no INSTANT flag, the core count comes from the SDI;
 * MariaDB: ORDINARY status, the core count on the INSTANT root page) and the added columns take their DDL
 * DEFAULT. MariaDB instant DROP and reorder too (the metadata BLOB). Every row recovered with the final
 * SHOW CREATE TABLE equals SELECT.
 */
@RealServer
class InstantAlterOnRealServersTest {

    /** Integer keys numerically, text keys (all ASCII here) as the server's ORDER BY sorts them. */
    private static final Comparator<String> KEY_ORDER = (x, y) -> x.matches("-?\\d+") && y.matches("-?\\d+")
            ? Long.compare(Long.parseLong(x), Long.parseLong(y)) : x.compareToIgnoreCase(y);
    private static final Map<ServerKind, GeneratedDatadir> DATADIRS = new ConcurrentHashMap<>();
    static final List<String> FORMATS = List.of("dynamic", "compact", "redundant");

    static Stream<Arguments> addCases() {
        List<Arguments> all = new ArrayList<>();
        for (ServerKind kind : List.of(ServerKind.MARIADB_10_11, ServerKind.MYSQL_8_0)) {
            for (String format : FORMATS) {
                all.add(Arguments.of(kind, "add_" + format));
            }
            all.add(Arguments.of(kind, "add_twice"));
        }
        return all.stream();
    }

    static String setupSql(ServerKind kind) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ia;\nCREATE TABLE ia.seq (n INT PRIMARY KEY);\n"
                + "INSERT INTO ia.seq VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);\n");
        for (String format : FORMATS) {
            String t = "ia.add_" + format;
            sql.append("CREATE TABLE ").append(t).append(" (id INT NOT NULL PRIMARY KEY, a VARCHAR(30), b INT NOT NULL)"
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=").append(format.toUpperCase()).append(";\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT 1 + a.n + 10 * b.n + 100 * c.n,"
                    + " IF(a.n = 3, NULL, CONCAT('old', a.n, b.n, c.n)), a.n * b.n FROM ia.seq a, ia.seq b, ia.seq c;\n");
            sql.append("ALTER TABLE ").append(t).append(" ADD COLUMN c INT NOT NULL DEFAULT 42,"
                    + " ADD COLUMN d VARCHAR(20) DEFAULT 'dflt', ADD COLUMN e DATETIME NULL, ALGORITHM=INSTANT;\n");
            sql.append("INSERT INTO ").append(t).append(" (id, a, b, c, d, e) SELECT 1001 + a.n + 10 * b.n,"
                    + " CONCAT('new', a.n), a.n, a.n * 1000 + b.n, IF(b.n = 2, NULL, CONCAT('d', b.n)),"
                    + " IF(a.n = 5, NULL, '2024-01-02 03:04:05') FROM ia.seq a, ia.seq b;\n");
            sql.append("INSERT INTO ").append(t).append(" (id, a, b) VALUES (2000, 'defaults', 7);\n");
            sql.append("UPDATE ").append(t).append(" SET d = 'upd' WHERE id IN (5, 500);\n");
        }
        // Two instant ADDs over many pages, no row written after the second: its columns come from the DDL only.
        sql.append("""
                CREATE TABLE ia.add_twice (id INT NOT NULL PRIMARY KEY, pad VARCHAR(300) NOT NULL, n INT NULL)
                 ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC;
                INSERT INTO ia.add_twice SELECT 1 + a.n + 10 * b.n + 100 * c.n, REPEAT(CHAR(65 + a.n), 200 + b.n),
                 IF(c.n = 4, NULL, c.n) FROM ia.seq a, ia.seq b, ia.seq c;
                ALTER TABLE ia.add_twice ADD COLUMN s1 SMALLINT NOT NULL DEFAULT -7, ALGORITHM=INSTANT;
                INSERT INTO ia.add_twice SELECT 2001 + a.n + 10 * b.n, REPEAT('z', 250), NULL, a.n
                 FROM ia.seq a, ia.seq b;
                ALTER TABLE ia.add_twice ADD COLUMN s2 VARCHAR(5) NULL, ADD COLUMN s3 CHAR(2) NOT NULL DEFAULT 'q',
                 ALGORITHM=INSTANT;
                """);
        if (kind == ServerKind.MARIADB_10_11) {
            // Instant DROP and reorder: the metadata BLOB maps the physical fields to the columns.
            sql.append("""
                    CREATE TABLE ia.dropped (id INT NOT NULL PRIMARY KEY, a VARCHAR(30), b INT NOT NULL, c CHAR(4))
                     ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC;
                    INSERT INTO ia.dropped SELECT 1 + a.n + 10 * b.n, CONCAT('v', a.n), a.n * b.n, CONCAT('c', b.n)
                     FROM ia.seq a, ia.seq b;
                    ALTER TABLE ia.dropped DROP COLUMN b, ALGORITHM=INSTANT;
                    ALTER TABLE ia.dropped ADD COLUMN z INT NOT NULL DEFAULT 9 AFTER id, ALGORITHM=INSTANT;
                    ALTER TABLE ia.dropped MODIFY c CHAR(4) AFTER id, ALGORITHM=INSTANT;
                    INSERT INTO ia.dropped (id, z, a, c) SELECT 201 + a.n, a.n, CONCAT('w', a.n), 'cc' FROM ia.seq a;
                    """);
            for (String format : FORMATS) {
                // A variable-length key, nullable columns, a dropped off-page TEXT and a column added FIRST.
                String t = "ia.dropv_" + format;
                sql.append("CREATE TABLE ").append(t).append(" (k VARCHAR(20) NOT NULL PRIMARY KEY, n1 INT NULL,"
                        + " v VARCHAR(100) NULL, t TEXT NULL, m INT NOT NULL, x CHAR(3) NULL) ENGINE=InnoDB"
                        + " DEFAULT CHARSET=utf8mb4 ROW_FORMAT=").append(format.toUpperCase()).append(";\n");
                sql.append("INSERT INTO ").append(t).append(" SELECT CONCAT('key', a.n, b.n), IF(a.n = 1, NULL, a.n),"
                        + " IF(b.n = 2, NULL, REPEAT('v', a.n * 10)), IF(a.n = 7, REPEAT('ü', 9000), CONCAT('t', b.n)),"
                        + " a.n * b.n, IF(b.n = 3, NULL, 'xyz') FROM ia.seq a, ia.seq b;\n");
                sql.append("ALTER TABLE ").append(t).append(" DROP COLUMN v, DROP COLUMN t, ALGORITHM=INSTANT;\n");
                sql.append("ALTER TABLE ").append(t).append(" ADD COLUMN w VARCHAR(10) DEFAULT 'ww' FIRST,"
                        + " ALGORITHM=INSTANT;\n");
                sql.append("INSERT INTO ").append(t).append(" (k, w, n1, m, x) SELECT CONCAT('new', a.n),"
                        + " IF(a.n = 4, NULL, CONCAT('w', a.n)), a.n, -a.n, NULL FROM ia.seq a;\n");
                sql.append("UPDATE ").append(t).append(" SET m = 1000 WHERE k = 'key55';\n");
            }
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries(ServerKind kind) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String format : FORMATS) {
            q.put("rows_add_" + format, "SELECT id, a, b, c, d, CAST(e AS CHAR) AS e FROM ia.add_" + format + " ORDER BY id");
            q.put("ddl_add_" + format, "SHOW CREATE TABLE ia.add_" + format);
        }
        q.put("rows_add_twice", "SELECT * FROM ia.add_twice ORDER BY id");
        q.put("ddl_add_twice", "SHOW CREATE TABLE ia.add_twice");
        if (kind == ServerKind.MARIADB_10_11) {
            q.put("rows_dropped", "SELECT * FROM ia.dropped ORDER BY id");
            q.put("ddl_dropped", "SHOW CREATE TABLE ia.dropped");
            for (String format : FORMATS) {
                q.put("rows_dropv_" + format, "SELECT * FROM ia.dropv_" + format + " ORDER BY k");
                q.put("ddl_dropv_" + format, "SHOW CREATE TABLE ia.dropv_" + format);
            }
        }
        return q;
    }

    static GeneratedDatadir datadir(ServerKind kind) {
        return DATADIRS.computeIfAbsent(kind, k -> {
            try {
                return Datadirs.get(k, setupSql(k), truthQueries(k));
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("addCases")
    void rowsBeforeAndAfterInstantAddEqualSelect(ServerKind kind, String table) throws Exception {
        assertRowsEqualSelect(kind, table);
    }

    /**
     * MariaDB instant DROP COLUMN, ADD COLUMN … AFTER and MODIFY … AFTER: old records still hold the dropped
     * column and keep their physical order; the metadata BLOB says which field is which column.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dropped", "dropv_dynamic", "dropv_compact",
            "dropv_redundant"})
    void mariadbInstantDropAndReorderEqualSelect(String table) throws Exception {
        assertRowsEqualSelect(ServerKind.MARIADB_10_11, table);
    }

    /**
     * Damaged instant metadata: a zeroed metadata BLOB leaves the old physical order unknown, so the recovery
     * says it is incomplete; random bytes over the metadata record never make it throw.
     */
    @org.junit.jupiter.api.Test
    void damagedMetadataIsReportedNeverThrown() throws Exception {
        GeneratedDatadir dd = datadir(ServerKind.MARIADB_10_11);
        TableDef def = new DdlParser(ServerDialect.MARIADB_10_11)
                .parse(dd.truth("ddl_dropped").column("Create Table").get(0)).tables().get(0);
        byte[] file = java.nio.file.Files.readAllBytes(dd.file("ia/dropped.ibd"));
        int pageSize = 16384;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("salvage-instant-damage");
        byte[] zeroed = file.clone();
        List<Integer> blobPages = new ArrayList<>();
        List<Integer> instantRoots = new ArrayList<>();
        for (int p = 0; p < file.length / pageSize; p++) {
            int type = dev.salvage.innodb.fil.Mach.read2(file, p * pageSize + dev.salvage.innodb.fil.Fil.PAGE_TYPE);
            if (type == dev.salvage.innodb.fil.PageType.BLOB) {
                blobPages.add(p);
                java.util.Arrays.fill(zeroed, p * pageSize, (p + 1) * pageSize, (byte) 0);
            } else if (type == dev.salvage.innodb.fil.PageType.SDI_BLOB_OR_INSTANT) {
                instantRoots.add(p);
            }
        }
        assertThat(blobPages).as("the metadata BLOB").hasSize(1);
        assertThat(instantRoots).as("the INSTANT root, here also the only leaf").hasSize(1);
        assertThat(recover(def, zeroed, dir, new ArrayList<>()).complete()).isFalse();

        java.util.Random random = new java.util.Random(11);
        int root = instantRoots.get(0) * pageSize;
        for (int i = 0; i < 40; i++) {
            byte[] damaged = file.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                damaged[root + 94 + random.nextInt(300)] = (byte) random.nextInt(256);
            }
            List<RecoveredRow> rows = new ArrayList<>();
            recover(def, damaged, dir, rows);
            assertThat(rows.size()).isLessThanOrEqualTo(dd.truth("rows_dropped").rows().size());
        }
        dev.salvage.harness.FileTrees.deleteQuietly(dir);
    }

    private static RecoveryResult recover(TableDef def, byte[] file, java.nio.file.Path dir, List<RecoveredRow> rows)
            throws Exception {
        java.nio.file.Path copy = dir.resolve("dropped.ibd");
        java.nio.file.Files.write(copy, file);
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(copy))) {
            return new TableRecovery(def, RecoveryOptions.defaults().withDialect(ServerDialect.MARIADB_10_11)
                    .withThreads(1)).run(input, rows::add);
        }
    }

    static void assertRowsEqualSelect(ServerKind kind, String table) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        ServerDialect dialect = kind == ServerKind.MYSQL_8_0 ? ServerDialect.MYSQL_8_0 : ServerDialect.MARIADB_10_11;
        TableDef def = new DdlParser(dialect).parse(dd.truth("ddl_" + table).column("Create Table").get(0))
                .tables().get(0);
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("ia/" + table + ".ibd")))) {
            result = new TableRecovery(def, RecoveryOptions.defaults().withDialect(dialect).withThreads(1))
                    .run(input, rows::add);
        }
        assertThat(result.complete()).as("%s", result).isTrue();
        ResultTable truth = dd.truth("rows_" + table);
        int key = truth.columnIndex(table.startsWith("dropv") ? "k" : "id");
        List<List<String>> got = rows.stream()
                .map(ShopExample::strings).sorted(Comparator.comparing((List<String> r) -> r.get(key), KEY_ORDER))
                .toList();
        assertThat(got).hasSize(truth.rows().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as("row %d of %s", i, truth.columns()).isEqualTo(truth.rows().get(i));
        }
    }
}
