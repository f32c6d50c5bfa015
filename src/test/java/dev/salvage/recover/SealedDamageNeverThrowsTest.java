package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage a checksum cannot catch: on copies of the mixed-type tables of {@link RowsOnRealServersTest} (every
 * type, off-page TEXT and BLOB, each row format, each server), random edits — bytes overwritten, index header
 * fields and record links set to random values, half pages zeroed, FSP and inode pages included — are sealed
 * with a valid checksum, so the structure code itself meets the garbage. {@code salvage rows} and
 * {@code salvage check} must answer every copy with a report and exit code 0 or 1: never an internal error.
 */
@RealServer
class SealedDamageNeverThrowsTest {

    private static final int ROUNDS = Integer.getInteger("sealed.rounds", 8);
    private static final int PAGE = 16384;
    private static final PageSize SIZE = PageSize.of(PAGE);

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.salvage.recover.TsvDirectPathTest#mixCases")
    void rowsAndCheckAnswerEveryDamagedCopy(ServerKind kind, String format, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = Datadir.of(kind);
        Path ddl = Files.writeString(temp.resolve("t.sql"),
                dd.truth("ddl_" + format).column("Create Table").get(0));
        Path original = dd.file("mix/t_" + format + ".ibd");
        Path frm = original.resolveSibling("t_" + format + ".frm");
        SplittableRandom random = new SplittableRandom(kind.ordinal() * 31L + format.hashCode());
        int damagedIndexPages = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path db = Files.createDirectories(temp.resolve("r" + round).resolve("mix"));
            Path ibd = Files.copy(original, db.resolve(original.getFileName()));
            if (Files.exists(frm)) {
                Files.copy(frm, db.resolve(frm.getFileName()));
            }
            damagedIndexPages += damage(ibd, random);
            String what = kind + " " + format + " round " + round;

            CliRun rows = CliRun.of("rows", "--json", "--ddl", ddl.toString(), "--out",
                    temp.resolve("out" + round).toString(), ibd.toString());
            assertThat(rows.err()).as(what + ": rows stderr").doesNotContain("internal error");
            assertThat(rows.status()).as(what + ": rows exit code\n" + rows.err()).isIn(0, 1);
            assertThat(rows.out()).as(what + ": rows report").contains("\"table\"");

            CliRun check = CliRun.of("check", "--json", ibd.toString());
            assertThat(check.err()).as(what + ": check stderr").doesNotContain("internal error");
            assertThat(check.status()).as(what + ": check exit code\n" + check.err()).isIn(0, 1);
        }
        // The damage reached the B-tree, not only pages nothing reads.
        assertThat(damagedIndexPages).isGreaterThanOrEqualTo(ROUNDS);
    }

    /** One to four sealed edits on random pages of {@code ibd}; returns how many hit index pages. */
    private static int damage(Path ibd, SplittableRandom random) throws IOException {
        byte[] file = Files.readAllBytes(ibd);
        int pages = file.length / PAGE;
        List<Integer> indexPages = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            if (Mach.read2(file, p * PAGE + Fil.PAGE_TYPE) == PageType.INDEX) {
                indexPages.add(p);
            }
        }
        int hits = 0;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            // Mostly B-tree pages (where the record code runs), sometimes any page (FSP header, inodes, BLOBs).
            int pageNo = random.nextInt(4) > 0 && !indexPages.isEmpty()
                    ? indexPages.get(random.nextInt(indexPages.size())) : random.nextInt(pages);
            byte[] page = new byte[PAGE];
            System.arraycopy(file, pageNo * PAGE, page, 0, PAGE);
            ChecksumAlgorithm algorithm = algorithm(page);
            edit(page, random);
            if (algorithm != null) {
                seal(page, algorithm);
            }
            System.arraycopy(page, 0, file, pageNo * PAGE, PAGE);
            hits += indexPages.contains(pageNo) ? 1 : 0;
        }
        Files.write(ibd, file);
        return hits;
    }

    private static void edit(byte[] page, SplittableRandom random) {
        int h = IndexPageHeader.PAGE_HEADER;
        switch (random.nextInt(5)) {
            case 0 -> { // a run of random bytes somewhere in the body
                int len = 1 + random.nextInt(256);
                int at = Fil.PAGE_DATA + random.nextInt(PAGE - Fil.PAGE_DATA - 8 - len);
                for (int i = 0; i < len; i++) {
                    page[at + i] = (byte) random.nextInt(256);
                }
            }
            case 1 -> { // one index header field: counts, heap top, free list, level, direction, index id
                int[] fields = {IndexPageHeader.N_DIR_SLOTS, IndexPageHeader.HEAP_TOP, IndexPageHeader.N_HEAP,
                        IndexPageHeader.FREE, IndexPageHeader.GARBAGE, IndexPageHeader.N_RECS,
                        IndexPageHeader.LEVEL, IndexPageHeader.DIRECTION};
                int field = fields[random.nextInt(fields.length)];
                int value = random.nextBoolean() ? random.nextInt(65536) : random.nextInt(16);
                page[h + field] = (byte) (value >>> 8);
                page[h + field + 1] = (byte) value;
            }
            case 2 -> { // sibling links
                int at = random.nextBoolean() ? Fil.PAGE_PREV : Fil.PAGE_NEXT;
                int value = random.nextBoolean() ? random.nextInt() : random.nextInt(64);
                for (int i = 0; i < 4; i++) {
                    page[at + i] = (byte) (value >>> (24 - 8 * i));
                }
            }
            case 3 -> { // a two-byte value where record headers live (next-record links, lengths, info bits)
                int at = Fil.PAGE_DATA + random.nextInt(PAGE / 4);
                page[at] = (byte) random.nextInt(256);
                page[at + 1] = (byte) random.nextInt(256);
            }
            default -> { // half the page gone
                int from = random.nextBoolean() ? Fil.PAGE_DATA : PAGE / 2;
                java.util.Arrays.fill(page, from, from + PAGE / 2 - Fil.PAGE_DATA, (byte) 0);
            }
        }
    }

    /** The algorithm the page's checksum is written in, null when it did not check out before the edit. */
    private static ChecksumAlgorithm algorithm(byte[] page) {
        for (boolean fullCrc32 : new boolean[] {true, false}) {
            ChecksumVerdict v = PageChecksum.verify(page, 0, SIZE, fullCrc32, null);
            if (v.valid() && (v.algorithm() == ChecksumAlgorithm.CRC32C
                    || v.algorithm() == ChecksumAlgorithm.FULL_CRC32)) {
                return v.algorithm();
            }
        }
        return null;
    }

    private static void seal(byte[] page, ChecksumAlgorithm algorithm) {
        int value = (int) PageChecksum.compute(page, 0, SIZE, algorithm);
        if (algorithm == ChecksumAlgorithm.FULL_CRC32) {
            putInt(page, PAGE - 4, value);
        } else {
            putInt(page, 0, value);
            putInt(page, PAGE - 8, value);
        }
    }

    private static void putInt(byte[] page, int at, int value) {
        for (int i = 0; i < 4; i++) {
            page[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    /** The datadirs of {@link RowsOnRealServersTest}, shared through the harness cache. */
    private static final class Datadir {
        static GeneratedDatadir of(ServerKind kind) throws Exception {
            return dev.salvage.harness.Datadirs.get(kind, RowsOnRealServersTest.setupSql(),
                    RowsOnRealServersTest.truthQueries());
        }
    }
}
