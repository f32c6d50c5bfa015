package dev.salvage.carve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.cli.CliRun;
import dev.salvage.cli.ExitCode;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.recover.ServerRoundTrip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code salvage carve} on files MySQL 5.7 and 8.0 wrote: a file-per-table table's .ibd, copied before
 * {@code DROP TABLE} deleted it, lies in a "disk image" between random bytes, zeros and another table's .ibd,
 * none of it aligned to the page size. Both tables have off-page values, so their BLOB/LOB page numbers clash and
 * carve writes a carve folder per tablespace; running {@code salvage rows --ddl} (the server's SHOW CREATE TABLE)
 * on the dropped table's folder gives back every row the server returned before the drop, value by value,
 * off-page values included: 5.x BLOB chains on 5.7, the LOB first, index and data pages on 8.0.
 */
@RealServer
class CarveDroppedTableOnMysqlTest {

    private static final int ROWS = 1500;

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MYSQL_5_7", "MYSQL_8_0"})
    void rowsOfADroppedTableComeBackFromACarvedDiskImage(ServerKind kind, @TempDir Path tmp) throws Exception {
        Path saved = Files.createDirectories(tmp.resolve("saved"));
        String ddl;
        ResultTable truth;
        String space;
        try (TestServer server = TestServer.start(kind, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE c");
            server.execute("CREATE TABLE c.seq (n INT PRIMARY KEY) ENGINE=InnoDB");
            server.execute("INSERT INTO c.seq VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            server.execute("CREATE TABLE c.gone (id INT NOT NULL PRIMARY KEY, name VARCHAR(60) NOT NULL,"
                    + " amount DECIMAL(12,2), at DATETIME, body LONGBLOB, note TEXT, KEY k_name (name))"
                    + " ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4");
            // Every 97th row a 20 KB body (off-page on 16K pages), row 500 one of 300 KB (on 8.0 more data
            // pages than the LOB first page has index entries for, so a LOB index page too), every 131st row
            // a 24 KB multi-byte note.
            server.execute("INSERT INTO c.gone SELECT id, CONCAT('name-', id, '-', MD5(id)),"
                    + " IF(id % 11 = 0, NULL, id * 3.25 - 999),"
                    + " IF(id % 13 = 0, NULL, '2020-01-01 00:00:00' + INTERVAL id * 3607 SECOND),"
                    + " CASE WHEN id = 500 THEN REPEAT(UNHEX(MD5(id)), 19200)"
                    + " WHEN id % 97 = 0 THEN REPEAT(UNHEX(MD5(id)), 1280)"
                    + " WHEN id % 5 = 0 THEN UNHEX(MD5(id)) ELSE NULL END,"
                    + " IF(id % 131 = 0, REPEAT(CONCAT('Grüße ', id, ' € '), 1500), CONCAT('note ', id))"
                    + " FROM (SELECT a.n + 10 * b.n + 100 * e.n + 1000 * f.n AS id"
                    + " FROM c.seq a, c.seq b, c.seq e, c.seq f) x WHERE id BETWEEN 1 AND " + ROWS);
            // Another table with off-page values: its BLOB/LOB pages share page numbers with c.gone's.
            server.execute("CREATE TABLE c.other (id INT PRIMARY KEY, v VARCHAR(100) NOT NULL, b MEDIUMBLOB)"
                    + " ENGINE=InnoDB");
            server.execute("INSERT INTO c.other SELECT n + 10 * m, CONCAT('other ', n, '/', m),"
                    + " REPEAT(UNHEX(MD5(n + 10 * m)), 1500) FROM c.seq, (SELECT n AS m FROM c.seq) y");
            String tables = kind == ServerKind.MYSQL_8_0 ? "INNODB_TABLES" : "INNODB_SYS_TABLES";
            space = server.queryValue("SELECT SPACE FROM information_schema." + tables + " WHERE NAME = 'c/gone'");
            ddl = server.query("SHOW CREATE TABLE c.gone").get(0).get(1);
            truth = server.queryTable("SELECT CAST(id AS CHAR), name, CAST(amount AS CHAR), CAST(at AS CHAR),"
                    + " HEX(body), note FROM c.gone");
            assertThat(truth.rows()).hasSize(ROWS);
            // FOR EXPORT writes every change of the two tables into their files, then holds them still.
            server.execute("FLUSH TABLES c.gone, c.other FOR EXPORT");
            Path gone = server.datadir().resolve("c/gone.ibd");
            Files.copy(gone, saved.resolve("gone.ibd"));
            Files.copy(server.datadir().resolve("c/other.ibd"), saved.resolve("other.ibd"));
            server.execute("UNLOCK TABLES");
            server.execute("DROP TABLE c.gone");
            assertThat(gone).as("file-per-table: DROP deletes the file").doesNotExist();
        }

        Path image = tmp.resolve("disk.img");
        Random random = new Random(20261121L + kind.ordinal());
        try (OutputStream out = Files.newOutputStream(image)) {
            out.write(randomBytes(random, 1 << 20));
            out.write(new byte[3 * 512]);
            out.write(Files.readAllBytes(saved.resolve("other.ibd")));
            out.write(randomBytes(random, 5 * 512));
            out.write(Files.readAllBytes(saved.resolve("gone.ibd")));
            out.write(randomBytes(random, 777));
        }

        Path carvedAll = tmp.resolve("carved");
        CliRun carve = CliRun.of("carve", "--no-progress", "--threads", "2", "--out", carvedAll.toString(),
                image.toString());
        assertThat(carve.status()).as(carve.out() + carve.err()).isEqualTo(ExitCode.CLEAN);
        // BLOB pages of two spaces clash by page number: the main layout suffixes their names, and each space
        // gets its own carve folder with the plain names that rows looks up.
        try (Stream<Path> names = Files.list(carvedAll.resolve(OutputLayout.BLOB_DIR))) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.endsWith("-space" + space + "-16384.page"));
        }
        assertThat(carve.out()).contains("spaces/" + space + "-16384");
        Path carved = carvedAll.resolve(SpaceFolders.DIR).resolve(space + "-16384");
        Map<Integer, Integer> lobTypes = blobPageTypes(carved.resolve(OutputLayout.BLOB_DIR));
        if (kind == ServerKind.MYSQL_8_0) {
            // LOB_INDEX 22, LOB_DATA 23, LOB_FIRST 24 (lob0first.h, lob0index.h).
            assertThat(lobTypes).as("8.0 LOB page types carved").containsKeys(22, 23, 24);
        } else {
            assertThat(lobTypes).as("5.7 BLOB pages carved").containsOnlyKeys(10);
        }

        Path ddlFile = tmp.resolve("gone.sql");
        Files.writeString(ddlFile, ddl + ";\n");
        Path out = tmp.resolve("out");
        CliRun rows = CliRun.of("rows", "--threads", "2", "--ddl", ddlFile.toString(), "--table", "gone", "--out",
                out.toString(), carved.toString());
        assertThat(rows.status()).as(rows.out() + rows.err()).isEqualTo(ExitCode.CLEAN);
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve("gone.tsv")), truth, kind + " carved c.gone");

        // The top-level carve folder too: the suffixed BLOB pages of the table's own space are found.
        Path outAll = tmp.resolve("out-all");
        CliRun rowsAll = CliRun.of("rows", "--threads", "2", "--ddl", ddlFile.toString(), "--table", "gone", "--out",
                outAll.toString(), carvedAll.toString());
        assertThat(rowsAll.status()).as(rowsAll.out() + rowsAll.err()).isEqualTo(ExitCode.CLEAN);
        ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(outAll.resolve("gone.tsv")), truth, kind + " carved c.gone (all)");
    }

    /** Page type code → number of pages, over every page file in the carve folder's BLOB directory. */
    private static Map<Integer, Integer> blobPageTypes(Path blobDir) throws IOException {
        Map<Integer, Integer> types = new TreeMap<>();
        try (Stream<Path> files = Files.list(blobDir)) {
            for (Path f : files.toList()) {
                byte[] page = Files.readAllBytes(f);
                types.merge(ByteBuffer.wrap(page).getShort(24) & 0xFFFF, 1, Integer::sum);
            }
        }
        return types;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String unescape(String field) {
        StringBuilder s = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                s.append(c);
                continue;
            }
            char n = field.charAt(++i);
            s.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case '0' -> '\0';
                case 'Z' -> (char) 26;
                default -> n;
            });
        }
        return s.toString();
    }
}
