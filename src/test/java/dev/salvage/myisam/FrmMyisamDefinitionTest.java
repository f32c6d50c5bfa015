package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.io.FileSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The column packing and key definitions derived from the .frm alone ({@link FrmMyisamDefinition}) equal, field by
 * field, what MariaDB 10.11 and MySQL 5.7 wrote into the real .MYI; and {@code myisam rows} reads a DYNAMIC table
 * without its .MYI to the same rows as with it.
 */
@RealServer
class FrmMyisamDefinitionTest {

    /** Keys of every shape: prefix, composite, unique, nullable, packed, CHAR/number/BLOB/BIT parts, checksums. */
    static final String KEYS = String.join(";\n",
            "CREATE DATABASE k",
            "CREATE TABLE k.kd (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, c CHAR(12) CHARACTER SET latin1 NOT NULL,"
                    + " cn CHAR(30) CHARACTER SET utf8mb4, v VARCHAR(40) CHARACTER SET utf8mb4, vb VARBINARY(300),"
                    + " t TEXT CHARACTER SET latin1, b BLOB, n SMALLINT, u BIGINT UNSIGNED, z INT(8) ZEROFILL,"
                    + " de DECIMAL(12,3), f FLOAT, d DOUBLE, dt DATE, tm TIME(2), dtm DATETIME, ts TIMESTAMP NULL,"
                    + " y YEAR, bt BIT(10), b8 BIT(8), e ENUM('a','b'), s SET('p','q','r'), tiny TINYINT,"
                    + " bn BINARY(6), UNIQUE KEY uc (c), KEY kcomp (n, cn(5), v), KEY kt (t(10)), KEY kb (b(7), id),"
                    + " UNIQUE KEY uvb (vb(100)), KEY knum (u, de, d, f), KEY ktime (dt, tm, dtm, ts), KEY kbit (bt, e, s),"
                    + " KEY kz (z), KEY kdesc (y, tiny, bn)) ENGINE=MyISAM",
            "CREATE TABLE k.kp (id INT NOT NULL, c CHAR(20) CHARACTER SET latin1, v VARCHAR(20) CHARACTER SET latin1,"
                    + " n INT, PRIMARY KEY (id, c), KEY kv (v), KEY kn (n)) ENGINE=MyISAM PACK_KEYS=1 CHECKSUM=1",
            "CREATE TABLE k.kf (id INT NOT NULL PRIMARY KEY, c CHAR(20) CHARACTER SET latin1, n INT, dt DATETIME,"
                    + " KEY kc (c), KEY kn (n, dt)) ENGINE=MyISAM ROW_FORMAT=FIXED PACK_KEYS=0",
            "CREATE TABLE k.kz (id INT NOT NULL, c CHAR(10) CHARACTER SET latin1, tiny TINYINT, sm TINYINT)"
                    + " ENGINE=MyISAM ROW_FORMAT=DYNAMIC",
            "INSERT INTO k.kz VALUES (1, 'a', 1, 2), (2, NULL, NULL, NULL)",
            "FLUSH TABLES");

    private static GeneratedDatadir keys(ServerKind kind) throws Exception {
        return Datadirs.get(kind, ServerOptions.defaults(), KEYS, Map.of("n", "SELECT COUNT(*) FROM k.kz"));
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void derivedDefinitionsEqualTheRealIndexFile(ServerKind kind, @TempDir Path tmp) throws Exception {
        GeneratedDatadir rows = MyisamRowsOnRealServersTest.datadir(kind);
        GeneratedDatadir keys = keys(kind);
        List<String> compared = new ArrayList<>();
        for (String t : new String[] {"fx", "dy"}) {
            compared.add(compare(rows, "r/" + t, tmp, kind));
        }
        for (String t : new String[] {"kd", "kp", "kf", "kz"}) {
            compared.add(compare(keys, "k/" + t, tmp, kind));
        }
        assertThat(compared).hasSize(6);
    }

    private static String compare(GeneratedDatadir dd, String table, Path tmp, ServerKind kind) throws Exception {
        Path dir = tmp.resolve(kind.name()).resolve(table.substring(0, 1));
        dd.copyFileTo(table + ".frm", dir);
        dd.copyFileTo(table + ".MYI", dir);
        String name = table.substring(2);
        MyiFile real;
        try (FileSet f = FileSet.open(dir.resolve(name + ".MYI"))) {
            real = MyiFile.read(f);
        }
        FrmResult frm = FrmReader.read(dir.resolve(name + ".frm"));
        byte[] head = Files.readAllBytes(dir.resolve(name + ".frm"));
        int frmOptions = (head[30] & 0xff) | (head[31] & 0xff) << 8;
        FrmMyisamDefinition def = FrmMyisamDefinition.derive(frm, frmOptions);
        String what = kind + " " + table;

        assertThat(def.columns()).as(what + " columns").isEqualTo(real.columns());
        assertThat(def.options() & 0x27).as(what + " options").isEqualTo(real.options() & 0x27);
        MyiBase b = def.base();
        MyiBase r = real.base();
        assertThat(List.of(b.reclength(), b.packReclength(), b.minPackLength(), b.maxPackLength(),
                b.minBlockLength(), b.fields(), b.packFields(), (long) b.packBits(), (long) b.blobs(),
                (long) b.recRefLength()))
                .as(what + " base: reclength, pack_reclength, min/max pack, min block, fields, pack fields, pack"
                        + " bits, blobs, rec ref")
                .isEqualTo(List.of(r.reclength(), r.packReclength(), r.minPackLength(), r.maxPackLength(),
                        r.minBlockLength(), r.fields(), r.packFields(), (long) r.packBits(), (long) r.blobs(),
                        (long) r.recRefLength()));
        assertThat(def.keys()).as(what + " keys").hasSize(real.keys().size());
        for (int k = 0; k < def.keys().size(); k++) {
            KeyDef d = def.keys().get(k);
            KeyDef rk = real.keys().get(k);
            String key = what + " key " + (k + 1);
            assertThat(d.segments()).as(key + " segments").isEqualTo(rk.segments());
            assertThat(List.of(d.keyAlg(), d.flag(), d.blockLength(), d.keyLength(), d.minLength(), d.maxLength()))
                    .as(key + " alg, flag, block length, keylength, minlength, maxlength")
                    .isEqualTo(List.of(rk.keyAlg(), rk.flag(), rk.blockLength(), rk.keyLength(), rk.minLength(),
                            rk.maxLength()));
        }
        return table;
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void dynamicTableReadsTheSameRowsWithoutItsIndex(ServerKind kind, @TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamRowsOnRealServersTest.datadir(kind);
        Path with = tmp.resolve("with");
        Path without = tmp.resolve("without");
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("r/dy" + ext, with);
            if (!ext.equals(".MYI")) {
                dd.copyFileTo("r/dy" + ext, without);
            }
        }
        List<String> expected = rows(with.resolve("dy"));
        List<String> got = rows(without.resolve("dy"));
        assertThat(expected).hasSize(dd.truth("dy").rows().size());
        assertThat(got).isEqualTo(expected);

        CliRun run = CliRun.of("myisam", "rows", "--out", tmp.resolve("out").toString(),
                without.resolve("dy.MYD").toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Can't find file: 'dy.MYI': DYNAMIC records");
        byte[] tsv = Files.readAllBytes(tmp.resolve("out/dy.tsv"));
        int lines = 0;
        for (byte c : tsv) {
            lines += c == '\n' ? 1 : 0;
        }
        assertThat(lines).isEqualTo(dd.truth("dy").rows().size());
    }

    /** A damaged .frm must turn into a refusal or findings, never an exception, when it stands in for the .MYI. */
    @org.junit.jupiter.api.Test
    void damagedFrmNeverCrashesTheDerivation(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamRowsOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        dd.copyFileTo("r/dy.frm", tmp.resolve("src"));
        dd.copyFileTo("r/dy.MYD", tmp.resolve("t"));
        byte[] frm = Files.readAllBytes(tmp.resolve("src/dy.frm"));
        java.util.Random random = new java.util.Random(6);
        int refused = 0;
        int read = 0;
        for (int round = 0; round < 40; round++) {
            byte[] bad = frm.clone();
            for (int i = 0; i < 1 + round % 8; i++) {
                bad[64 + random.nextInt(bad.length - 64)] = (byte) random.nextInt(256);
            }
            Files.write(tmp.resolve("t/dy.frm"), bad);
            try (MyisamSource s = MyisamSource.open(MyisamTable.resolve(tmp.resolve("t/dy")).get(0), null, null)) {
                s.read(false, (values, deleted, position) -> { });
                read++;
            } catch (dev.salvage.io.UnreadableInputException e) {
                refused++;
            }
        }
        assertThat(refused + read).isEqualTo(40);
    }

    private static List<String> rows(Path base) throws Exception {
        List<String> out = new ArrayList<>();
        try (MyisamSource s = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
            MyisamRowsResult result = s.read(false, (values, deleted, position) -> out.add(position + " " + values));
            assertThat(result.findings()).as(base.toString()).isEmpty();
        }
        return out;
    }
}
