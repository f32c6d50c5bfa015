package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.ChecksumSetting;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fsp.FspFlags;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.innodb.pagecomp.PageCompressionAlgorithm;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB PAGE_COMPRESSED=1 tables, one per algorithm (zlib, lz4, lzo, lzma, bzip2, snappy — the last five
 * through Debian's provider plugins), in a full_crc32 data directory (the 10.11 default: bit 15 of FIL_PAGE_TYPE,
 * algorithm in the tablespace flags) and a crc32 one (FIL_PAGE_TYPE 34354, algorithm in each page): a film-like
 * mix of types with TEXT and BLOB values of 20,000 bytes stored off-page (on page_compressed BLOB pages, some
 * of random bytes that do not compress and are stored as is). {@code salvage rows} with the DDL and without it
 * equals SELECT value by value; a leaf whose compressed stream is damaged loses exactly its own records.
 */
@RealServer
class PageCompressedOnRealServersTest {

    private static final int ROWS = 3000;
    private static final Map<ChecksumSetting, GeneratedDatadir> DATADIRS = new ConcurrentHashMap<>();

    /** The checksum layouts tested: the server default (full_crc32) and crc32. */
    enum Layout {
        FULL_CRC32(null), CRC32(ChecksumSetting.CRC32);

        final ChecksumSetting checksum;

        Layout(ChecksumSetting checksum) {
            this.checksum = checksum;
        }
    }

    static String table(PageCompressionAlgorithm a) {
        return "film_" + a;
    }

    static String createTable(PageCompressionAlgorithm a) {
        return "CREATE TABLE pc." + table(a) + " (film_id INT NOT NULL PRIMARY KEY, title VARCHAR(128) NOT NULL,"
                + " description TEXT, release_year YEAR, language CHAR(20) NOT NULL,"
                + " rental_rate DECIMAL(4,2) NOT NULL, length SMALLINT UNSIGNED,"
                + " rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',"
                + " special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes'),"
                + " created DATETIME(3), last_update TIMESTAMP NOT NULL, poster BLOB, KEY k_title (title))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 PAGE_COMPRESSED=1";
    }

    static GeneratedDatadir datadir(Layout layout) throws Exception {
        GeneratedDatadir cached = DATADIRS.get(layout.checksum == null ? ChecksumSetting.FULL_CRC32 : layout.checksum);
        if (cached != null) {
            return cached;
        }
        String incompressible = String.join(", ", Collections.nCopies(20, "RANDOM_BYTES(1024)"));
        StringBuilder sql = new StringBuilder("CREATE DATABASE pc CHARACTER SET utf8mb4;\nUSE pc;\n");
        Map<String, String> truth = new LinkedHashMap<>();
        for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
            // A full_crc32 tablespace keeps the algorithm set when it was created; the others compress each page
            // with the one set when it is written, hence the flush before the next algorithm is set.
            sql.append("SET GLOBAL innodb_compression_algorithm = '").append(a).append("';\n")
                    .append(createTable(a)).append(";\n")
                    .append("INSERT INTO pc.").append(table(a)).append(" SELECT seq,")
                    .append(" CONCAT('FILM ', seq, ' ', REPEAT(CHAR(65 + seq % 26), seq % 30)),")
                    .append(" CASE WHEN seq % 500 = 0 THEN REPEAT(CONCAT('A long description of film ', seq, '. '), 650)")
                    .append(" WHEN seq % 7 = 0 THEN NULL ELSE CONCAT('A story of ', seq, ' ', REPEAT('x', seq % 90)) END,")
                    .append(" IF(seq % 11 = 0, NULL, 1990 + seq % 30),")
                    .append(" ELT(1 + seq % 3, 'English', 'Français', 'Deutsch'),")
                    .append(" (seq % 500) / 100 + 0.99,")
                    .append(" IF(seq % 13 = 0, NULL, 45 + seq % 140),")
                    .append(" ELT(1 + seq % 5, 'G', 'PG', 'PG-13', 'R', 'NC-17'),")
                    .append(" MAKE_SET(seq % 16, 'Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes'),")
                    .append(" FROM_UNIXTIME(1500000000 + seq * 3607.125),")
                    .append(" FROM_UNIXTIME(1600000000 + seq * 61),")
                    .append(" CASE WHEN seq % 750 = 0 THEN CONCAT(").append(incompressible).append(")")
                    .append(" WHEN seq % 3 = 0 THEN UNHEX(SHA2(seq, 256)) ELSE NULL END")
                    .append(" FROM seq_1_to_").append(ROWS).append(";\n")
                    .append("FLUSH TABLES pc.").append(table(a)).append(" FOR EXPORT;\nUNLOCK TABLES;\n");
            truth.put(table(a), ServerRoundTrip.truthSelect(createTable(a), "pc." + table(a)));
        }
        ServerOptions options = ServerOptions.defaults().withExtraArgs("--plugin-load-add=provider_lz4",
                "--plugin-load-add=provider_lzo", "--plugin-load-add=provider_lzma",
                "--plugin-load-add=provider_bzip2", "--plugin-load-add=provider_snappy");
        if (layout.checksum != null) {
            options = options.withChecksum(layout.checksum);
        }
        GeneratedDatadir dd = Datadirs.get(ServerKind.MARIADB_10_11, options, sql.toString(), truth);
        DATADIRS.put(layout.checksum == null ? ChecksumSetting.FULL_CRC32 : layout.checksum, dd);
        return dd;
    }

    /** Per algorithm, how many pages of the file are stored page_compressed with that algorithm. */
    private static Map<PageCompressionAlgorithm, Integer> compressedPages(Path ibd, boolean fullCrc32)
            throws Exception {
        byte[] file = Files.readAllBytes(ibd);
        int pageSize = 16384;
        FspFlags flags = FspFlags.decode(Mach.readInt(file, Fil.PAGE_DATA + 16));
        Map<PageCompressionAlgorithm, Integer> counts = new EnumMap<>(PageCompressionAlgorithm.class);
        for (int off = 0; off + pageSize <= file.length; off += pageSize) {
            if (PageCompressed.isCompressed(file, off, fullCrc32)) {
                PageCompressed.Result r = PageCompressed.decompress(file, off, pageSize, fullCrc32,
                        flags.compressionAlgorithm());
                assertThat(r.problem()).as("page %d of %s", off / pageSize, ibd).isNull();
                counts.merge(r.algorithm(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyAlgorithmWithTheDdlEqualsSelect(Layout layout) throws Exception {
        GeneratedDatadir dd = datadir(layout);
        boolean fullCrc32 = layout == Layout.FULL_CRC32;
        for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
            Path ibd = dd.file("pc/" + table(a) + ".ibd");
            // The file really is compressed with this algorithm (a crc32 tablespace may hold pages written under
            // another setting, e.g. at shutdown; most are this table's own).
            Map<PageCompressionAlgorithm, Integer> counts = compressedPages(ibd, fullCrc32);
            assertThat(counts.getOrDefault(a, 0)).as("%s %s compressed pages %s", layout, a, counts)
                    .isGreaterThan(20);
            TableDef def = ServerRoundTrip.parse(ServerKind.MARIADB_10_11, createTable(a));
            ServerRoundTrip.Recovered got = ServerRoundTrip.recover(def, ServerKind.MARIADB_10_11, List.of(ibd),
                    DeletedMode.NONE, 2);
            assertThat(got.result().complete()).as("%s %s: %s", layout, a, got.result()).isTrue();
            assertThat(got.result().foundByList()).isEqualTo(ROWS);
            // Clean pages only: for crc32 this means every decompressed page's own checksum verified.
            assertThat(got.result().problemPages()).as("%s %s", layout, a).isEmpty();
            assertThat(got.result().findings()).as("%s %s", layout, a).isEmpty();
            ServerRoundTrip.assertSameRows(got.strings(), dd.truth(table(a)), layout + " " + a);
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyAlgorithmWithoutDdlFromTheDataDirectoryEqualsSelect(Layout layout, @TempDir Path out)
            throws Exception {
        GeneratedDatadir dd = datadir(layout);
        CliRun run = CliRun.of("rows", "--threads", "2", "--out", out.toString(), dd.datadir().toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
            ServerRoundTrip.assertSameRows(ServerRoundTrip.readTsv(out.resolve("pc/" + table(a) + ".tsv")),
                    dd.truth(table(a)), layout + " " + a + " without DDL");
        }
    }

    /**
     * Page 0 zeroed in a full_crc32 tablespace: the flags naming the algorithm are gone and the layout must be
     * inferred, so the compressed pages say themselves that they are full_crc32 and each algorithm is found by
     * trying; every row still comes back.
     */
    @ParameterizedTest
    @EnumSource(PageCompressionAlgorithm.class)
    void withPage0ZeroedTheAlgorithmIsFoundByTrying(PageCompressionAlgorithm a, @TempDir Path dir) throws Exception {
        GeneratedDatadir dd = datadir(Layout.FULL_CRC32);
        Path ibd = dd.copyFileTo("pc/" + table(a) + ".ibd", dir);
        byte[] file = Files.readAllBytes(ibd);
        java.util.Arrays.fill(file, 0, 16384, (byte) 0);
        Files.write(ibd, file);
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(ibd))) {
            assertThat(input.layout().flags()).isNull();
            assertThat(input.layout().fullCrc32()).isTrue();
        }
        TableDef def = ServerRoundTrip.parse(ServerKind.MARIADB_10_11, createTable(a));
        ServerRoundTrip.Recovered got = ServerRoundTrip.recover(def, ServerKind.MARIADB_10_11, List.of(ibd),
                DeletedMode.NONE, 2);
        assertThat(got.result().complete()).as("%s: %s", a, got.result()).isTrue();
        ServerRoundTrip.assertSameRows(got.strings(), dd.truth(table(a)), a + " with page 0 zeroed");
    }

    /**
     * {@code salvage pages} on the healthy files: no page flagged. (With full_crc32 the space id lies inside the
     * compressed stream, so the stored bytes cannot be compared with page 0's.)
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void pagesFindsNothingWrongWithHealthyFiles(Layout layout) throws Exception {
        GeneratedDatadir dd = datadir(layout);
        for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
            CliRun run = CliRun.of("pages", dd.file("pc/" + table(a) + ".ibd").toString());
            assertThat(run.out()).as("%s %s", layout, a).doesNotContain("misplaced").doesNotContain("mismatch");
            assertThat(run.status()).as("%s %s: %s%s", layout, a, run.out(), run.err()).isZero();
        }
    }

    /** {@code salvage check} reads the trees of page_compressed tablespaces too: both indexes whole, in order. */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void checkWalksEveryIndexOfEveryAlgorithm(Layout layout) throws Exception {
        GeneratedDatadir dd = datadir(layout);
        for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
            CliRun run = CliRun.of("check", dd.file("pc/" + table(a) + ".ibd").toString());
            assertThat(run.status()).as("%s %s: %s%s", layout, a, run.out(), run.err()).isZero();
            assertThat(run.out()).as("%s %s", layout, a)
                    .containsPattern("\\[PRIMARY\\] index id \\d+, root page 3, 2 level\\(s\\), \\d+ leaf .* " + ROWS
                            + " entries, key order checked")
                    .containsPattern("\\[k_title\\] index id \\d+, root page 4, .* " + ROWS + " entries")
                    .contains("| status   | OK");
        }
    }

    static Stream<Arguments> damageCases() {
        List<Arguments> all = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
                all.add(Arguments.of(layout, a));
            }
        }
        return all.stream();
    }

    /**
     * 16 bytes flipped in the middle of the compressed stream of one clustered leaf: nothing throws, no row of that
     * page is invented, every other row is exact, and the page is named. Where the stream gives its first bytes
     * before the break and they agree with the stored header (all but bzip2, whose block sort scatters any damage
     * over the whole page), its PAGE_N_RECS records are counted lost; a bzip2 leaf is named by its neighbours'
     * links, its count unknown.
     */
    @ParameterizedTest
    @MethodSource("damageCases")
    void aDamagedCompressedLeafLosesOnlyItsOwnRecords(Layout layout, PageCompressionAlgorithm a, @TempDir Path dir)
            throws Exception {
        GeneratedDatadir dd = datadir(layout);
        boolean fullCrc32 = layout == Layout.FULL_CRC32;
        TableDef def = ServerRoundTrip.parse(ServerKind.MARIADB_10_11, createTable(a));
        Path ibd = dd.copyFileTo("pc/" + table(a) + ".ibd", dir);
        ServerRoundTrip.Recovered intact = ServerRoundTrip.recover(def, ServerKind.MARIADB_10_11, List.of(ibd),
                DeletedMode.NONE, 2);
        long indexId = intact.result().indexId();

        // The third compressed leaf of the clustered index, found by decompressing every page.
        byte[] file = Files.readAllBytes(ibd);
        int pageSize = 16384;
        int algorithm = FspFlags.decode(Mach.readInt(file, Fil.PAGE_DATA + 16)).compressionAlgorithm();
        long victim = -1;
        int leavesSeen = 0;
        int storedLength = 0;
        for (int p = 3; p * pageSize < file.length && victim < 0; p++) {
            PageCompressed.Result r = PageCompressed.decompress(file, p * pageSize, pageSize, fullCrc32, algorithm);
            if (r.ok() && Mach.read2(r.page(), Fil.PAGE_TYPE) == PageType.INDEX
                    && Mach.read8(r.page(), IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID) == indexId
                    && Mach.read2(r.page(), IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL) == 0
                    && ++leavesSeen == 3) {
                victim = p;
                storedLength = r.stored();
            }
        }
        assertThat(victim).as("a compressed leaf").isPositive();
        int streamStart = fullCrc32 ? PageCompressed.COMP_ALGO : PageCompressed.COMP_DATA;
        int at = (int) victim * pageSize + streamStart + storedLength / 2;
        for (int i = 0; i < 16; i++) {
            file[at + i] ^= (byte) 0x5A;
        }
        Files.write(ibd, file);

        ServerRoundTrip.Recovered damaged = ServerRoundTrip.recover(def, ServerKind.MARIADB_10_11, List.of(ibd),
                DeletedMode.NONE, 2);
        final long v = victim;
        long onVictim = intact.rows().stream().filter(r -> r.pageNo() == v).count();
        assertThat(onVictim).isPositive();
        List<List<String>> expected = intact.rows().stream().filter(r -> r.pageNo() != v)
                .map(ShopExample::strings).toList();
        assertThat(damaged.strings()).as("%s %s", layout, a).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(damaged.result().complete()).isFalse();
        CliRun check = CliRun.of("check", ibd.toString());
        assertThat(check.status()).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains("page " + v).contains("page_compressed page does not decompress");
        if (a == PageCompressionAlgorithm.BZIP2) {
            assertThat(damaged.result().missingPages()).containsExactly(v);
            assertThat(damaged.result().findings()).anySatisfy(f -> assertThat(f).contains("page " + v + ": bzip2"));
        } else {
            assertThat(damaged.result().lost()).as("%s %s", layout, a).isEqualTo(onVictim);
            assertThat(damaged.result().problemPages()).singleElement().satisfies(p -> {
                assertThat(p.pageNo()).isEqualTo(v);
                assertThat(p.checksumValid()).isFalse();
                assertThat(p.findings()).singleElement().satisfies(f -> assertThat(f)
                        .contains("page_compressed page " + v + " not decompressed, its " + onVictim + " record(s) lost")
                        .contains(a + " stream is damaged"));
            });
        }
    }
}
