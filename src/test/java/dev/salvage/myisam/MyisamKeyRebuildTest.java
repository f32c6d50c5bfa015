package dev.salvage.myisam;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.io.FileSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keys recomputed from the rows: a key entry whose value is changed but stays in order, with a count and
 * pointers that still add up, is found only by comparing each key with the key its record gives.
 */
@RealServer
class MyisamKeyRebuildTest {

    /** Key parts of every kind _mi_make_key builds: prefixes of multi-byte text, BLOB prefixes, floats, decimals. */
    static final String SETUP = String.join(";\n",
            "CREATE DATABASE r",
            "CREATE TABLE r.dyn (id INT NOT NULL PRIMARY KEY, u VARCHAR(20) CHARACTER SET utf8mb4, t TEXT,"
                    + " b BLOB, f FLOAT, d DOUBLE, m DECIMAL(9,2), s CHAR(6) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
                    + " KEY ku(u(3)), KEY kt(t(5)), KEY kb(b(4)), KEY kf(f, d), KEY km(m, s)) ENGINE=MyISAM"
                    + " DEFAULT CHARSET=latin1",
            "INSERT INTO r.dyn SELECT seq, IF(seq % 9 = 0, NULL, CONCAT(ELT(1 + seq % 4, '\u00e9t\u00e9', '\u20acuro',"
                    + " 'abc', '\u00c5sa'), seq)), IF(seq % 5 = 0, NULL, REPEAT(CHAR(65 + seq % 26), seq % 12)),"
                    + " UNHEX(HEX(seq * 7919)), seq / 7, seq / 3, seq * 1.25 - 40, CONCAT('\u00fc', seq % 50)"
                    + " FROM r.seq_1_to_3000",
            "DELETE FROM r.dyn WHERE id % 11 = 0",
            "CREATE TABLE r.fix (id INT NOT NULL PRIMARY KEY, c CHAR(7) CHARACTER SET utf8mb4, l CHAR(5),"
                    + " KEY kc(c(4)), KEY kl(l)) ENGINE=MyISAM DEFAULT CHARSET=latin1",
            "INSERT INTO r.fix SELECT seq, CONCAT(ELT(1 + seq % 3, '\u00e9\u00e9', 'x', '\u20ac'), seq % 100),"
                    + " ELT(1 + seq % 4, '\u00c4pple', 'zeta', 'Zeta', 'a  ') FROM r.seq_1_to_2000",
            "FLUSH TABLES");

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void everyKeyKindRebuildsExactly(ServerKind kind, @TempDir Path tmp) throws Exception {
        String setup = kind == ServerKind.MARIADB_10_11 ? SETUP
                // MySQL 5.7 has no sequence engine: a small cross join gives the numbers.
                : SETUP.replace("FROM r.seq_1_to_3000", "FROM (SELECT a.x * 1000 + b.x * 100 + c.x * 10 + d.x + 1"
                        + " AS seq FROM r.dg a, r.dg b, r.dg c, r.dg d) q WHERE seq <= 3000")
                        .replace("FROM r.seq_1_to_2000", "FROM (SELECT a.x * 1000 + b.x * 100 + c.x * 10 + d.x + 1"
                        + " AS seq FROM r.dg a, r.dg b, r.dg c, r.dg d) q WHERE seq <= 2000")
                        .replace("CREATE DATABASE r", "CREATE DATABASE r;\nCREATE TABLE r.dg (x INT);\n"
                        + "INSERT INTO r.dg VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
        GeneratedDatadir dd = Datadirs.get(kind, ServerOptions.defaults(), setup,
                Map.of("dyn", "SELECT COUNT(*) FROM r.dyn", "fix", "SELECT COUNT(*) FROM r.fix"));
        for (String t : new String[] {"dyn", "fix"}) {
            dd.copyFileTo("r/" + t + ".MYI", tmp);
            dd.copyFileTo("r/" + t + ".MYD", tmp);
            CheckResult r = MyisamCheck.check(MyisamTable.resolve(tmp.resolve(t)).get(0));
            assertThat(r.findings()).as(kind + " " + t).allMatch(f -> !f.isProblem());
            assertThat(r.findings()).extracting(MyisamFinding::code).doesNotContain("key-not-rebuilt");
            assertThat(r.data().records()).isEqualTo(Long.parseLong(dd.truth(t).rows().get(0).get(0)));
            assertThat(r.ok()).isTrue();
        }
    }

    @Test
    void keyHoldingAnotherValueThanItsRecordIsNamed(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        dd.copyFileTo("m/fx.MYI", tmp);
        dd.copyFileTo("m/fx.MYD", tmp);
        Path myiPath = tmp.resolve("fx.MYI");
        MyisamTable table = MyisamTable.resolve(tmp.resolve("fx")).get(0);
        MyiFile myi = MyisamCheck.check(table).myi();
        // fx's ids skip the multiples of 7: changing key 13 into 14 keeps the PRIMARY tree in order.
        long[] hit = {-1, -1};
        try (FileSet f = FileSet.open(myiPath)) {
            KeyTree.walk(myi, f, f.length(), 0, new FindingSink(), (record, page, key, len) -> {
                if (len == 4 && Be.u32(key, 0) == 13) {
                    hit[0] = page;
                    hit[1] = record;
                }
            });
        }
        assertThat(hit[0]).as("key 13 found").isPositive();
        byte[] block = new byte[myi.keys().get(0).blockLength()];
        try (RandomAccessFile f = new RandomAccessFile(myiPath.toFile(), "rw")) {
            f.seek(hit[0]);
            f.readFully(block);
            int at = -1;
            for (int i = 2; i + 4 <= block.length; i++) {
                if (block[i] == 0 && block[i + 1] == 0 && block[i + 2] == 0 && block[i + 3] == 13) {
                    at = i;
                    break;
                }
            }
            assertThat(at).isPositive();
            f.seek(hit[0] + at + 3);
            f.write(14);
        }
        CheckResult r = MyisamCheck.check(table);
        List<String> messages = r.findings().stream().map(MyisamFinding::message).toList();
        assertThat(r.ok()).isFalse();
        assertThat(messages).contains("Key 1 at page " + hit[0] + " points at the record at " + hit[1]
                + ", which holds a different key", String.format("Record at: %10d  Can't find key for index:  1",
                hit[1]));
        assertThat(messages).noneMatch(m -> m.startsWith("Key in wrong position") || m.startsWith("Found "));

        // myisamchk -e finds the same record without its key.
        Path myisamchk = Path.of("/usr/bin/myisamchk");
        assumeTrue(Files.isExecutable(myisamchk), "myisamchk not installed");
        Process p = new ProcessBuilder(myisamchk.toString(), "-e", "--read-only", tmp.resolve("fx").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).containsPattern("Record at:\\s+" + hit[1] + "\\s+Can't find key for index:\\s+1");
    }
}
