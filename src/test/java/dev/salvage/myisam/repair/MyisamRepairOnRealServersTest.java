package dev.salvage.myisam.repair;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.io.FileSet;
import dev.salvage.myisam.MydReader;
import dev.salvage.myisam.MyiFile;
import dev.salvage.myisam.MyisamSource;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.myisam.RecordImage;
import dev.salvage.recover.ServerRoundTrip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage myisam repair} on tables MariaDB 10.11 wrote, clean and damaged: the rebuilt files, copied into a
 * running server's data directory, pass {@code CHECK TABLE … EXTENDED}, hold exactly the rows {@code myisam rows}
 * recovers from the same input (each equal, column by column, to the original row), answer index lookups, and
 * {@code myisamchk -e} finds nothing wrong with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyisamRepairOnRealServersTest {

    static final String SETUP = String.join(";\n",
            "CREATE DATABASE r",
            "CREATE TABLE r.fx (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, bi BIGINT, de DECIMAL(12,3), db DOUBLE,"
                    + " dt DATE, dtm DATETIME, ch CHAR(10) CHARACTER SET latin1, vb VARCHAR(12) CHARACTER SET latin1,"
                    + " u INT, sm SMALLINT UNSIGNED, UNIQUE KEY uk (u), KEY comp (ch, dt, bi), KEY kd (db),"
                    + " KEY kde (de, dtm), KEY kb (bi), KEY ks (sm, vb)) ENGINE=MyISAM ROW_FORMAT=FIXED",
            "CREATE TABLE r.dy (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " v VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, la VARCHAR(40) CHARACTER SET latin1,"
                    + " ch CHAR(20) CHARACTER SET latin1, tx TEXT CHARACTER SET latin1, bl BLOB, n INT, bi BIGINT,"
                    + " de DECIMAL(9,2), db DOUBLE, dt DATE, u VARCHAR(30) CHARACTER SET utf8mb4,"
                    + " UNIQUE KEY uu (u), KEY kv (v(10)), KEY comp (la, n), KEY kch (ch), KEY kt (tx(12)), KEY kn (n))"
                    + " ENGINE=MyISAM",
            "CREATE TABLE r.ck (id INT NOT NULL PRIMARY KEY, v VARCHAR(30), n INT, b BLOB, KEY (n))"
                    + " ENGINE=MyISAM CHECKSUM=1",
            "CREATE TABLE r.cf (id INT NOT NULL PRIMARY KEY, c CHAR(5), n INT) ENGINE=MyISAM CHECKSUM=1"
                    + " ROW_FORMAT=FIXED",
            "CREATE TABLE r.gc (id INT NOT NULL PRIMARY KEY, s VARCHAR(20) CHARACTER SET utf8mb4, KEY (s))"
                    + " ENGINE=MyISAM",
            "INSERT INTO r.fx (bi, de, db, dt, dtm, ch, vb, u, sm) VALUES"
                    + " (-5, -12.5, 1.5, '2020-01-01', '2020-01-01 10:00:00', 'abc', 'x', 1, 7),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (9223372036854775807, 999999999.999, -0.0, '1000-01-01', '9999-12-31 23:59:59', 'Äbc', 'yy', 2,"
                    + " 65535), (-9223372036854775808, 0, 1e300, '2024-02-29', '1970-01-01 00:00:01', 'abc ', 'z',"
                    + " NULL, 0)",
            "INSERT INTO r.fx (bi, de, db, dt, dtm, ch, vb, u, sm) SELECT bi DIV 2 + id, de * 2, db / 3,"
                    + " dt + INTERVAL id DAY, dtm, CONCAT(ch, id % 7), vb, u + 10 + id, sm FROM r.fx",
            "INSERT INTO r.fx (bi, de, db, dt, dtm, ch, vb, u, sm) SELECT bi DIV 2 - id, de + 1, db, dt, dtm,"
                    + " CONCAT(LEFT(ch, 3), id % 5), vb, u + 100 + id, sm FROM r.fx",
            doubling("r.fx", "bi, de, db, dt, dtm, ch, vb, u + %d + id, sm", "bi, de, db, dt, dtm, ch, vb, u, sm"),
            "DELETE FROM r.fx WHERE id % 11 = 3",
            "INSERT INTO r.dy (v, la, ch, tx, bl, n, bi, de, db, dt, u) VALUES"
                    + " ('väärt 😀 ünïcode text here', 'Åsa', 'char  ', 'some text', 0xdeadbeef, 5, -1, 1.25, 2.5,"
                    + " '2001-01-01', 'a'), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " ('', '', '', '', '', 0, 0, 0, 0, '2000-01-01', 'b'), (REPEAT('ab€', 90), 'zeta', 'z',"
                    + " REPEAT('long text ', 500), REPEAT(0xff, 5000), -7, 123456789012, -3.5, -1e-5, '1999-12-31', 'c')",
            "INSERT INTO r.dy (v, la, ch, tx, bl, n, bi, de, db, dt, u) SELECT CONCAT(v, id), CONCAT(la, id % 3), ch,"
                    + " REPEAT(tx, id % 3), bl, n * id, bi, de, db, dt, CONCAT(u, id) FROM r.dy",
            doubling("r.dy", "CONCAT(v, id), la, ch, tx, bl, n + id, bi, de, db, dt, IF(u IS NULL, NULL, CONCAT('s%d-', id))",
                    "v, la, ch, tx, bl, n, bi, de, db, dt, u"),
            "DELETE FROM r.dy WHERE id % 7 = 2",
            "UPDATE r.dy SET tx = REPEAT('grown ', 100) WHERE id % 5 = 1",
            "INSERT INTO r.ck VALUES (1, 'abc', NULL, 'xyz'), (2, NULL, 5, NULL), (3, '', 6, ''),"
                    + " (4, 'long value here', 7, REPEAT('q', 100))",
            "INSERT INTO r.cf VALUES (1, 'a', NULL), (2, NULL, 3), (3, 'xyz', 4)",
            "INSERT INTO r.gc VALUES (1, 'cafe'), (2, 'café'), (3, 'cafz')",
            "FLUSH TABLES");

    private static String doubling(String table, String select, String columns) {
        StringBuilder sql = new StringBuilder();
        for (int step = 1000; step <= 10_000_000; step *= 10) {
            if (sql.length() > 0) {
                sql.append(";\n");
            }
            sql.append("INSERT INTO ").append(table).append(" (").append(columns).append(") SELECT ")
                    .append(String.format(select, step)).append(" FROM ").append(table);
        }
        return sql.toString();
    }

    @TempDir
    static Path temp;
    static GeneratedDatadir dd;
    static TestServer live;

    /** The server that writes the tables and opens the rebuilt ones. */
    ServerKind kind() {
        return ServerKind.MARIADB_10_11;
    }

    @BeforeAll
    void start() throws Exception {
        ServerKind kind = kind();
        dd = Datadirs.get(kind, ServerOptions.defaults(), SETUP,
                Map.of("fx", "SELECT COUNT(*) FROM r.fx", "dy", "SELECT COUNT(*) FROM r.dy"));
        live = TestServer.start(kind, ServerOptions.defaults(), dd.copyTo(temp.resolve("live")));
    }

    @AfterAll
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    static Path input(String name, String table) throws IOException {
        Path dir = temp.resolve("in-" + name);
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("r/" + table + ext, dir);
        }
        return dir.resolve(table);
    }

    @Test
    void cleanTablesComeBackWhole() throws Exception {
        for (String table : new String[] {"fx", "dy", "ck", "cf"}) {
            Path in = input("clean-" + table, table);
            Path out = repair(in, 0);
            String db = install(out, table, "clean_" + table);
            assertThat(live.queryValue("SELECT COUNT(*) FROM " + db + "." + table))
                    .isEqualTo(live.queryValue("SELECT COUNT(*) FROM r." + table));
            assertSameAsOriginal(db, table);
            assertThat(checksum(db + "." + table, "EXTENDED")).isEqualTo(checksum("r." + table, "EXTENDED"));
            if (table.startsWith("c")) {
                // CHECKSUM=1: the state's live checksum was rebuilt, not copied.
                assertThat(checksum(db + "." + table, "QUICK")).isEqualTo(checksum("r." + table, "EXTENDED"));
            }
        }
        // Index lookups go through the rebuilt trees: a range on each key equals the original's answer.
        for (String q : new String[] {"SELECT COUNT(*), SUM(id) FROM %s.fx FORCE INDEX (comp) WHERE ch >= 'abc'",
                "SELECT COUNT(*), SUM(id) FROM %s.fx FORCE INDEX (kd) WHERE db > 0",
                "SELECT COUNT(*), SUM(id) FROM %s.fx FORCE INDEX (kde) WHERE de BETWEEN -5 AND 1000",
                "SELECT COUNT(*), SUM(id) FROM %s.dy FORCE INDEX (kv) WHERE v LIKE 'ab%%'",
                "SELECT COUNT(*), SUM(id) FROM %s.dy FORCE INDEX (comp) WHERE la > 'Z'",
                "SELECT COUNT(*), SUM(id) FROM %s.dy FORCE INDEX (kt) WHERE tx LIKE 'long%%'",
                "SELECT COUNT(*), SUM(id) FROM %s.dy FORCE INDEX (uu) WHERE u > 's100'"}) {
            String table = q.contains(".fx") ? "fx" : "dy";
            assertThat(live.query(String.format(q, "clean_" + table))).as(q).isEqualTo(live.query(String.format(q, "r")))
                    .isNotEmpty();
        }
    }

    @Test
    void headerDerivedFromTheFrmEqualsTheServersOwn() throws Exception {
        for (String table : new String[] {"fx", "dy", "ck", "cf"}) {
            Path in = input("hdr-" + table, table);
            byte[] real = Files.readAllBytes(Path.of(in + ".MYI"));
            MyiFile realMyi = MyiFile.parse(real, table);
            byte[] ours = FrmIndexHeader.fromFrm(Path.of(in + ".frm"), 0);
            assertThat(ours.length).as(table).isEqualTo(realMyi.base().keystart());
            // File header: options, lengths, key parts, keys, language, block size index.
            assertThat(Arrays.copyOfRange(ours, 0, 24)).as(table).isEqualTo(Arrays.copyOfRange(real, 0, 24));
            // Base info, key definitions, key segments and column definitions, byte for byte.
            int basePos = (real[12] & 0xff) << 8 | (real[13] & 0xff);
            assertThat(Arrays.copyOfRange(ours, basePos, realMyi.headerLength())).as(table)
                    .isEqualTo(Arrays.copyOfRange(real, basePos, realMyi.headerLength()));
            // The per-key-part statistics of a table never analyzed: 1 only for unique keys without NULLs.
            int keyParts = realMyi.keyParts();
            assertThat(Arrays.copyOfRange(ours, basePos - 4 * keyParts, basePos)).as(table)
                    .isEqualTo(Arrays.copyOfRange(real, basePos - 4 * keyParts, basePos));
        }
    }

    @Test
    void lostOrUnreadableIndexFileIsRebuiltFromTheFrm() throws Exception {
        for (String table : new String[] {"fx", "dy", "ck", "cf"}) {
            for (boolean lost : new boolean[] {true, false}) {
                String name = (lost ? "nomyi-" : "badmyi-") + table;
                Path in = input(name, table);
                Path myi = Path.of(in + ".MYI");
                if (lost) {
                    Files.delete(myi);
                } else {
                    try (RandomAccessFile f = new RandomAccessFile(myi.toFile(), "rw")) {
                        f.write(new byte[64]); // the magic and the state gone
                    }
                }
                Path out = temp.resolve("out-" + name);
                CliRun run = CliRun.of("myisam", "repair", "--out", out.toString(), in.toString());
                assertThat(run.status()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("index file rebuilt from the .frm", "keys recomputed from the rows");
                Path base = out.resolve(table);
                myisamchk(base);
                assertThat(CliRun.of("myisam", "check", base.toString()).status()).isZero();
                String db = install(base, table, name.replace('-', '_'));
                assertThat(live.queryValue("SELECT COUNT(*) FROM " + db + "." + table))
                        .isEqualTo(live.queryValue("SELECT COUNT(*) FROM r." + table));
                assertSameAsOriginal(db, table);
                assertThat(checksum(db + "." + table, "EXTENDED")).isEqualTo(checksum("r." + table, "EXTENDED"));
                if (table.startsWith("c")) {
                    continue; // CHECKSUM=1 tables: the checksums above are the point
                }
                // The rebuilt trees answer lookups as the original's do.
                String q = "SELECT COUNT(*), SUM(id) FROM %s." + table + " FORCE INDEX ("
                        + (table.equals("fx") ? "comp) WHERE ch >= 'abc'" : "uu) WHERE u > 's100'");
                assertThat(live.query(String.format(q, db))).isEqualTo(live.query(String.format(q, "r")));
                // AUTO_INCREMENT continues after the highest id, not from 1.
                assertThat(live.queryValue("SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA"
                        + " = '" + db + "' AND TABLE_NAME = '" + table + "'")).isEqualTo(live.queryValue(
                        "SELECT MAX(id) + 1 FROM r." + table));
            }
        }
    }

    @Test
    void dataFileCutInsideItsLastRecord() throws Exception {
        for (String table : new String[] {"fx", "dy"}) {
            Path in = input("cut-" + table, table);
            List<Long> starts = recordStarts(in);
            long last = starts.get(starts.size() - 1);
            try (RandomAccessFile f = new RandomAccessFile(in + ".MYD", "rw")) {
                f.setLength(last + 7);
            }
            List<String> expected = recoveredIds(in);
            assertThat(expected).hasSize(starts.size() - 1);
            Path out = repair(in, 1);
            String db = install(out, table, "cut_" + table);
            assertThat(ids(db, table)).isEqualTo(expected);
            assertSameAsOriginal(db, table);
        }
    }

    @Test
    void corruptedKeyBlocksAreNotTrusted() throws Exception {
        for (String table : new String[] {"fx", "dy"}) {
            Path in = input("key-" + table, table);
            MyiFile myi;
            try (FileSet f = FileSet.open(Path.of(in + ".MYI"))) {
                myi = MyiFile.read(f);
            }
            try (RandomAccessFile f = new RandomAccessFile(in + ".MYI", "rw")) {
                for (int k = 0; k < myi.keys().size(); k++) {
                    f.seek(myi.state().keyRoots().get(k) + 2);
                    f.write(new byte[] {(byte) 0xff, 0x13, 0x00, (byte) 0xee, 0x7f, 0x01, 0x02, 0x03});
                }
            }
            assertThat(CliRun.of("myisam", "check", in.toString()).status()).isEqualTo(1);
            Path out = repair(in, 0);
            String db = install(out, table, "key_" + table);
            assertThat(live.queryValue("SELECT COUNT(*) FROM " + db + "." + table))
                    .isEqualTo(live.queryValue("SELECT COUNT(*) FROM r." + table));
            assertSameAsOriginal(db, table);
        }
    }

    @Test
    void brokenDynamicBlocksAreLeftOut() throws Exception {
        Path in = input("blk", "dy");
        List<Long> starts = recordStarts(in);
        try (RandomAccessFile f = new RandomAccessFile(in + ".MYD", "rw")) {
            for (int i : new int[] {10, 11, 60, 150}) {
                f.seek(starts.get(i));
                f.write(0x0f); // no block type 15
            }
        }
        List<String> expected = recoveredIds(in);
        assertThat(expected.size()).isLessThanOrEqualTo(starts.size() - 4).isGreaterThan(starts.size() / 2);
        Path out = repair(in, 1);
        String db = install(out, "dy", "blk_dy");
        assertThat(ids(db, "dy")).isEqualTo(expected);
        assertSameAsOriginal(db, "dy");
    }

    @Test
    void aRecordRepeatingAUniqueValueIsLeftOut() throws Exception {
        Path in = input("dup", "fx");
        List<Long> starts = recordStarts(in);
        long length = starts.get(1) - starts.get(0);
        byte[] copy = new byte[(int) length];
        try (RandomAccessFile f = new RandomAccessFile(in + ".MYD", "rw")) {
            f.seek(starts.get(5));
            f.readFully(copy);
            f.seek(starts.get(20));
            f.write(copy); // a misdirected write: record 20 now repeats record 5 (its id and its unique u)
        }
        List<String> recovered = recoveredIds(in);
        assertThat(recovered).hasSize(starts.size());
        Path out = temp.resolve("out-dup");
        CliRun run = CliRun.of("myisam", "repair", "--out", out.toString(), in.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("duplicates in a unique key 1", "Duplicate key 1: record 20 repeats the value"
                + " of record 5");
        myisamchk(out.resolve("fx"));
        String db = install(out.resolve("fx"), "fx", "dup_fx");
        assertThat(ids(db, "fx")).isEqualTo(recovered.stream().distinct().toList());
        assertSameAsOriginal(db, "fx");
    }

    @Test
    void unsupportedOrderIsRefusedWithoutWritingAnything() throws Exception {
        Path in = input("gc", "gc");
        Path out = temp.resolve("out-gc");
        CliRun run = CliRun.of("myisam", "repair", "--out", out.toString(), in.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("not repaired", "utf8mb4_general_ci", "non-ASCII");
        assertThat(out.resolve("gc.MYD")).doesNotExist();
        assertThat(out.resolve("gc.MYI")).doesNotExist();
    }

    @Test
    void theOriginalsAreNeverOverwritten() throws Exception {
        Path in = input("safe", "fx");
        byte[] myi = Files.readAllBytes(Path.of(in + ".MYI"));
        byte[] myd = Files.readAllBytes(Path.of(in + ".MYD"));
        assertThat(CliRun.of("myisam", "repair", "--out", in.getParent().toString(), in.toString()).status())
                .isEqualTo(2);
        assertThat(CliRun.of("myisam", "repair", "--force", "--out", in.getParent().toString(), in.toString())
                .status()).isEqualTo(2);
        Path out = temp.resolve("out-safe");
        assertThat(CliRun.of("myisam", "repair", "--out", out.toString(), in.toString()).status()).isZero();
        CliRun again = CliRun.of("myisam", "repair", "--out", out.toString(), in.toString());
        assertThat(again.status()).as(again.err()).isEqualTo(2);
        assertThat(CliRun.of("myisam", "repair", "--force", "--out", out.toString(), in.toString()).status()).isZero();
        assertThat(Files.readAllBytes(Path.of(in + ".MYI"))).isEqualTo(myi);
        assertThat(Files.readAllBytes(Path.of(in + ".MYD"))).isEqualTo(myd);
    }

    /** Runs the command, checks its status and {@code myisamchk -e} on the result; returns the new table's base. */
    static Path repair(Path in, int status) throws Exception {
        Path out = temp.resolve("out-" + in.getParent().getFileName());
        CliRun run = CliRun.of("myisam", "repair", "--out", out.toString(), in.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(status);
        assertThat(run.out()).contains("keys recomputed from the rows");
        Path base = out.resolve(in.getFileName());
        myisamchk(base);
        // Our own checker agrees.
        CliRun check = CliRun.of("myisam", "check", base.toString());
        assertThat(check.status()).as(check.out()).isZero();
        return base;
    }

    static void myisamchk(Path base) throws Exception {
        Process p = new ProcessBuilder("myisamchk", "-e", base + ".MYI").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text.toLowerCase()).as(text).doesNotContain("error", "warning", "should be fixed");
    }

    /** Copies the new files into the running server as {@code db.table} and checks the table there. */
    static String install(Path base, String table, String db) throws Exception {
        live.execute("CREATE DATABASE " + db);
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            Files.copy(Path.of(base + ext), live.datadir().resolve(db).resolve(table + ext));
        }
        live.execute("FLUSH TABLES");
        List<List<String>> check = live.query("CHECK TABLE " + db + "." + table + " EXTENDED");
        assertThat(check).as(check.toString()).hasSize(1);
        assertThat(check.get(0).get(3)).as(check.toString()).isEqualTo("OK");
        return db;
    }

    /** Every row of the rebuilt table equals, byte for byte in every column, the original row with its id. */
    static void assertSameAsOriginal(String db, String table) throws Exception {
        StringBuilder diff = new StringBuilder();
        for (List<String> row : live.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'r'"
                + " AND TABLE_NAME = '" + table + "'")) {
            String c = row.get(0);
            String n = live.queryValue("SELECT COUNT(*) FROM r." + table + " a JOIN " + db + "." + table
                    + " b USING (id) WHERE NOT (CAST(a.`" + c + "` AS BINARY) <=> CAST(b.`" + c + "` AS BINARY))");
            if (!n.equals("0")) {
                diff.append(c).append(": ").append(n).append(" rows; ");
            }
        }
        assertThat(diff.toString()).isEmpty();
        assertThat(live.queryValue("SELECT COUNT(*) FROM " + db + "." + table + " b LEFT JOIN r." + table
                + " a USING (id) WHERE a.id IS NULL")).isEqualTo("0");
    }

    static List<String> ids(String db, String table) throws Exception {
        List<String> ids = new ArrayList<>();
        for (List<String> row : live.query("SELECT id FROM " + db + "." + table + " ORDER BY id")) {
            ids.add(row.get(0));
        }
        return ids;
    }

    static String checksum(String table, String mode) throws Exception {
        return live.query("CHECKSUM TABLE " + table + " " + mode).get(0).get(1);
    }

    /** The ids {@code myisam rows} recovers from the (damaged) input, in id order. */
    static List<String> recoveredIds(Path base) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
            source.read(false, (values, deleted, position) ->
                    ids.add(Long.parseLong(ServerRoundTrip.strings(values).get(0))));
        }
        return ids.stream().sorted().map(String::valueOf).toList();
    }

    static List<Long> recordStarts(Path base) throws Exception {
        List<Long> starts = new ArrayList<>();
        try (FileSet i = FileSet.open(Path.of(base + ".MYI")); FileSet d = FileSet.open(Path.of(base + ".MYD"))) {
            MydReader.scan(MyiFile.read(i), d, new MydReader.Visitor() {
                @Override
                public void record(RecordImage record) {
                    starts.add(record.position());
                }
            });
        }
        return starts;
    }
}
