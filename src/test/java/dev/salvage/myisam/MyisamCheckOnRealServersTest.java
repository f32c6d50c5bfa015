package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage myisam check} on MyISAM tables that real servers wrote: OK where {@code myisamchk -e} says OK,
 * and each deliberate damage named in myisamchk's words.
 */
public class MyisamCheckOnRealServersTest {

    /** A FIXED table (only fixed-size columns) and a DYNAMIC one (VARCHAR/TEXT, split records), with deletes. */
    static final String SETUP = String.join(";\n",
            "CREATE DATABASE m",
            "CREATE TABLE m.fx (id INT NOT NULL PRIMARY KEY, a SMALLINT, b BIGINT NOT NULL, c CHAR(10), d DATE,"
                    + " KEY kb(b), KEY kcd(c, d)) ENGINE=MyISAM",
            "INSERT INTO m.fx VALUES (1, NULL, 10, 'a', '2020-01-01')",
            doubling("m.fx", "id + %d, IF(id %% 5 = 0, NULL, id %% 300 - 150), (id * 7919) %% 1000 - 500,"
                    + " CONCAT('c', id %% 97), DATE_ADD('2020-01-01', INTERVAL id DAY)"),
            "DELETE FROM m.fx WHERE id % 7 = 0",
            "CREATE TABLE m.dy (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200), t TEXT, n INT,"
                    + " KEY kv(v), KEY kn(n)) ENGINE=MyISAM",
            "INSERT INTO m.dy (v, t, n) VALUES ('start', 'x', 1)",
            doubling("m.dy", "NULL, CONCAT('v', (id * 7919) %% 1000), REPEAT('t', id %% 50 * 10), id %% 13"),
            "DELETE FROM m.dy WHERE id % 9 = 0",
            "UPDATE m.dy SET t = REPEAT('u', 700) WHERE id % 11 = 0",
            "FLUSH TABLES");

    private static String doubling(String table, String selectList) {
        StringBuilder sql = new StringBuilder();
        for (int step = 1; step <= 1024; step *= 2) {
            if (step > 1) {
                sql.append(";\n");
            }
            String list = String.format(selectList, step);
            sql.append("INSERT INTO ").append(table).append(" SELECT ").append(list).append(" FROM ").append(table);
        }
        return sql.toString();
    }

    public static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("fx", "SELECT COUNT(*) FROM m.fx");
        truth.put("dy", "SELECT COUNT(*) FROM m.dy");
        return Datadirs.get(kind, ServerOptions.defaults(), SETUP, truth);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void cleanTablesAreOkLikeMyisamchk(ServerKind kind, @TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        Path db = tmp.resolve("m");
        for (String t : new String[] {"fx", "dy"}) {
            dd.copyFileTo("m/" + t + ".MYI", db);
            dd.copyFileTo("m/" + t + ".MYD", db);
        }
        for (String t : new String[] {"fx", "dy"}) {
            CheckResult r = MyisamCheck.check(MyisamTable.resolve(db.resolve(t)).get(0));
            assertThat(r.findings()).as(kind + " " + t).isEmpty();
            assertThat(r.ok()).isTrue();
            assertThat(r.data().records()).isEqualTo(Long.parseLong(dd.truth(t).rows().get(0).get(0)));
            assertThat(r.keysPerIndex()).allMatch(k -> k == r.data().records());
        }
        assertThat(MyisamCheck.check(MyisamTable.resolve(db.resolve("dy")).get(0)).myi().format())
                .isEqualTo(RecordFormat.DYNAMIC);
        assertThat(MyisamCheck.check(MyisamTable.resolve(db.resolve("fx")).get(0)).myi().format())
                .isEqualTo(RecordFormat.FIXED);
        assertThat(myisamchk(db.resolve("fx"))).isZero();
        assertThat(myisamchk(db.resolve("dy"))).isZero();

        CliRun run = CliRun.of("myisam", "check", db.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("OK");
    }

    @Test
    void namesEachDamage(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(ServerKind.MARIADB_10_11);

        Path cut = copy(dd, tmp.resolve("cut"), "fx");
        truncateBy(cut.resolve("fx.MYD"), 5);
        assertThat(messages(cut.resolve("fx"))).anyMatch(m -> m.startsWith("Size of datafile is:"))
                .anyMatch(m -> m.startsWith("got error: 127 when reading datafile"))
                .anyMatch(m -> m.startsWith("Record-count is not ok; is "));

        Path cutDynamic = copy(dd, tmp.resolve("cutdy"), "dy");
        truncateBy(cutDynamic.resolve("dy.MYD"), 3);
        assertThat(messages(cutDynamic.resolve("dy"))).anyMatch(m -> m.startsWith("Size of datafile is:"))
                .anyMatch(m -> m.startsWith("Recordlink that points outside datafile")
                        || m.contains("cut by the end of the file"));

        Path count = copy(dd, tmp.resolve("count"), "dy");
        long records = MyisamCheck.check(MyisamTable.resolve(count.resolve("dy")).get(0)).data().records();
        writeLong(count.resolve("dy.MYI"), 28, records + 1);
        assertThat(messages(count.resolve("dy")))
                .contains("Record-count is not ok; is " + records + "   Should be: " + (records + 1));

        Path chain = copy(dd, tmp.resolve("chain"), "fx");
        writeLong(chain.resolve("fx.MYI"), 52, 0); // dellink -> record 0, which is live
        assertThat(messages(chain.resolve("fx"))).contains("Record at pos: 0 is not remove-marked",
                "record delete-link-chain corrupted");

        Path key = copy(dd, tmp.resolve("key"), "fx");
        MyiFile myi = MyisamCheck.check(MyisamTable.resolve(key.resolve("fx")).get(0)).myi();
        long root = myi.state().keyRoots().get(1);
        try (RandomAccessFile f = new RandomAccessFile(key.resolve("fx.MYI").toFile(), "rw")) {
            f.seek(root + 40);
            f.write(new byte[] {(byte) 0x7f, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x01, 0x02, 0x03, 0x04});
        }
        CheckResult broken = MyisamCheck.check(MyisamTable.resolve(key.resolve("fx")).get(0));
        assertThat(broken.ok()).isFalse();
        assertThat(broken.findings()).anyMatch(f -> f.file().equals("MYI") && f.message().contains("key 2"));
        assertThat(myisamchk(key.resolve("fx"))).isNotZero();

        CliRun run = CliRun.of("myisam", "check", "--json", count.resolve("dy.MYI").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("\"code\" : \"record-count\"");
    }

    @Test
    void missingFilesAndNonMyisamInput(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(ServerKind.MARIADB_10_11);
        Path db = copy(dd, tmp.resolve("noindex"), "dy");
        Files.delete(db.resolve("dy.MYI"));
        CliRun run = CliRun.of("myisam", "check", db.resolve("dy.MYD").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("Can't find file: 'dy.MYI'");

        Path junk = Files.write(tmp.resolve("junk.MYI"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25});
        CliRun bad = CliRun.of("myisam", "check", junk.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).contains("not a MyISAM index file");

        CliRun none = CliRun.of("myisam", "check", tmp.resolve("nothing-here").toString());
        assertThat(none.status()).isEqualTo(3);
        assertThat(none.errLines()).hasSize(1);
    }

    @Test
    void serverKilledDuringDelayedKeyWriteInsertsLeavesTableOpen(@TempDir Path tmp) throws Exception {
        try (TestServer server = TestServer.start(ServerKind.MARIADB_10_11, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE k; CREATE TABLE k.t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " v VARCHAR(100), KEY kv(v)) ENGINE=MyISAM DELAY_KEY_WRITE=1");
            for (int i = 0; i < 20; i++) {
                server.execute("INSERT INTO k.t (v) VALUES ('a" + i + "'),('b" + i + "'),('c" + i + "')");
            }
            server.kill9();
            Path db = tmp.resolve("k");
            Files.createDirectories(db);
            for (String ext : new String[] {".MYI", ".MYD"}) {
                Files.copy(server.datadir().resolve("k/t" + ext), db.resolve("t" + ext));
            }
        }
        CheckResult r = MyisamCheck.check(MyisamTable.resolve(tmp.resolve("k/t")).get(0));
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).extracting(MyisamFinding::message)
                .anyMatch(m -> m.matches("\\d+ clients? (is|are) using or (hasn't|haven't) closed the table properly"));
        assertThat(r.data().records()).isEqualTo(60);
    }

    private static Path copy(GeneratedDatadir dd, Path dir, String table) throws IOException {
        dd.copyFileTo("m/" + table + ".MYI", dir);
        dd.copyFileTo("m/" + table + ".MYD", dir);
        return dir;
    }

    private static java.util.List<String> messages(Path base) throws IOException {
        return MyisamCheck.check(MyisamTable.resolve(base).get(0)).findings().stream()
                .map(MyisamFinding::message).toList();
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - bytes);
        }
    }

    private static void writeLong(Path file, long offset, long value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.writeLong(value); // big-endian, as the .MYI stores it
        }
    }

    /** Exit status of {@code myisamchk -e} on a copy (it may write to what it checks). */
    private static int myisamchk(Path base) throws Exception {
        Path myisamchk = Path.of("/usr/bin/myisamchk");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(myisamchk), "myisamchk not installed");
        Path dir = Files.createTempDirectory("salvage-myisamchk-");
        try {
            for (String ext : new String[] {".MYI", ".MYD"}) {
                Files.copy(base.resolveSibling(base.getFileName() + ext), dir.resolve(base.getFileName() + ext));
            }
            Process p = new ProcessBuilder(myisamchk.toString(), "-e", "--read-only",
                    dir.resolve(base.getFileName()).toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return p.exitValue();
        } finally {
            dev.salvage.harness.FileTrees.deleteQuietly(dir);
        }
    }
}
