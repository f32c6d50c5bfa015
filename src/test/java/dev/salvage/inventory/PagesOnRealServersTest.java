package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.SalvageCommand;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.TestServer;
import dev.salvage.innodb.fsp.SpaceLayout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code salvage pages} over every InnoDB file that MariaDB 10.11, MySQL 5.7 and MySQL 8.0 wrote. */
@RealServer
class PagesOnRealServersTest {

    @ParameterizedTest
    @EnumSource(InventoryFixtures.class)
    void everyPageOfEveryFileIsClassifiedAndVerified(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        assertThat(dd.truth("settings").column("big_rows")).containsExactly(Integer.toString(InventoryFixtures.BIG_ROWS));
        List<List<Path>> spaces = InventoryFixtures.spaces(dd);
        assertThat(spaces.get(0)).as("system tablespace files").isNotEmpty();
        assertThat(spaces).as("spaces of %s", fixture).hasSizeGreaterThan(fixture.tables().size() + 1);

        for (List<Path> files : spaces) {
            Scan scan = Scan.of(files);
            SpaceInventory inv = scan.inventory();
            assertThat(inv.layout().source()).as(scan.name()).isEqualTo(SpaceLayout.Source.PAGE0_FLAGS);
            assertThat(inv.truncated()).as(scan.name()).isFalse();
            assertThat(inv.layout().pageSize().logical()).as(scan.name()).isEqualTo(fixture.pageSize());
            assertThat(scan.pages()).as(scan.name()).hasSize((int) inv.pageCount());
            for (PageInfo p : scan.pages()) {
                assertThat(p.type().isKnown()).as("%s page %d type %s", scan.name(), p.page(), p.type()).isTrue();
                if (p.sound()) {
                    assertThat(p.allZero() || p.checksum().valid()).as("%s page %d", scan.name(), p.page()).isTrue();
                    continue;
                }
                throw new AssertionError(String.format("%s page %d %s is flagged %s in a healthy file",
                        scan.name(), p.page(), p.type(), p.problems()));
            }
            boolean compressed = inv.layout().pageSize().isCompressed();
            Set<String> expected = new TreeSet<>(compressed ? fixture.zipAlgorithms : fixture.plainAlgorithms);
            if (InventoryFiles.isSystemSpace(files)) {
                // MySQL's doublewrite buffer holds compressed pages as their zip images.
                expected.addAll(fixture.zipAlgorithms);
            }
            assertThat(new TreeSet<>(inv.checksumAlgorithms().keySet())).as("checksum algorithms of %s", scan.name())
                    .isNotEmpty().isSubsetOf(expected);
            assertThat(inv.sound()).as(scan.describeBad()).isTrue();
        }
    }

    /** Per-type counts equal MariaDB's innochecksum -S, file by file. */
    @ParameterizedTest
    @EnumSource(InventoryFixtures.class)
    void typeCountsEqualInnochecksum(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        Path innochecksum = Innochecksum.binary().orElse(null);
        assumeTrue(innochecksum != null, "innochecksum is not installed");
        // MariaDB 10.11's innochecksum rejects files MySQL 5.7 wrote with innodb_checksum_algorithm=innodb
        // ("Page 0 checksum mismatch, can't continue", even with -n): no comparison possible there.
        assumeTrue(!fixture.plainAlgorithms.contains("innodb"), "innochecksum 10.11 cannot read innodb-checksum files");
        int compared = 0;
        for (List<Path> files : InventoryFixtures.spaces(dd)) {
            if (files.size() > 1) {
                continue; // innochecksum reads one file at a time, and ibdata2 has no page 0 of its own
            }
            Map<String, Long> theirs = Innochecksum.summary(innochecksum, files.get(0));
            Scan scan = Scan.of(files);
            Map<String, Long> ours = Innochecksum.fold(scan.typeCounts(), theirs.keySet());
            assertThat(ours).as("page types of %s (salvage %s)", scan.name(), scan.typeCounts()).isEqualTo(theirs);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(fixture.tables().size());
    }

    /** Index ids, root pages and space ids equal the server's dictionary for every index of the test tables. */
    @ParameterizedTest
    @EnumSource(InventoryFixtures.class)
    void indexIdsAndRootPagesEqualTheDictionary(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        ResultTable indexes = dd.truth("indexes");
        assertThat(new TreeSet<>(indexes.column("TABLE_NAME")))
                .containsExactlyInAnyOrderElementsOf(fixture.tables().stream().map(t -> "inv/" + t).toList());

        for (String table : fixture.tables()) {
            Scan scan = Scan.of(dd.file("inv/" + table + ".ibd"));
            Set<Long> truthIds = new HashSet<>();
            for (List<String> row : indexes.rows()) {
                if (!row.get(indexes.columnIndex("TABLE_NAME")).equals("inv/" + table)) {
                    continue;
                }
                long id = Long.parseLong(row.get(indexes.columnIndex("INDEX_ID")));
                long root = Long.parseLong(row.get(indexes.columnIndex("PAGE_NO")));
                long space = Long.parseLong(row.get(indexes.columnIndex("SPACE")));
                String name = row.get(indexes.columnIndex("INDEX_NAME"));
                truthIds.add(id);
                IndexTally tally = scan.index(id);
                assertThat(tally).as("index %s.%s (id %d) in %s", table, name, id, scan.name()).isNotNull();
                assertThat(tally.root()).as("root of %s.%s (candidates %s)", table, name, tally.rootCandidates())
                        .isEqualTo(root);
                assertThat(scan.inventory().layout().spaceId()).as("space id of %s", scan.name()).isEqualTo(space);
                if (table.equals("big")) {
                    assertThat(tally.levels()).as("levels of big.%s", name).isGreaterThanOrEqualTo(2);
                }
            }
            // The dictionary lists every index in the file but MySQL 8.0's SDI index, whose pages carry
            // PAGE_INDEX_ID 0xFFFFFFFFFFFFFFFF: the tally counts it like any other index.
            Set<Long> otherIds = new TreeSet<>();
            scan.inventory().indexes().forEach(ix -> otherIds.add(ix.indexId()));
            otherIds.removeAll(truthIds);
            long sdiIndexId = -1L;
            assertThat(scan.index(sdiIndexId) != null).as("SDI index tallied in %s", scan.name())
                    .isEqualTo(fixture.kind == ServerKind.MYSQL_8_0);
            otherIds.remove(sdiIndexId);
            assertThat(otherIds).as("index ids in %s beyond the dictionary's", scan.name()).isEmpty();
            List<PageInfo> sdi = scan.pages().stream().filter(p -> p.type().name().equals("SDI")).toList();
            assertThat(sdi).as("SDI pages in %s", scan.name()).hasSize(fixture.kind == ServerKind.MYSQL_8_0 ? 1 : 0);
            sdi.forEach(p -> assertThat(Long.toUnsignedString(p.indexId())).isEqualTo("18446744073709551615"));
        }
        assertOffPageTypes(fixture, dd);
    }

    /** The 70 KB values went off-page: BLOB pages (5.7, MariaDB) or LOB pages (8.0); compressed: ZBLOB / ZLOB. */
    private static void assertOffPageTypes(InventoryFixtures fixture, GeneratedDatadir dd) throws Exception {
        Map<String, Long> blobs = Scan.of(dd.file("inv/blobs.ibd")).typeCounts();
        if (fixture.kind == ServerKind.MYSQL_8_0) {
            assertThat(blobs).containsKeys("LOB_FIRST", "LOB_DATA").doesNotContainKey("BLOB");
        } else {
            assertThat(blobs).containsKey("BLOB");
        }
        if (fixture.zip8) {
            Map<String, Long> zip = Scan.of(dd.file("inv/zip8.ibd")).typeCounts();
            assertThat(zip).containsKey(fixture.kind == ServerKind.MYSQL_8_0 ? "ZLOB_FIRST" : "ZBLOB");
        }
    }

    /** MariaDB's default full_crc32 still creates ROW_FORMAT=COMPRESSED tables in the old (non-full_crc32) format. */
    @Test
    void mariadbFullCrc32WritesCompressedTablesInTheOldFormat() throws Exception {
        InventoryFixtures fixture = InventoryFixtures.MARIADB_FULL_CRC32_16K;
        GeneratedDatadir dd = fixture.datadir();
        assertThat(dd.truth("settings").column("checksum")).containsExactly("full_crc32");
        SpaceInventory zip = Scan.of(dd.file("inv/zip8.ibd")).inventory();
        SpaceInventory big = Scan.of(dd.file("inv/big.ibd")).inventory();
        assertThat(zip.layout().fullCrc32()).isFalse();
        assertThat(zip.layout().pageSize().physical()).isEqualTo(8192);
        assertThat(zip.checksumAlgorithms()).containsOnlyKeys("zip_crc32c");
        assertThat(big.layout().fullCrc32()).isTrue();
        assertThat(big.checksumAlgorithms()).containsOnlyKeys("full_crc32");
    }

    /**
     * MariaDB 10.11 no longer accepts innodb_checksum_algorithm=innodb or none (they were removed in 10.6):
     * the server refuses the value, so such files can only come from older servers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"innodb", "none", "strict_innodb"})
    void mariadb1011RefusesTheOldChecksumSettings(String value) throws Exception {
        Path mariadbd = TestServer.assumeAvailable(ServerKind.MARIADB_10_11).serverBinary();
        Process p = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--innodb-checksum-algorithm=" + value,
                "--help", "--verbose").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("Error while setting value '" + value + "' to 'innodb-checksum-algorithm'");
    }

    /** The CLI's JSON document agrees with the library on a real file, and exits 0 when every page is sound. */
    @Test
    void cliJsonAgreesWithTheLibrary() throws Exception {
        GeneratedDatadir dd = InventoryFixtures.MYSQL80_CRC32.datadir();
        Path big = dd.file("inv/big.ibd");
        Path blobs = dd.file("inv/blobs.ibd");
        StringWriter out = new StringWriter();
        int status = SalvageCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("pages", "--json", "--no-progress", big.toString(), blobs.toString());

        assertThat(status).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("sound").asBoolean()).isTrue();
        assertThat(doc.get("spaces")).hasSize(2);
        List<Path> files = List.of(big, blobs);
        for (int i = 0; i < 2; i++) {
            JsonNode space = doc.get("spaces").get(i);
            Scan scan = Scan.of(files.get(i));
            assertThat(space.get("pages")).hasSize(scan.pages().size());
            assertThat(space.get("space_id").asLong()).isEqualTo(scan.inventory().layout().spaceId());
            assertThat(space.get("page_size").get("logical").asInt()).isEqualTo(16384);
            Map<String, Long> types = new TreeMap<>();
            space.get("summary").get("types").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asLong()));
            assertThat(types).isEqualTo(scan.typeCounts());
            List<String> roots = new ArrayList<>();
            space.get("summary").get("indexes").forEach(ix -> roots.add(ix.get("index_id").asText() + "@" + ix.get("root").asText()));
            List<String> expectedRoots = scan.inventory().indexes().stream()
                    .map(ix -> Long.toUnsignedString(ix.indexId()) + "@" + (ix.root() < 0 ? "null" : ix.root())).toList();
            assertThat(roots).isEqualTo(expectedRoots);
            assertThat(space.get("summary").get("bad_pages")).isEmpty();
        }
    }
}
