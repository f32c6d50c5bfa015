package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage rows} on the MariaDB 10.11 example files (written by a real server): the README's first command
 * on the damaged example data directory, exact rows from healthy files, and on damaged copies every untouched
 * record back, nothing invented, losses counted.
 */
class RowsOnExamplesTest {

    /**
     * The first {@code salvage rows} command of the README, run as written there (only the output folder moved
     * to a temporary one): no DDL, the definitions found in the example data directory; the intact tables come
     * back byte for byte, the damaged one loses only records of the page the script overwrote, and the numbers
     * examples/README.md gives are the ones salvage reports.
     */
    @Test
    void theReadmeCommandRecoversTheDamagedExampleDataDirectory(@TempDir Path out) throws Exception {
        List<String> args = readmeCommand("./salvage rows");
        assertThat(args).doesNotContain("--ddl").contains("--out");
        args.set(args.indexOf("--out") + 1, out.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        for (String table : List.of("customers", "orders", "products")) {
            assertThat(Files.readAllBytes(out.resolve("shop").resolve(table + ".tsv"))).as(table)
                    .isEqualTo(Files.readAllBytes(ShopExample.DIR.resolve(table + ".expected.tsv")));
            assertThat(out.resolve("shop").resolve(table + ".load.sql")).exists();
        }
        java.util.Properties damage = new java.util.Properties();
        try (var in = Files.newBufferedReader(ShopExample.DIR.resolve("damage.txt"))) {
            damage.load(in);
        }
        int page = Integer.parseInt(damage.getProperty("page"));
        int onPage = Integer.parseInt(damage.getProperty("records_on_page"));
        List<String> expected = Files.readAllLines(ShopExample.DIR.resolve("reviews.expected.tsv"));
        List<String> got = Files.readAllLines(out.resolve("shop/reviews.tsv"));
        assertThat(expected).hasSize(Integer.parseInt(damage.getProperty("rows_total")));
        assertThat(expected).as("nothing invented").containsAll(got);
        assertThat(got).doesNotHaveDuplicates();
        int missing = expected.size() - got.size();
        assertThat(missing).as("rows lost").isPositive().isLessThanOrEqualTo(onPage);
        assertThat(run.out()).contains("page " + page + ": expected " + onPage + ", ")
                .containsPattern("page " + page + ": .*, lost " + missing + ", checksum mismatch")
                .contains("definition from").contains("clustered index 27 from the dictionary");
        assertThat(Files.readString(Path.of("examples/README.md")))
                .contains("gets back " + got.size() + " of the " + expected.size() + " rows")
                .contains(missing + " lost, all on page " + page);
    }

    /** The arguments of the README's first line starting with {@code prefix}, without "./salvage" and comments. */
    static List<String> readmeCommand(String prefix) throws Exception {
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith(prefix + " ")) {
                String command = line.contains(" #") ? line.substring(0, line.indexOf(" #")) : line;
                List<String> words = new ArrayList<>(List.of(command.trim().split("\\s+")));
                return new ArrayList<>(words.subList(1, words.size()));
            }
        }
        throw new AssertionError("README.md has no line starting with " + prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders", "products"})
    void rowsCommandWritesTheExpectedTsv(String table, @TempDir Path out) throws Exception {
        CliRun run = CliRun.of("rows", "--ddl", ShopExample.DIR.resolve("schema.sql").toString(), "--out",
                out.toString(), ShopExample.DIR.resolve(table + ".ibd").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("0 rejected, 0 lost").contains("complete");
        assertThat(Files.readAllBytes(out.resolve(table + ".tsv")))
                .isEqualTo(Files.readAllBytes(ShopExample.DIR.resolve(table + ".expected.tsv")));
        assertThat(out.resolve(table + ".load.sql")).exists();
    }

    @Test
    void readsACarveFolderWithItsBlobPages(@TempDir Path dir) throws Exception {
        Path carved = dir.resolve("carved");
        assertThat(CliRun.of("carve", "--no-progress", "--out", carved.toString(),
                ShopExample.DIR.resolve("products.ibd").toString()).status()).isZero();
        CliRun run = CliRun.of("rows", "--ddl", ShopExample.DIR.resolve("schema.sql").toString(), "--table",
                "products", "--out", dir.resolve("out").toString(), carved.toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("out/products.tsv")))
                .isEqualTo(Files.readAllBytes(ShopExample.DIR.resolve("products.expected.tsv")));
    }

    @Test
    void findsTheClusteredIndexAndNeverTakesTheSecondaryOne() throws Exception {
        RecoveryResult result = recover("orders", ShopExample.DIR.resolve("orders.ibd"), new ArrayList<>());
        assertThat(result.indexId()).isEqualTo(25); // indexes.tsv: PRIMARY 25, idx_customer 26
        assertThat(result.indexChoice()).contains("26 0%");
    }

    @Test
    void jsonReportAndOtherFormats(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("rows", "--ddl", ShopExample.DIR.resolve("schema.sql").toString(), "--out",
                out.toString(), "--format", "jsonl", "--provenance", "--json",
                ShopExample.DIR.resolve("customers.ibd").toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"expected\" : 200").contains("\"complete\" : true");
        assertThat(Files.readAllLines(out.resolve("customers.jsonl"))).hasSize(200)
                .allMatch(l -> l.contains("_salvage_found") && l.contains("list"));
        assertThat(CliRun.of("rows", "--ddl", "x", "--out", out.toString(), "--format", "xml", "y").status())
                .isEqualTo(2);
    }

    @Test
    void overwrittenBytesLoseOnlyTheRecordsTheyTouchAndInventNothing(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(ShopExample.DIR.resolve("customers.ibd"), dir.resolve("customers.ibd"));
        byte[] file = Files.readAllBytes(copy);
        int leaf = ShopExample.leaves(file, 23).get(0);
        byte[] page = java.util.Arrays.copyOfRange(file, leaf * 16384, (leaf + 1) * 16384);
        int damageStart = 5000;
        int damageEnd = damageStart + 128;
        // Which records the damage touches, from the intact page: their ids may be missing from the output.
        Map<Integer, Integer> idByOrigin = new HashMap<>();
        Set<Integer> touchedIds = new HashSet<>();
        ClusteredLayout layout = ClusteredLayout.of(ShopExample.table("customers"), RecordFormat.COMPACT,
                TemporalFormat.MYSQL56, dev.salvage.schema.ServerDialect.MARIADB_10_11);
        RecordOffsets rec = new RecordOffsets();
        new RecordWalker().walkRecords(page, 16384, origin -> {
            assertThat(RecordParser.parse(page, 16384, origin, RecordFormat.COMPACT, layout.leaf(), rec)).isTrue();
            int id = dev.salvage.innodb.fil.Mach.readInt(page, rec.offset(0)) ^ 0x80000000;
            idByOrigin.put(origin, id);
            // The record's own bytes, and the previous record's next pointer, lie in [extraStart, end).
            if (rec.extraStart() < damageEnd && rec.end() > damageStart) {
                touchedIds.add(id);
            }
            return true;
        });
        assertThat(touchedIds).isNotEmpty().hasSizeLessThan(10);
        byte[] noise = new byte[128];
        new Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, file, leaf * 16384 + damageStart, 128);
        Files.write(copy, file);

        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result = recover("customers", copy, rows);

        List<List<String>> truth = ShopExample.expected("customers");
        Set<List<String>> recovered = new HashSet<>();
        for (RecoveredRow row : rows) {
            List<String> values = ShopExample.strings(row);
            recovered.add(values);
            boolean exact = truth.contains(values);
            assertThat(exact || touchedIds.contains(idByOrigin.getOrDefault(row.origin(), -1)))
                    .as("invented row %s at %d", values, row.origin()).isTrue();
        }
        assertThat(rows).as("no record twice").hasSameSizeAs(recovered);
        for (List<String> row : truth) {
            if (!touchedIds.contains(Integer.parseInt(row.get(0)))) {
                assertThat(recovered).as("untouched row %s", row.get(0)).contains(row);
            }
        }
        assertThat(result.expected()).isEqualTo(200);
        long missing = truth.stream().filter(r -> !recovered.contains(r)).count();
        assertThat(result.lost() + result.rejected()).as("what is missing is accounted for")
                .isGreaterThanOrEqualTo(missing > 0 ? 1 : 0);
        System.out.printf("[rows] 128 bytes overwritten: %d rows back of 200, %d touched, list %d scan %d rejected %d lost %d%n",
                rows.size(), touchedIds.size(), result.foundByList(), result.foundByScan(), result.rejected(),
                result.lost());
    }

    @Test
    void zeroedLeafPageIsCountedLostAndEveryOtherRowIsExact(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(ShopExample.DIR.resolve("orders.ibd"), dir.resolve("orders.ibd"));
        byte[] file = Files.readAllBytes(copy);
        List<Integer> leaves = ShopExample.leaves(file, 25);
        assertThat(leaves).hasSizeGreaterThan(1);
        int zeroed = leaves.get(leaves.size() - 1);
        byte[] before = java.util.Arrays.copyOfRange(file, zeroed * 16384, (zeroed + 1) * 16384);
        int rowsOnZeroed = dev.salvage.innodb.page.IndexPageHeader.read(before, 0).nRecs();
        java.util.Arrays.fill(file, zeroed * 16384, (zeroed + 1) * 16384, (byte) 0);
        Files.write(copy, file);

        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result = recover("orders", copy, rows);

        List<List<String>> truth = ShopExample.expected("orders");
        List<List<String>> got = rows.stream().map(ShopExample::strings).toList();
        assertThat(truth).containsAll(got);
        assertThat(got).hasSize(truth.size() - rowsOnZeroed).doesNotHaveDuplicates();
        assertThat(result.missingPages()).containsExactly((long) zeroed);
        assertThat(result.complete()).isFalse();
        CliRun run = CliRun.of("rows", "--ddl", ShopExample.DIR.resolve("schema.sql").toString(), "--out",
                dir.resolve("out").toString(), copy.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("INCOMPLETE").contains("could not be read");
    }

    private static RecoveryResult recover(String table, Path file, List<RecoveredRow> rows) throws Exception {
        TableDef def = ShopExample.table(table);
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(file))) {
            return new TableRecovery(def, RecoveryOptions.defaults().withThreads(2)).run(input, rows::add);
        }
    }
}
