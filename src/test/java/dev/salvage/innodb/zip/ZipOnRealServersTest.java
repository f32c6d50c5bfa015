package dev.salvage.innodb.zip;

import dev.salvage.recover.ServerRoundTrip;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.io.PageSource;
import dev.salvage.recover.RecoveredRow;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.RecoveryResult;
import dev.salvage.recover.TableRecovery;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ROW_FORMAT=COMPRESSED tables written by real servers, one per KEY_BLOCK_SIZE: ints, VARCHAR with a secondary
 * index, TEXT with values beyond 8 KB (ZBLOB chains, 8.0 ZLOBs; some hardly compressible so
 * their streams span several pages), 5,000 rows, then updates, deletes and inserts so pages
 * carry modification logs and free lists. Every index page must decompress, the leaf record counts must match
 * the table for both indexes, and {@code salvage rows} must return exactly what SELECT returns.
 */
@RealServer
class ZipOnRealServersTest {

    static final int[] BLOCK_SIZES = {1, 4, 8, 16};
    private static final Map<ServerKind, GeneratedDatadir> DATADIRS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ServerKind kind : List.of(ServerKind.MARIADB_10_11, ServerKind.MYSQL_5_7, ServerKind.MYSQL_8_0)) {
            for (int kbs : BLOCK_SIZES) {
                all.add(Arguments.of(kind, kbs));
            }
        }
        return all.stream();
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE z;
                SET SESSION sql_mode = '';
                CREATE TABLE z.seq (n INT PRIMARY KEY);
                INSERT INTO z.seq VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                SET SESSION group_concat_max_len = 1000000;
                CREATE TABLE z.big (n INT PRIMARY KEY);
                INSERT INTO z.big SELECT a.n + 10 * b.n + 100 * c.n FROM z.seq a, z.seq b, z.seq c
                 WHERE a.n + 10 * b.n + 100 * c.n < 400;
                """);
        for (int kbs : BLOCK_SIZES) {
            String t = "z.t" + kbs;
            sql.append("CREATE TABLE ").append(t).append(" (id INT NOT NULL PRIMARY KEY, a INT, b BIGINT NOT NULL,"
                    + " v VARCHAR(60), tx TEXT, c CHAR(3) NOT NULL, KEY kv (v)) ENGINE=InnoDB ROW_FORMAT=COMPRESSED"
                    + " KEY_BLOCK_SIZE=").append(kbs).append(" DEFAULT CHARSET=latin1;\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT x.id, IF(x.id % 7 = 0, NULL, x.id * 31 - 70000),"
                    + " x.id * 1000003, IF(x.id % 5 = 0, NULL, CONCAT('v', x.id * 7 % 1000, REPEAT('-', x.id % 40))),"
                    + " CASE WHEN x.id % 97 = 0 THEN REPEAT(CONCAT('long', x.id, ' '), 1200)"
                    + " WHEN x.id % 11 = 0 THEN NULL WHEN x.id % 13 = 0 THEN REPEAT(CONCAT('mid', x.id), 150)"
                    + " ELSE CONCAT('t', x.id) END, CHAR(65 + x.id % 26, 66, 67)"
                    + " FROM (SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS id"
                    + " FROM z.seq a, z.seq b, z.seq c, z.seq d) x WHERE x.id <= 5000;\n");
            sql.append("UPDATE ").append(t).append(" SET v = CONCAT('upd', id), a = a + 1 WHERE id % 10 = 3;\n");
            sql.append("UPDATE ").append(t).append(" SET tx = REPEAT(CONCAT('new', id, ' '), 2500) WHERE id % 250 = 7;\n");
            sql.append("UPDATE ").append(t).append(" SET tx = 'short again' WHERE id % 194 = 0;\n");
            // Hex digits compress only about 2:1: 12,800 of them need a chain of several compressed pages.
            sql.append("UPDATE ").append(t).append(" SET tx = (SELECT GROUP_CONCAT(MD5(big.n * ").append(t)
                    .append(".id) ORDER BY big.n SEPARATOR '') FROM z.big big) WHERE id % 500 = 11;\n");
            sql.append("DELETE FROM ").append(t).append(" WHERE id % 17 = 0;\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT id + 5000, a, b, v, tx, c FROM ").append(t)
                    .append(" WHERE id % 9 = 1 AND id < 1000;\n");
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (int kbs : BLOCK_SIZES) {
            queries.put("rows_" + kbs, "SELECT id, a, b, v, tx, c FROM z.t" + kbs + " ORDER BY id");
            queries.put("ddl_" + kbs, "SHOW CREATE TABLE z.t" + kbs);
        }
        return queries;
    }

    static GeneratedDatadir datadir(ServerKind kind) {
        return DATADIRS.computeIfAbsent(kind, k -> {
            try {
                return Datadirs.get(k, setupSql(), truthQueries());
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static ServerDialect dialect(ServerKind kind) {
        return switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
    }

    /** Every index page of the table's file, compressed, as (page number, bytes). */
    static Map<Long, byte[]> indexPages(RecoveryInput input) throws Exception {
        PageSize size = input.pageSize();
        Map<Long, byte[]> pages = new TreeMap<>();
        PageSource source = input.sources().get(0);
        for (long p = 0; p < source.pageCount(); p++) {
            byte[] page = new byte[size.physical()];
            if (source.readPages(p, 1, page) == 1 && ZipPage.isIndexPage(page)) {
                pages.put(p, page);
            }
        }
        return pages;
    }

    @ParameterizedTest(name = "{0} KEY_BLOCK_SIZE={1}")
    @MethodSource("cases")
    void everyIndexPageDecompressesAndHoldsEveryRecord(ServerKind kind, int kbs) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        int rowCount = dd.truth("rows_" + kbs).rows().size();
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("z/t" + kbs + ".ibd")))) {
            PageSize size = input.pageSize();
            assertThat(size.isCompressed()).isTrue();
            assertThat(size.physical()).isEqualTo(kbs * 1024);
            Map<Long, Long> leafRecords = new TreeMap<>();
            int logged = 0;
            int blobs = 0;
            int pages = 0;
            for (Map.Entry<Long, byte[]> e : indexPages(input).entrySet()) {
                ZipPage.Result r = ZipPage.decompress(e.getValue(), size.physical(), size.logical());
                assertThat(r.problem()).as("page %d", e.getKey()).isNull();
                byte[] page = r.page();
                assertThat(page).hasSize(size.logical());
                // The image is a COMPACT page: the infimum's list reaches the supremum in n_recs steps.
                int nRecs = Mach.read2(page, ZipPage.N_RECS);
                int rec = ZipPage.INFIMUM;
                for (int i = 0; i <= nRecs; i++) {
                    rec = (rec + Mach.read2(page, rec - 2)) & 0xFFFF;
                }
                assertThat(rec).as("page %d record list", e.getKey()).isEqualTo(ZipPage.SUPREMUM);
                if (Mach.read2(page, ZipPage.LEVEL) == 0) {
                    leafRecords.merge(Mach.read8(page, ZipPage.PAGE_HEADER + 28), (long) nRecs, Long::sum);
                }
                logged += r.logRecords();
                blobs += r.blobs();
                pages++;
            }
            System.out.printf("%s KEY_BLOCK_SIZE=%d: %d index pages, %d log records, %d BLOB refs%n", kind, kbs,
                    pages, logged, blobs);
            // Freed pages keep their old contents, so count what the trees reach: down the node pointers from
            // each root to the first leaf, then along the leaf chain.
            Map<Long, byte[]> all = indexPages(input);
            List<Long> counts = new ArrayList<>();
            for (long root = 3; root <= 5; root++) {
                byte[] zip = all.get(root);
                if (zip != null && Mach.read4(zip, Fil.PAGE_PREV) == Fil.FIL_NULL
                        && Mach.read4(zip, Fil.PAGE_NEXT) == Fil.FIL_NULL
                        && Mach.read4(zip, ZipPage.PAGE_HEADER + 36) == Mach.read4(zip, Fil.PAGE_SPACE_ID)) {
                    counts.add(leafPagesUnder(all, root, size).stream()
                            .mapToLong(p -> Mach.read2(all.get(p), ZipPage.N_RECS)).sum());
                }
            }
            assertThat(counts).as("leaf records per index").containsExactly((long) rowCount, (long) rowCount);
            assertThat(logged).as("records replayed from modification logs").isPositive();
        }
    }

    @ParameterizedTest(name = "{0} KEY_BLOCK_SIZE={1}")
    @MethodSource("cases")
    void rowsEqualSelect(ServerKind kind, int kbs) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        String ddl = dd.truth("ddl_" + kbs).column("Create Table").get(0);
        TableDef table = new DdlParser(dialect(kind)).parse(ddl).tables().get(0);
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        java.util.Set<Long> liveLeaves;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("z/t" + kbs + ".ibd")))) {
            result = new TableRecovery(table, RecoveryOptions.defaults().withDialect(dialect(kind)).withThreads(2))
                    .run(input, rows::add);
            // The clustered index is the first created: root page 3 (page 4 on 8.0, after the SDI root).
            Map<Long, byte[]> all = indexPages(input);
            liveLeaves = new java.util.HashSet<>(leafPagesUnder(all, all.containsKey(3L) ? 3 : 4, input.pageSize()));
        }
        // Freed leaf pages keep older row versions; the extent descriptors say they are free, so salvage
        // rows must not read them: every row comes from a leaf the tree still reaches.
        assertThat(rows).as("rows from pages the tree no longer reaches")
                .allMatch(r -> liveLeaves.contains(r.pageNo()));
        assertThat(result.complete()).as("%s %s %s", result.indexChoice(), result.problemPages(), result.findings())
                .isTrue();
        List<List<String>> got = new ArrayList<>();
        rows.stream().map(ZipOnRealServersTest::strings)
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.get(0)))).forEach(got::add);
        ResultTable truth = dd.truth("rows_" + kbs);
        assertThat(got).hasSize(truth.rows().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(brief(got.get(i))).as("row %d", i).isEqualTo(brief(truth.rows().get(i)));
        }
    }

    /** The leaf pages the index rooted at {@code root} reaches, in key order. */
    private static List<Long> leafPagesUnder(Map<Long, byte[]> pages, long root, PageSize size) {
        long pageNo = root;
        ZipRecordShape shape = new ZipRecordShape();
        for (int depth = 0; depth < 10; depth++) {
            ZipPage.Result r = ZipPage.decompress(pages.get(pageNo), size.physical(), size.logical());
            byte[] page = r.page();
            if (Mach.read2(page, ZipPage.LEVEL) == 0) {
                break;
            }
            int first = (ZipPage.INFIMUM + Mach.read2(page, ZipPage.INFIMUM - 2)) & 0xFFFF;
            assertThat(shape.read(r.fields(), true, page, first - 6, -1, ZipPage.ZIP_START, first - 5)).isTrue();
            pageNo = Mach.read4(page, first + shape.dataSize() - 4);
        }
        List<Long> leaves = new ArrayList<>();
        while (pageNo != Fil.FIL_NULL && !leaves.contains(pageNo)) {
            byte[] zip = pages.get(pageNo);
            assertThat(zip).as("leaf page %d", pageNo).isNotNull();
            leaves.add(pageNo);
            pageNo = Mach.read4(zip, Fil.PAGE_NEXT);
        }
        return leaves;
    }

    /** A leaf whose zlib stream is overwritten: its records are accounted as lost, every other row still comes. */
    @org.junit.jupiter.api.Test
    void rowsReportALeafThatWillNotDecompress(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        ServerKind kind = ServerKind.MARIADB_10_11;
        GeneratedDatadir dd = datadir(kind);
        java.nio.file.Path copy = dd.copyFileTo("z/t4.ibd", tmp);
        long victim;
        int victimRecords;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(copy))) {
            Map<Long, byte[]> all = indexPages(input);
            List<Long> leaves = leafPagesUnder(all, 3, input.pageSize());
            victim = leaves.get(leaves.size() / 2);
            victimRecords = Mach.read2(all.get(victim), ZipPage.N_RECS);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                java.nio.file.StandardOpenOption.WRITE)) {
            byte[] junk = new byte[64];
            java.util.Arrays.fill(junk, (byte) 0x55);
            ch.write(java.nio.ByteBuffer.wrap(junk), victim * 4096 + 300);
        }
        String ddl = dd.truth("ddl_4").column("Create Table").get(0);
        TableDef table = new DdlParser(dialect(kind)).parse(ddl).tables().get(0);
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(copy))) {
            result = new TableRecovery(table, RecoveryOptions.defaults().withDialect(dialect(kind)).withThreads(2))
                    .run(input, rows::add);
        }
        assertThat(result.complete()).isFalse();
        assertThat(result.problemPages()).anySatisfy(p -> {
            assertThat(p.pageNo()).isEqualTo(victim);
            assertThat(p.lost()).isEqualTo(victimRecords);
            assertThat(p.findings()).anySatisfy(f -> assertThat(f).contains("not decompressed"));
        });
        assertThat(rows).hasSize(dd.truth("rows_4").rows().size() - victimRecords);
    }

    /** Damaged copies of real pages: decompression reports, never throws, and never returns a wrong size. */
    @ParameterizedTest(name = "{0} KEY_BLOCK_SIZE={1}")
    @MethodSource("cases")
    void damagedPagesNeverThrow(ServerKind kind, int kbs) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("z/t" + kbs + ".ibd")))) {
            PageSize size = input.pageSize();
            Random random = new Random(kbs * 31L + kind.ordinal());
            int failures = 0;
            int tries = 0;
            for (byte[] original : indexPages(input).values()) {
                for (int t = 0; t < 40; t++) {
                    byte[] damaged = original.clone();
                    int n = 1 + random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        int at = t % 4 == 0 ? Fil.PAGE_DATA + random.nextInt(60) : random.nextInt(damaged.length);
                        damaged[at] = (byte) random.nextInt(256);
                    }
                    if (t == 39) {
                        java.util.Arrays.fill(damaged, damaged.length / 2, damaged.length, (byte) 0);
                    }
                    ZipPage.Result r = ZipPage.decompress(damaged, size.physical(), size.logical());
                    tries++;
                    if (r.ok()) {
                        assertThat(r.page()).hasSize(size.logical());
                    } else {
                        failures++;
                        assertThat(r.problem()).isNotBlank();
                    }
                }
            }
            System.out.printf("%s KEY_BLOCK_SIZE=%d: %d of %d damaged pages refused%n", kind, kbs, failures, tries);
            assertThat(failures).isPositive();
        }
    }

    /** Long values as prefix, length and hash: exact enough, and a failure stays readable. */
    static List<String> brief(List<String> row) {
        List<String> out = new ArrayList<>();
        for (String v : row) {
            out.add(v == null || v.length() <= 100 ? v
                    : v.substring(0, 40) + "...(" + v.length() + " chars, hash " + v.hashCode() + ")");
        }
        return out;
    }

    static List<String> strings(RecoveredRow row) {
        return ServerRoundTrip.strings(row.values());
    }
}
