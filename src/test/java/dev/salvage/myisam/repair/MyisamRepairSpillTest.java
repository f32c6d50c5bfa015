package dev.salvage.myisam.repair;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.myisam.MyisamTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded key sort: with a sort buffer so small that every index is spilled into hundreds of runs (and merged in
 * several steps, beyond {@link KeySorter#FAN_IN} runs), the rebuilt .MYI and .MYD are byte for byte those of the
 * build that keeps every key in memory, on the MariaDB tables {@link MyisamRepairOnRealServersTest} proves against
 * the server and myisamchk; the same holds when a unique key's duplicate forces the second pass, and no run file
 * is left behind.
 */
@RealServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyisamRepairSpillTest {
    /** Far more than these tables need: nothing is spilled. */
    private static final long IN_MEMORY = 1L << 40;
    /** A few entries per run and index. */
    private static final long TINY = 64;

    @TempDir
    Path temp;
    GeneratedDatadir dd;

    @BeforeAll
    void datadir() throws Exception {
        // The same tables (and cache entry) as MyisamRepairOnRealServersTest.
        dd = Datadirs.get(ServerKind.MARIADB_10_11, ServerOptions.defaults(), MyisamRepairOnRealServersTest.SETUP,
                Map.of("fx", "SELECT COUNT(*) FROM r.fx", "dy", "SELECT COUNT(*) FROM r.dy"));
    }

    private Path input(String name, String table) throws Exception {
        Path dir = temp.resolve("in-" + name);
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("r/" + table + ext, dir);
        }
        return dir.resolve(table);
    }

    private RepairReport repair(Path in, String out, long sortBuffer) throws Exception {
        MyisamTable table = MyisamTable.resolve(Path.of(in + ".MYI")).get(0);
        return MyisamRepair.repair(table, temp.resolve(out), false, sortBuffer);
    }

    @Test
    void manyRunsGiveTheSameFilesAsTheInMemorySort() throws Exception {
        for (String table : new String[] {"fx", "dy", "ck", "cf"}) {
            Path in = input(table, table);
            RepairReport whole = repair(in, "mem-" + table, IN_MEMORY);
            RepairReport spilled = repair(in, "spill-" + table, TINY);
            assertSameOutput(table, whole, spilled);
        }
    }

    @Test
    void aDuplicateUniqueValueIsDroppedTheSameWayWhenSpilled() throws Exception {
        Path in = input("dup", "fx");
        List<Long> starts = MyisamRepairOnRealServersTest.recordStarts(in);
        assertThat(starts.size()).as("enough records to spill into more than FAN_IN runs")
                .isGreaterThan(KeySorter.FAN_IN * 2);
        long length = starts.get(1) - starts.get(0);
        byte[] copy = new byte[(int) length];
        try (RandomAccessFile f = new RandomAccessFile(in + ".MYD", "rw")) {
            f.seek(starts.get(7));
            f.readFully(copy);
            f.seek(starts.get(starts.size() - 3));
            f.write(copy); // a late record now repeats record 7's id and unique u
        }
        RepairReport whole = repair(in, "mem-dup", IN_MEMORY);
        RepairReport spilled = repair(in, "spill-dup", TINY);
        assertThat(whole.duplicatesDropped()).isEqualTo(1);
        assertThat(whole.findings()).anySatisfy(f -> assertThat(f.toString()).contains("Duplicate key 1: record "
                + (starts.size() - 3) + " repeats the value of record 7"));
        assertSameOutput("fx", whole, spilled);
        assertThat(spilled.keys()).as("the primary key went through a merge in several steps")
                .anySatisfy(k -> assertThat(k.sortRuns()).isGreaterThan(KeySorter.FAN_IN));
    }

    private void assertSameOutput(String table, RepairReport whole, RepairReport spilled) throws Exception {
        Path a = whole.output().get(0).getParent();
        Path b = spilled.output().get(0).getParent();
        for (String ext : new String[] {".MYI", ".MYD"}) {
            byte[] expected = Files.readAllBytes(a.resolve(table + ext));
            byte[] actual = Files.readAllBytes(b.resolve(table + ext));
            assertThat(actual.length).as(table + ext).isEqualTo(expected.length);
            assertThat(actual).as(table + ext).isEqualTo(expected);
        }
        assertThat(whole.keys()).allSatisfy(k -> assertThat(k.sortRuns()).isZero());
        // A share of the tiny buffer holds at most 8 entries (the 4-row tables fit in it).
        assertThat(spilled.keys()).filteredOn(k -> k.keys() > 8)
                .allSatisfy(k -> assertThat(k.sortRuns()).isGreaterThanOrEqualTo((int) (k.keys() / 8)));
        // Everything but the runs is the same: rows, drops, findings, per-index counts, blocks, levels and roots.
        assertThat(spilled.keys()).extracting(k -> List.of(k.number(), k.keys(), k.blocks(), k.levels(), k.root()))
                .isEqualTo(whole.keys().stream().map(k -> List.of(k.number(), k.keys(), k.blocks(), k.levels(),
                        k.root())).toList());
        assertThat(List.of(spilled.rowsWritten(), spilled.duplicatesDropped(), spilled.brokenRecords(),
                spilled.autoIncrement())).isEqualTo(List.of(whole.rowsWritten(), whole.duplicatesDropped(),
                whole.brokenRecords(), whole.autoIncrement()));
        assertThat(spilled.findings()).isEqualTo(whole.findings());
        try (Stream<Path> files = Files.list(b)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("run files and their folder are removed").containsExactly(table + ".MYD", table + ".MYI",
                            table + ".frm");
        }
    }
}
