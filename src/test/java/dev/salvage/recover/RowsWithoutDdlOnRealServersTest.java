package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage rows} with no DDL, pointed at a whole data directory that a real server wrote: the definitions
 * come from the .frm files (MariaDB 10.11, MySQL 5.7) or the SDI (MySQL 8.0), every user table is written to
 * {@code OUT/<db>/<table>.tsv} (two databases with a table of the same name, a partitioned table, a table without
 * a key, a REDUNDANT table, and on 5.7/MariaDB a table in the system tablespace) and equals SELECT value by value.
 */
@RealServer
class RowsWithoutDdlOnRealServersTest {

    /** Table name to CREATE TABLE; "cat.shared" is created with innodb_file_per_table=OFF (not on 8.0). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("cat.items", "CREATE TABLE cat.items (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                + " price DECIMAL(8,2), added DATETIME, note TEXT) ENGINE=InnoDB");
        TABLES.put("cat.nokey", "CREATE TABLE cat.nokey (a INT, b VARCHAR(20)) ENGINE=InnoDB ROW_FORMAT=REDUNDANT");
        TABLES.put("cat.parts", "CREATE TABLE cat.parts (id INT NOT NULL, d DATE NOT NULL, v VARCHAR(30),"
                + " PRIMARY KEY (id, d), KEY k_v (v)) ENGINE=InnoDB PARTITION BY RANGE (id)"
                + " (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (200),"
                + " PARTITION p2 VALUES LESS THAN MAXVALUE)");
        TABLES.put("other.items", "CREATE TABLE other.items (id INT NOT NULL PRIMARY KEY, label VARCHAR(10))"
                + " ENGINE=InnoDB ROW_FORMAT=COMPACT");
        TABLES.put("cat.shared", "CREATE TABLE cat.shared (id INT NOT NULL PRIMARY KEY, s VARCHAR(30), n BIGINT)"
                + " ENGINE=InnoDB");
    }

    private static boolean hasShared(ServerKind kind) {
        return kind != ServerKind.MYSQL_8_0;
    }

    static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        StringBuilder sql = new StringBuilder("CREATE DATABASE cat CHARACTER SET utf8mb4;\n"
                + "CREATE DATABASE other CHARACTER SET utf8mb4;\n");
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            if (t.getKey().equals("cat.shared")) {
                if (!hasShared(kind)) {
                    continue;
                }
                sql.append("SET GLOBAL innodb_file_per_table = 0;\n").append(t.getValue()).append(";\n")
                        .append("SET GLOBAL innodb_file_per_table = 1;\n");
            } else {
                sql.append(t.getValue()).append(";\n");
            }
        }
        for (int i = 1; i <= 400; i++) {
            sql.append(String.format("INSERT INTO cat.items VALUES (%d, 'item %d ž', %s, '2024-01-%02d 10:%02d:%02d', %s);%n",
                    i, i, i % 9 == 0 ? "NULL" : (i * 37 % 10000) / 100.0, 1 + i % 28, i % 60, i * 7 % 60,
                    i % 5 == 0 ? "NULL" : "'" + "note " + i + " ".repeat(i % 3) + "x".repeat(i % 200) + "'"));
            sql.append(String.format("INSERT INTO cat.parts VALUES (%d, '2020-02-%02d', %s);%n", i * 3 % 300, 1 + i % 28,
                    i % 7 == 0 ? "NULL" : "'v" + i + "'"));
        }
        for (int i = 1; i <= 60; i++) {
            sql.append(String.format("INSERT INTO cat.nokey VALUES (%s, 'b%d');%n", i % 4 == 0 ? "NULL" : i, i));
            sql.append(String.format("INSERT INTO other.items VALUES (%d, 'o%d');%n", i, i));
            if (hasShared(kind)) {
                sql.append(String.format("INSERT INTO cat.shared VALUES (%d, 's%d', %d);%n", i, i, i * 1000003L));
            }
        }
        if (hasShared(kind)) {
            // A table dropped from the system tablespace: a data directory with a past DROP still gives every live
            // table, and exit 0 (a dropped table found in the dictionary whose pages were reused is only a note).
            // gone_twin (own .ibd, same rows) stays behind to say what the server held.
            sql.append("SET GLOBAL innodb_file_per_table = 0;\n")
                    .append("CREATE TABLE cat.gone (id INT NOT NULL PRIMARY KEY, w VARCHAR(30), q INT) ENGINE=InnoDB;\n")
                    .append("SET GLOBAL innodb_file_per_table = 1;\n")
                    .append("CREATE TABLE cat.gone_twin (id INT NOT NULL PRIMARY KEY, w VARCHAR(30), q INT) ENGINE=InnoDB;\n");
            for (int i = 1; i <= 80; i++) {
                sql.append(String.format("INSERT INTO cat.gone VALUES (%d, 'gone %d', %d);%n", i, i, i * 31));
            }
            sql.append("INSERT INTO cat.gone_twin SELECT * FROM cat.gone;\nDROP TABLE cat.gone;\n");
        }
        Map<String, String> truth = new LinkedHashMap<>();
        if (hasShared(kind)) {
            truth.put("cat.gone_twin", "SELECT CAST(id AS CHAR), w, CAST(q AS CHAR) FROM cat.gone_twin");
        }
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            if (hasShared(kind) || !t.getKey().equals("cat.shared")) {
                truth.put(t.getKey(), ServerRoundTrip.truthSelect(t.getValue(), t.getKey()));
            }
        }
        return Datadirs.get(kind, sql.toString(), truth);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void everyTableOfTheDataDirectoryEqualsSelect(ServerKind kind, @TempDir Path out) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        CliRun run = CliRun.of("rows", "--threads", "2", "--out", out.toString(), dd.datadir().toString());
        System.out.println(run.out());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        for (String table : dd.truth().keySet()) {
            String[] name = table.split("\\.");
            ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve(name[0]).resolve(name[1] + ".tsv")),
                    dd.truth(table), kind + " " + table);
            assertThat(out.resolve(name[0]).resolve(name[1] + ".load.sql")).exists();
        }
        // Only the user databases: the server's own (mysql, sys) are written only when asked for by name.
        try (Stream<Path> dbs = Files.list(out)) {
            assertThat(dbs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cat", "other");
        }
        String source = kind == ServerKind.MYSQL_8_0 ? "(sdi)" : "(frm)";
        assertThat(run.out()).contains("== cat/items: definition from").contains(source)
                .contains("partition p0 in ").contains("partition p2 in ");
        if (kind == ServerKind.MYSQL_8_0) {
            assertThat(run.out()).contains("from the SDI");
        } else {
            assertThat(run.out()).containsPattern("== cat/shared: definition from .*shared\\.frm")
                    .containsPattern("-- .*ibdata1, clustered index");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void tablePicksOneTableOrEveryTableOfThatName(ServerKind kind, @TempDir Path out) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        CliRun one = CliRun.of("rows", "--threads", "2", "--table", "cat/parts", "--out", out.resolve("one").toString(),
                dd.datadir().toString());
        assertThat(one.status()).as(one.out() + one.err()).isZero();
        assertThat(files(out.resolve("one"))).containsExactlyInAnyOrder("cat/parts.tsv", "cat/parts.load.sql");
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve("one/cat/parts.tsv")), dd.truth("cat.parts"), "parts");

        CliRun both = CliRun.of("rows", "--threads", "2", "--table", "items", "--out", out.resolve("both").toString(),
                dd.datadir().toString());
        assertThat(both.status()).as(both.out() + both.err()).isZero();
        assertThat(files(out.resolve("both"))).containsExactlyInAnyOrder("cat/items.tsv", "cat/items.load.sql",
                "other/items.tsv", "other/items.load.sql");
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve("both/other/items.tsv")), dd.truth("other.items"), "other");

        CliRun missing = CliRun.of("rows", "--table", "cat/nosuch", "--out", out.resolve("none").toString(),
                dd.datadir().toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("cat/nosuch").contains("cat/items");
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void anIbdWithoutDefinitionIsReportedAndTheOthersAreWritten(ServerKind kind, @TempDir Path dir) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        Path db = Files.createDirectories(dir.resolve("cat"));
        try (Stream<Path> files = Files.list(dd.file("cat"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("items.frm")) {
                    Files.copy(f, db.resolve(f.getFileName().toString()));
                }
            }
        }
        CliRun run = CliRun.of("rows", "--threads", "2", "--out", dir.resolve("out").toString(), db.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("PROBLEM: .*items\\.ibd: no \\.frm next to it, no SDI in it")
                .contains("skipped");
        assertThat(dir.resolve("out/cat/items.tsv")).doesNotExist();
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(dir.resolve("out/cat/parts.tsv")), dd.truth("cat.parts"), "parts");
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(dir.resolve("out/cat/nokey.tsv")), dd.truth("cat.nokey"), "nokey");
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void aTableInTheSystemTablespaceComesBackFromIbdata1AloneWithTheDictionarysDefinition(ServerKind kind,
            @TempDir Path out) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        CliRun run = CliRun.of("rows", "--threads", "2", "--table", "cat/shared", "--out", out.toString(),
                dd.file("ibdata1").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("== cat/shared: definition from .*ibdata1 \\(dictionary\\)")
                .contains("from the dictionary");
        assertThat(files(out)).containsExactlyInAnyOrder("cat/shared.tsv", "cat/shared.load.sql");
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve("cat/shared.tsv")), dd.truth("cat.shared"), kind + " shared");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
