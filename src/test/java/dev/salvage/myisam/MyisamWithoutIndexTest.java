package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rows} when the .MYI is lost: FIXED and DYNAMIC tables from the .frm alone. */
@RealServer
class MyisamWithoutIndexTest {

    @Test
    void fixedTableReadsTheSameRowsWithoutItsIndex(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        Path with = tmp.resolve("with");
        Path without = tmp.resolve("without");
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("m/fx" + ext, with);
            if (!ext.equals(".MYI")) {
                dd.copyFileTo("m/fx" + ext, without);
            }
        }
        List<String> expected = rows(with.resolve("fx"), true);
        List<String> got = rows(without.resolve("fx"), true);
        assertThat(expected).hasSize(Integer.parseInt(dd.truth("fx").rows().get(0).get(0)) + deleted(with));
        assertThat(got).isEqualTo(expected);

        CliRun run = CliRun.of("myisam", "rows", "--out", tmp.resolve("out").toString(),
                without.resolve("fx.MYD").toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Can't find file: 'fx.MYI': FIXED", "records in the .MYI state: none");
        assertThat(Files.readAllLines(tmp.resolve("out/fx.tsv"))).hasSize(
                Integer.parseInt(dd.truth("fx").rows().get(0).get(0)));
    }

    @Test
    void dynamicTableWithoutIndexIsReadWithTheDerivedPacking(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        dd.copyFileTo("m/dy.frm", tmp);
        dd.copyFileTo("m/dy.MYD", tmp);
        CliRun run = CliRun.of("myisam", "rows", "--out", tmp.resolve("out").toString(), tmp.resolve("dy").toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Can't find file: 'dy.MYI': DYNAMIC records");
        assertThat(Files.readAllLines(tmp.resolve("out/dy.tsv"))).hasSize(
                Integer.parseInt(dd.truth("dy").rows().get(0).get(0)));
    }

    /** Deleted rows whose note survives the 20 bytes of delete links (a 30-byte CHAR comes first). */
    static final String DELETES = String.join(";\n",
            "CREATE DATABASE d",
            "CREATE TABLE d.t (id INT NOT NULL PRIMARY KEY, pad CHAR(30) NOT NULL, note VARCHAR(100),"
                    + " body TEXT) ENGINE=MyISAM",
            "INSERT INTO d.t SELECT seq, REPEAT('p', 30), CONCAT(IF(seq % 10 = 3, 'gone-', 'kept-'), seq, '.'),"
                    + " REPEAT('z', seq % 60) FROM d.seq_1_to_500",
            "DELETE FROM d.t WHERE id % 10 = 3",
            "FLUSH TABLES");

    @Test
    void deletedBlocksOfDynamicTablesKeepTheirSurvivingBytes(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = dev.salvage.harness.Datadirs.get(ServerKind.MARIADB_10_11,
                dev.salvage.harness.ServerOptions.defaults(), DELETES, java.util.Map.of("n", "SELECT COUNT(*) FROM d.t"));
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("d/t" + ext, tmp);
        }
        long deletedBlocks = MyisamCheck.check(MyisamTable.resolve(tmp.resolve("t")).get(0)).data().deletedBlocks();
        assertThat(deletedBlocks).isPositive();
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("myisam", "rows", "--deleted", "--out", out.toString(), tmp.resolve("t").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("deleted blocks (not decodable: their first 20 bytes hold the delete links): "
                + deletedBlocks + " blocks");
        List<String> lines = Files.readAllLines(out.resolve("t.deleted-blocks.tsv"));
        assertThat(lines).hasSize((int) deletedBlocks + 1);
        String all = String.join("\n", lines);
        for (int id = 3; id <= 500; id += 10) {
            assertThat(all).as("deleted row " + id).contains("gone-" + id + ".");
        }
        assertThat(all).doesNotContain("kept-");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertThat(f).hasSize(5);
            assertThat(f[3]).hasSize(2 * (Integer.parseInt(f[1]) - 20));
        }
        assertThat(Files.readAllLines(out.resolve("t.tsv"))).hasSize(
                Integer.parseInt(dd.truth("n").rows().get(0).get(0)));
    }

    /** Rows with deleted ones (their first bytes overwritten), so the stand-in header must place every record. */
    private static List<String> rows(Path base, boolean withDeleted) throws Exception {
        List<String> out = new ArrayList<>();
        try (MyisamSource s = MyisamSource.open(MyisamTable.resolve(base).get(0), null, ServerDialect.MARIADB_10_11)) {
            s.read(withDeleted, (values, deleted, position) -> {
                // A deleted row's first columns hold the delete link, whose width the stand-in header cannot
                // know: compare live rows whole and deleted rows by position only.
                out.add(deleted ? "deleted@" + position : position + " " + values);
            });
        }
        return out;
    }

    private static int deleted(Path dir) throws Exception {
        return (int) MyisamCheck.check(MyisamTable.resolve(dir.resolve("fx")).get(0)).data().deletedBlocks();
    }
}
