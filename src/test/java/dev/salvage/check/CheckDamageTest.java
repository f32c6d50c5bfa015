package dev.salvage.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage on copies of a MariaDB 10.11 table (200,000 rows, four indexes, the .frm next to it): each damage
 * gives its own finding naming the page; the clean copy gives none (see {@link CheckOnRealServersTest}).
 */
@RealServer
class CheckDamageTest {

    private static final String TABLE = "ck.t";
    private static GeneratedDatadir dd;
    private static long primary;
    private static long kca;
    private static long ka;

    @BeforeAll
    static void datadir() throws Exception {
        dd = CheckFixtures.datadir(ServerKind.MARIADB_10_11);
        ResultTable indexes = dd.truth("indexes");
        primary = CheckJson.indexId(indexes, "ck/t", "PRIMARY");
        kca = CheckJson.indexId(indexes, "ck/t", "k_ca");
        ka = CheckJson.indexId(indexes, "ck/t", "k_a");
    }

    /** A copy of t.ibd with its .frm, in a folder named like the database. */
    private static Path copy(Path temp) throws Exception {
        Path db = Files.createDirectories(temp.resolve("ck"));
        Files.copy(dd.file("ck/t.frm"), db.resolve("t.frm"));
        return Files.copy(dd.file("ck/t.ibd"), db.resolve("t.ibd"));
    }

    @Test
    void zeroedLeafIsNamedBetweenItsNeighbours(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long victim;
        long left;
        long right;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> leaves = d.pagesOf(primary, 0);
            victim = leaves.get(leaves.size() / 2);
            byte[] page = d.read(victim);
            left = PageDamage.prev(page);
            right = PageDamage.next(page);
            d.write(victim, PageDamage.zeros());
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> unreadable = check.errors(TABLE, "unreadable_page");
        assertThat(unreadable).as(check.out()).hasSize(1);
        assertThat(unreadable.get(0).get("page").asLong()).isEqualTo(victim);
        assertThat(unreadable.get(0).get("index").asText()).isEqualTo("PRIMARY");
        assertThat(unreadable.get(0).get("message").asText())
                .contains("all zeros").contains("missing between page " + left + " and page " + right);
        // The rows on the lost leaf are missing from the clustered index: CHECK TABLE's count comparison says so.
        long primaryEntries = check.index(TABLE, "PRIMARY").get("entries").asLong();
        assertThat(primaryEntries).isLessThan(CheckFixtures.ROWS);
        for (String secondary : List.of("u_b", "k_a", "k_ca")) {
            assertThat(check.errors(TABLE, "entry_count")).anySatisfy(f -> assertThat(f.get("message").asText())
                    .contains("Index " + secondary + " contains " + CheckFixtures.ROWS + " entries, should be "
                            + primaryEntries));
            // The secondary entries of the lost rows are listed by key, each with its page.
            assertThat(check.errors(TABLE, "orphan_entry")).anySatisfy(f -> {
                assertThat(f.get("index").asText()).isEqualTo(secondary);
                assertThat(f.get("page").asLong()).isPositive();
            });
        }
        assertThat(check.index(TABLE, "k_a").get("ok").asBoolean()).isTrue();
    }

    @Test
    void destroyedInternalPageIsBridgedThroughSiblingLinks(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long victim;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> level1 = d.pagesOf(kca, 1);
            assertThat(level1).as("k_ca has several level-1 pages").hasSizeGreaterThan(1);
            victim = level1.get(1);
            d.write(victim, PageDamage.noise(victim));
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> unreadable = check.errors(TABLE, "unreadable_page");
        assertThat(unreadable).as(check.out()).hasSize(1);
        assertThat(unreadable.get(0).get("page").asLong()).isEqualTo(victim);
        assertThat(unreadable.get(0).get("message").asText()).contains("checksum mismatch").contains("level 1");
        assertThat(check.errors(TABLE, "unreachable_from_root")).as(check.out()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("index").asText()).isEqualTo("k_ca"));
        // Every leaf under the lost page was still reached along the leaf chain: no entry is lost.
        assertThat(check.index(TABLE, "k_ca").get("entries").asLong()).isEqualTo(CheckFixtures.ROWS);
        assertThat(check.errors(TABLE, "entry_count")).isEmpty();
        assertThat(check.errors(TABLE, "orphan_page")).isEmpty();
    }

    @Test
    void brokenSiblingLinkNamesThePage(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long victim;
        long wrongNext;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> leaves = d.pagesOf(primary, 0);
            victim = leaves.get(leaves.size() / 3);
            byte[] page = d.read(victim);
            wrongNext = PageDamage.next(d.read(PageDamage.next(page))); // skips one page
            PageDamage.putInt(page, Fil.PAGE_NEXT, wrongNext);
            d.writeSealed(victim, page, PageDamage.algorithm(d.read(victim)));
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> links = check.errors(TABLE, "sibling_link");
        assertThat(links).as(check.out()).hasSize(1);
        assertThat(links.get(0).get("page").asLong()).isEqualTo(victim);
        assertThat(links.get(0).get("message").asText()).contains("FIL_PAGE_NEXT is " + wrongNext);
        assertThat(check.errors(TABLE)).as(check.out()).hasSize(1);
    }

    @Test
    void pageFromAnotherIndexIsNamed(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long victim;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> leaves = d.pagesOf(primary, 0);
            victim = leaves.get(leaves.size() / 4);
            long foreign = d.pagesOf(ka, 0).get(3);
            byte[] page = d.read(foreign);
            PageDamage.putInt(page, Fil.PAGE_OFFSET, victim); // a sound page, only of the wrong index
            d.writeSealed(victim, page, PageDamage.algorithm(d.read(foreign)));
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> wrong = check.errors(TABLE, "wrong_index");
        assertThat(wrong).as(check.out()).hasSize(1);
        assertThat(wrong.get(0).get("page").asLong()).isEqualTo(victim);
        assertThat(wrong.get(0).get("message").asText()).contains("belongs to index id " + ka)
                .contains("a page from another index");
    }

    @Test
    void truncatedFileIsReported(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long keep;
        try (PageDamage d = new PageDamage(ibd)) {
            keep = d.pages() * 2 / 3;
            d.truncate(keep * PageDamage.PAGE + 1000);
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> cut = check.errors(TABLE, "truncated_file");
        assertThat(cut).as(check.out()).isNotEmpty();
        assertThat(cut.get(0).get("page").asLong()).isEqualTo(keep);
        assertThat(cut.get(0).get("message").asText()).contains("1000 bytes into page " + keep);
        assertThat(cut).anySatisfy(f -> assertThat(f.get("message").asText()).contains("beyond the end of the file"));
    }

    @Test
    void withoutSchemaEveryIndexIdIsCheckedForStructure(@TempDir Path temp) throws Exception {
        Path ibd = Files.copy(dd.file("ck/t.ibd"), temp.resolve("t.ibd"));
        CheckJson clean = CheckJson.run(ibd.toString());
        assertThat(clean.status()).as(clean.out()).isZero();
        assertThat(clean.doc().get("tables").get(0).get("indexes")).hasSize(4);
        assertThat(clean.doc().get("tables").get(0).get("findings").toString()).contains("structure only");

        long victim;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> leaves = d.pagesOf(primary, 0);
            victim = leaves.get(leaves.size() / 2);
            d.write(victim, PageDamage.zeros());
        }
        CheckJson damaged = CheckJson.run(ibd.toString());
        assertThat(damaged.status()).isEqualTo(1);
        assertThat(damaged.doc().toString()).contains("\"page\":" + victim);
    }

    @Test
    void destroyedRootIsReportedAndTheLeavesStillCounted(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long root = CheckJson.rootPage(dd.truth("indexes"), "ck/t", "PRIMARY");
        try (PageDamage d = new PageDamage(ibd)) {
            assertThat(d.pagesOf(primary, 1)).as("PRIMARY's root is its only non-leaf page").containsExactly(root);
            d.write(root, PageDamage.noise(root));
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).isEqualTo(1);
        List<JsonNode> roots = check.errors(TABLE, "root");
        assertThat(roots).as(check.out()).hasSize(1);
        assertThat(roots.get(0).get("index").asText()).isEqualTo("PRIMARY");
        assertThat(roots.get(0).get("message").asText()).contains("no root page");
        // Walked along the leaf chain instead: every entry is still there, and in order.
        assertThat(check.index(TABLE, "PRIMARY").get("entries").asLong()).isEqualTo(CheckFixtures.ROWS);
        assertThat(check.errors(TABLE, "entry_count")).isEmpty();
        assertThat(check.errors(TABLE, "key_order")).isEmpty();
    }

    /** A sealed root whose PAGE_LEVEL (100) passes the header's plausibility check but exceeds the old walk depth. */
    @Test
    void rootClaimingADeepTreeIsReportedNotThrown(@TempDir Path temp) throws Exception {
        Path ibd = copy(temp);
        long root = CheckJson.rootPage(dd.truth("indexes"), "ck/t", "PRIMARY");
        try (PageDamage d = new PageDamage(ibd)) {
            byte[] page = d.read(root);
            int at = IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL;
            page[at] = 0;
            page[at + 1] = 100;
            d.writeSealed(root, page, PageDamage.algorithm(d.read(root)));
        }
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).as(check.out()).isEqualTo(1);
        assertThat(check.errors(TABLE)).as(check.out()).isNotEmpty();
        assertThat(check.out()).contains("level 99");
    }

    @Test
    void carveFolderLeafChainsAreCompleteOrNameTheGap(@TempDir Path temp) throws Exception {
        Path clean = temp.resolve("clean");
        assertThat(dev.salvage.cli.CliRun.of("carve", "--out", clean.toString(), dd.file("ck/t.ibd").toString())
                .status()).isZero();
        CheckJson ok = CheckJson.run(clean.toString());
        assertThat(ok.status()).as(ok.out()).isZero();
        JsonNode carved = ok.doc().get("tables").get(0);
        assertThat(carved.get("indexes")).hasSizeGreaterThanOrEqualTo(4);
        carved.get("indexes").forEach(i -> {
            if (i.get("index_id").asLong() == primary) {
                assertThat(i.get("entries").asLong()).isEqualTo(CheckFixtures.ROWS);
            }
        });

        Path ibd = Files.copy(dd.file("ck/t.ibd"), temp.resolve("t.ibd"));
        long victim;
        long left;
        long right;
        try (PageDamage d = new PageDamage(ibd)) {
            List<Long> leaves = d.pagesOf(primary, 0);
            victim = leaves.get(leaves.size() / 2);
            left = PageDamage.prev(d.read(victim));
            right = PageDamage.next(d.read(victim));
            d.write(victim, PageDamage.zeros());
        }
        Path broken = temp.resolve("broken");
        assertThat(dev.salvage.cli.CliRun.of("carve", "--out", broken.toString(), ibd.toString()).status())
                .isZero();
        CheckJson gap = CheckJson.run(broken.toString());
        assertThat(gap.status()).isEqualTo(1);
        JsonNode findings = gap.doc().get("tables").get(0).get("findings");
        assertThat(findings.toString()).as(gap.out())
                .contains("leaf page " + victim + " missing between page " + left + " and page " + right);
    }

    /** Garbage inside pages whose checksums are made valid again: findings, never an exception. */
    @Test
    void garbledPagesWithValidChecksumsNeverThrow(@TempDir Path temp) throws Exception {
        for (int seed = 1; seed <= 3; seed++) {
            Path ibd = copy(Files.createDirectories(temp.resolve("s" + seed)));
            java.util.Random random = new java.util.Random(seed);
            try (PageDamage d = new PageDamage(ibd)) {
                for (int i = 0; i < 40; i++) {
                    long p = 3 + random.nextInt((int) d.pages() - 3);
                    byte[] page = d.read(p);
                    if (page[24] != 0x45 || page[25] != (byte) 0xBF) {
                        continue; // index pages only (FIL_PAGE_INDEX = 17855)
                    }
                    var algorithm = PageDamage.algorithm(page);
                    int at = Fil.PAGE_DATA + random.nextInt(PageDamage.PAGE - Fil.PAGE_DATA - 8 - 200);
                    for (int b = 0; b < 1 + random.nextInt(200); b++) {
                        page[at + b] = (byte) random.nextInt();
                    }
                    d.writeSealed(p, page, algorithm);
                }
            }
            CheckJson check = CheckJson.run(ibd.toString());
            assertThat(check.status()).as(check.out()).isEqualTo(1);
            assertThat(check.errors(TABLE)).isNotEmpty();
        }
    }
}
