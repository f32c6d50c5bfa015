package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.FileTrees;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 6's promise for each deliberate damage: {@code salvage myisam rows} gives at least every row that
 * {@code myisamchk -r} keeps. Both start from identical damaged copies of the tables MariaDB 10.11 wrote for
 * {@link MyisamCheckOnRealServersTest}; myisamchk repairs one copy in place, and the rows it kept are read back with
 * {@code salvage myisam rows} on its repaired (consistent) output, so both sides are printed by the same code and
 * compared as whole TSV lines.
 */
@RealServer
class MyisamRowsVersusMyisamchkTest {
    private static final Path MYISAMCHK = Path.of("/usr/bin/myisamchk");
    private static GeneratedDatadir dd;

    @BeforeAll
    static void datadir() throws Exception {
        dd = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"cut, fx", "cut, dy", "key, fx", "key, dy", "chain, fx", "chain, dy"})
    void rowsKeepEveryRowMyisamchkKeeps(String damage, String table, @TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(MYISAMCHK), "myisamchk not installed");
        Path ours = damaged(tmp.resolve("ours"), table, damage);
        Set<String> salvaged = salvageRows(ours.resolve(table), tmp.resolve("out-ours"));

        // -r first; only if it refuses, a fresh damaged copy for --safe-recover.
        String mode = "-r";
        Path theirs = damaged(tmp.resolve("theirs-r"), table, damage);
        Output repair = myisamchk(theirs.resolve(table), "-r");
        if (repair.status() != 0) {
            mode = "--safe-recover";
            theirs = damaged(tmp.resolve("theirs-o"), table, damage);
            repair = myisamchk(theirs.resolve(table), "--safe-recover");
        }
        assertThat(repair.status()).as(repair.out()).isZero();
        assertThat(MyisamCheck.check(MyisamTable.resolve(theirs.resolve(table)).get(0)).ok())
                .as("myisamchk " + mode + " leaves a consistent table").isTrue();
        Set<String> kept = salvageRows(theirs.resolve(table), tmp.resolve("out-theirs"));

        long truth = Long.parseLong(dd.truth(table).rows().get(0).get(0));
        System.out.printf("myisamchk-vs-salvage %s %s: myisamchk %s kept %d, salvage recovered %d (server had %d)%n",
                damage, table, mode, kept.size(), salvaged.size(), truth);
        assertThat(kept).as("myisamchk must keep something").isNotEmpty();
        Set<String> lost = new HashSet<>(kept);
        lost.removeAll(salvaged);
        assertThat(lost).as("rows myisamchk " + mode + " keeps that salvage loses").isEmpty();

        // Neither side may invent rows: both are within what the undamaged table gives.
        Set<String> intact = salvageRows(copy(tmp.resolve("intact"), table).resolve(table), tmp.resolve("out-intact"));
        assertThat(intact).hasSize((int) truth);
        assertThat(intact).containsAll(kept).containsAll(salvaged);
    }

    @Test
    void missingMyiStopsMyisamchkButNotSalvage(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(MYISAMCHK), "myisamchk not installed");
        for (String table : new String[] {"fx", "dy"}) {
            Path intact = copy(tmp.resolve("intact-" + table), table);
            Set<String> all = salvageRows(intact.resolve(table), tmp.resolve("out-intact-" + table));
            long truth = Long.parseLong(dd.truth(table).rows().get(0).get(0));
            assertThat(all).hasSize((int) truth);

            Path theirs = copy(tmp.resolve("theirs-" + table), table);
            Files.delete(theirs.resolve(table + ".MYI"));
            Output r = myisamchk(theirs.resolve(table), "-r");
            assertThat(r.status()).as(r.out()).isNotZero();
            assertThat(Files.exists(theirs.resolve(table + ".MYI"))).isFalse();

            Path ours = copy(tmp.resolve("ours-" + table), table);
            Files.delete(ours.resolve(table + ".MYI"));
            Set<String> salvaged = salvageRows(ours.resolve(table), tmp.resolve("out-ours-" + table));
            System.out.printf("myisamchk-vs-salvage missing-MYI %s: myisamchk -r exit %d, salvage recovered %d"
                    + " (server had %d)%n", table, r.status(), salvaged.size(), truth);
            assertThat(salvaged).isEqualTo(all);
        }
    }

    /** A copy of the table's .frm/.MYI/.MYD with one of MyisamCheckOnRealServersTest's damages applied. */
    private static Path damaged(Path dir, String table, String damage) throws Exception {
        copy(dir, table);
        switch (damage) {
            case "cut" -> {
                // A few bytes off the end: the cut falls inside the last record (FIXED) or block (DYNAMIC).
                try (RandomAccessFile f = new RandomAccessFile(dir.resolve(table + ".MYD").toFile(), "rw")) {
                    f.setLength(f.length() - (table.equals("fx") ? 5 : 3));
                }
            }
            case "key" -> {
                MyiFile myi = MyisamCheck.check(MyisamTable.resolve(dir.resolve(table)).get(0)).myi();
                long root = myi.state().keyRoots().get(1);
                try (RandomAccessFile f = new RandomAccessFile(dir.resolve(table + ".MYI").toFile(), "rw")) {
                    f.seek(root + 40);
                    f.write(new byte[] {0x7f, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 1, 2, 3, 4});
                }
            }
            case "chain" -> {
                // The state's first deleted link points at record 0, which is live.
                try (RandomAccessFile f = new RandomAccessFile(dir.resolve(table + ".MYI").toFile(), "rw")) {
                    f.seek(52);
                    f.writeLong(0);
                }
            }
            default -> throw new IllegalArgumentException(damage);
        }
        assertThat(MyisamCheck.check(MyisamTable.resolve(dir.resolve(table)).get(0)).ok())
                .as(damage + " " + table + " must be damage salvage check sees").isFalse();
        return dir;
    }

    private static Path copy(Path dir, String table) throws IOException {
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("m/" + table + ext, dir);
        }
        return dir;
    }

    /** {@code salvage myisam rows} on the table; its TSV lines (the tables have primary keys, so rows are distinct). */
    private static Set<String> salvageRows(Path base, Path out) throws IOException {
        CliRun run = CliRun.of("myisam", "rows", "--out", out.toString(), base.toString());
        assertThat(run.status()).as(run.out() + run.err()).isIn(0, 1);
        String name = base.getFileName().toString();
        List<String> lines = Files.readAllLines(out.resolve(name + ".tsv"), StandardCharsets.UTF_8);
        Set<String> rows = new HashSet<>(lines);
        assertThat(rows).as("duplicate lines").hasSize(lines.size());
        return rows;
    }

    record Output(int status, String out) {
    }

    private static Output myisamchk(Path base, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MYISAMCHK.toString()));
        cmd.addAll(List.of(options));
        cmd.add(base.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Output(p.exitValue(), out);
    }
}
