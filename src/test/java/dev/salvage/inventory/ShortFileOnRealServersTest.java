package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.CliRun;
import dev.salvage.cli.ExitCode;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tablespace file shorter than page 0's FSP_SIZE says is reported as cut short, with the number of pages
 * missing; a healthy file never is, nor one longer than FSP_SIZE (the server extends a file before it raises
 * FSP_SIZE, and rounds the system tablespace's FSP_SIZE down to whole megabytes). Proven over every tablespace of
 * datadirs that MariaDB 10.11, MySQL 5.7 and MySQL 8.0 wrote, over copies extended past FSP_SIZE, and over copies
 * cut by whole pages and mid-page.
 */
@RealServer
class ShortFileOnRealServersTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class,
            names = {"MARIADB_FULL_CRC32_16K", "MARIADB_CRC32_16K", "MARIADB_FULL_CRC32_4K", "MYSQL57_CRC32",
                    "MYSQL80_CRC32"})
    void healthyFilesAreNeverShortAndCutCopiesAre(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        List<List<Path>> spaces = InventoryFixtures.spaces(dd);
        for (List<Path> files : spaces) {
            Scan scan = Scan.of(files);
            SpaceInventory inv = scan.inventory();
            assertThat(inv.declaredPages()).as("FSP_SIZE of %s", scan.name()).isPositive();
            assertThat(inv.pageCount()).as("pages of %s", scan.name()).isGreaterThanOrEqualTo(inv.declaredPages());
            assertThat(inv.cutShort()).as(scan.name()).isFalse();
            assertThat(inv.missingPages()).as(scan.name()).isZero();
        }
        assertExtendedCopyIsNotShort(dd.file("inv/big.ibd"), fixture + "-extended");

        List<Path> cutCandidates = new ArrayList<>();
        cutCandidates.add(dd.file("inv/big.ibd"));
        cutCandidates.add(dd.file("inv/blobs.ibd"));
        if (fixture.zip8) {
            cutCandidates.add(dd.file("inv/zip8.ibd"));
        }
        for (Path original : cutCandidates) {
            assertCutCopiesAreShort(List.of(original), fixture + "-" + original.getFileName());
        }
        assertCutCopiesAreShort(spaces.get(0), fixture + "-system");
    }

    /** The system tablespace of ibdata1 + ibdata2: ibdata1 alone is short by ibdata2's pages, and says why. */
    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = "MARIADB_FULL_CRC32_16K")
    void firstOfTwoIbdataFilesAloneIsShortAndNamesTheOther(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        Path ibdata1 = dd.file("ibdata1");
        Path ibdata2 = dd.file("ibdata2");
        Scan whole = Scan.of(List.of(ibdata1, ibdata2));
        Scan first = Scan.of(List.of(ibdata1));
        long size2 = Files.size(ibdata2) / fixture.pageSize();
        assertThat(first.inventory().declaredPages()).isEqualTo(whole.inventory().declaredPages());
        assertThat(first.inventory().missingPages())
                .isEqualTo(whole.inventory().declaredPages() - Files.size(ibdata1) / fixture.pageSize())
                .isPositive().isLessThanOrEqualTo(size2);
        assertThat(first.inventory().otherSystemFiles()).containsExactly("ibdata2");
        CliRun run = CliRun.of("pages", "--no-progress", ibdata1.toString());
        assertThat(run.status()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out()).contains("cut short").contains("not given, though in the same folder: ibdata2");
        CliRun both = CliRun.of("pages", "--no-progress", ibdata1.toString(), ibdata2.toString());
        assertThat(both.out()).doesNotContain("cut short");
    }

    /**
     * The server extends a file before it raises FSP_SIZE (and MySQL leaves ROW_FORMAT=COMPRESSED files longer
     * than FSP_SIZE): a copy with zero-filled pages appended past FSP_SIZE is longer than declared, and sound.
     */
    private void assertExtendedCopyIsNotShort(Path original, String label) throws IOException {
        Path copy = Files.copy(original, Files.createDirectories(tmp.resolve(label)).resolve(original.getFileName()));
        SpaceInventory before = Scan.of(copy).inventory();
        int physical = before.layout().pageSize().physical();
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(raf.length() + 4L * physical);
        }
        SpaceInventory after = Scan.of(copy).inventory();
        assertThat(after.pageCount()).as(label).isEqualTo(before.declaredPages() + 4);
        assertThat(after.declaredPages()).as(label).isEqualTo(before.declaredPages());
        assertThat(after.cutShort()).as(label).isFalse();
        assertThat(after.sound()).as(label).isTrue();
        CliRun run = CliRun.of("pages", "--no-progress", copy.toString());
        assertThat(run.status()).as(label + ": " + run.out()).isEqualTo(ExitCode.CLEAN);
        assertThat(run.out()).as(label).doesNotContain("cut short");
    }

    /**
     * Copies of {@code files} with the last file cut to leave fewer pages than declared, once by whole pages and
     * once in the middle of a page: both are short by exactly the missing pages, in the library, the text
     * report and --json, with exit status 1.
     */
    private void assertCutCopiesAreShort(List<Path> files, String label) throws IOException {
        Scan original = Scan.of(files);
        long declared = original.inventory().declaredPages();
        int physical = original.inventory().layout().pageSize().physical();
        long before = 0; // pages in the files ahead of the last one
        for (int i = 0; i < files.size() - 1; i++) {
            before += Files.size(files.get(i)) / physical;
        }
        long lastPages = Files.size(files.get(files.size() - 1)) / physical;
        // Keep page 0 (its FSP_SIZE is the claim) and at least one page of the last file.
        long keepWhole = Math.max(before + 1, Math.min(before + lastPages, declared) * 2 / 3);
        assertThat(keepWhole).as("%s: room to cut", label).isLessThan(declared);

        for (int partial : new int[] {0, physical / 2 + 100}) {
            Path dir = Files.createDirectories(tmp.resolve(label + "-" + partial));
            List<Path> copies = new ArrayList<>();
            for (Path f : files) {
                copies.add(Files.copy(f, dir.resolve(f.getFileName())));
            }
            try (RandomAccessFile raf = new RandomAccessFile(copies.get(copies.size() - 1).toFile(), "rw")) {
                raf.setLength((keepWhole - before) * physical + partial);
            }
            String what = label + (partial == 0 ? " cut by whole pages" : " cut mid-page");
            SpaceInventory inv = Scan.of(copies).inventory();
            assertThat(inv.pageCount()).as(what).isEqualTo(keepWhole);
            assertThat(inv.declaredPages()).as(what).isEqualTo(declared);
            assertThat(inv.missingPages()).as(what).isEqualTo(declared - keepWhole);
            assertThat(inv.cutShort()).as(what).isTrue();
            assertThat(inv.truncated()).as(what).isEqualTo(partial != 0);
            assertThat(inv.sound()).as(what).isFalse();

            List<String> args = new ArrayList<>(List.of("pages", "--no-progress"));
            copies.forEach(c -> args.add(c.toString()));
            CliRun text = CliRun.of(args.toArray(String[]::new));
            assertThat(text.status()).as(what).isEqualTo(ExitCode.PROBLEMS);
            assertThat(text.out()).as(what)
                    .contains(String.format("page 0 says the space has %,d pages (FSP_SIZE)", declared))
                    .contains(String.format("%,d pages missing (pages %,d–%,d)", declared - keepWhole, keepWhole,
                            declared - 1))
                    .contains("verdict: PROBLEMS");
            if (partial != 0) {
                assertThat(text.out()).as(what).contains(String.format("%,d whole pages and %,d bytes of page %,d",
                        keepWhole, partial, keepWhole));
            }

            args.add(2, "--json");
            CliRun json = CliRun.of(args.toArray(String[]::new));
            assertThat(json.status()).as(what).isEqualTo(ExitCode.PROBLEMS);
            JsonNode space = new ObjectMapper().readTree(json.out()).get("spaces").get(0);
            assertThat(space.get("declared_pages").asLong()).as(what).isEqualTo(declared);
            assertThat(space.get("missing_pages").asLong()).as(what).isEqualTo(declared - keepWhole);
            assertThat(space.get("cut_short").asBoolean()).as(what).isTrue();
            assertThat(space.get("summary").get("sound").asBoolean()).as(what).isFalse();
        }
    }
}
