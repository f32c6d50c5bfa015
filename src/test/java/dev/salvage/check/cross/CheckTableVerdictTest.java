package dev.salvage.check.cross;

import dev.salvage.check.keys.IbdIndexes;
import dev.salvage.check.keys.IndexKey;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.check.keys.KeysFixture;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.TestServer;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.recover.TemporalFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own CHECK TABLE … EXTENDED on a copied datadir with three damages, checksums rewritten: a
 * secondary entry removed as the server deletes (unlinked; n_owned, PAGE_N_RECS and the free list fixed) —
 * the server and salvage must both say that index k_big holds one entry too few; two neighbours of a unique
 * index given one value; two keys of a secondary index swapped. Where the server calls a table corrupt,
 * salvage must find something too. The servers' words are printed for the report; when a server cannot
 * check (it crashes), that is printed instead and only salvage is held to it.
 */
@RealServer
class CheckTableVerdictTest {

    private static final String TABLE = KeysFixture.name("keys", "dynamic");

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void removedEntrySameVerdictAsTheServer(ServerKind kind, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = KeysFixture.datadir(kind);
        Path copy = dd.copyTo(temp.resolve("datadir"));
        Path ibdFile = copy.resolve("ck/" + TABLE + ".ibd");
        int pageSize = dd.options().effectivePageSize();
        IbdIndexes ibd = new IbdIndexes(ibdFile, pageSize);
        List<IndexShape> shapes = IndexShape.of(KeysFixture.table(dd, TABLE), RecordFormat.COMPACT,
                TemporalFormat.MYSQL56, KeysFixture.dialect(kind));
        Map<Long, String> names = KeysFixture.indexNames(dd, TABLE);
        long rows = Long.parseLong(dd.truth("count_" + TABLE).rows().get(0).get(0));
        long kBig = names.entrySet().stream().filter(e -> e.getValue().equals("k_big")).findFirst().orElseThrow()
                .getKey();
        IndexShape shape = shapes.stream().filter(s -> s.name().equals("k_big")).findFirst().orElseThrow();

        List<Integer> chain = ibd.leafChain(kBig);
        int p = chain.get(chain.size() / 2);
        byte[] page = ibd.page(p);
        RecordOffsets rec = new RecordOffsets();
        int victim = -1;
        for (int origin : PageSurgery.records(page, pageSize)) {
            if (RecordHeader.nOwned(page, origin, RecordFormat.COMPACT) == 0) {
                victim = origin;
                break;
            }
        }
        assertThat(RecordParser.parse(page, pageSize, victim, RecordFormat.COMPACT, shape.leafLayout(), rec)).isTrue();
        IndexKey removed = shape.key(page, rec);
        PageSurgery.unlink(page, pageSize, victim, rec.totalSize());
        PageSurgery.fixChecksum(page, pageSize, kind);
        ibd.write(p, page);
        Files.write(ibdFile, ibd.bytes());

        CrossRun ours = CrossRun.of(new IbdIndexes(ibdFile, pageSize), shapes, names, temp, 10_000);
        assertThat(ours.findings).extracting(CrossFinding::message).anyMatch(m -> m.contains(
                "Index k_big contains " + (rows - 1) + " entries, should be " + rows));
        assertThat(ours.findings).extracting(CrossFinding::key).contains(shape.describe(removed));

        // Two more damages in other tables of the same copy, each checked by both.
        String dupTable = KeysFixture.name("keys", "redundant");
        List<CrossFinding> dup = duplicate(dd, copy, dupTable, kind);
        assertThat(dup).extracting(CrossFinding::kind).contains(CrossFinding.Kind.DUPLICATE_KEY);
        String swapTable = KeysFixture.name("nokey", "dynamic");
        int descents = swap(dd, copy, swapTable, kind);
        assertThat(descents).as("salvage sees the swapped keys out of order").isPositive();

        Map<String, List<String>> server = new java.util.LinkedHashMap<>();
        try (TestServer s = TestServer.start(kind, dd.options(), copy)) {
            for (String t : List.of(TABLE, dupTable, swapTable)) {
                List<String> verdict = new ArrayList<>();
                try {
                    for (List<String> row : s.query("CHECK TABLE ck." + t + " EXTENDED")) {
                        verdict.add(row.get(2) + ": " + row.get(3));
                    }
                } catch (java.sql.SQLException e) {
                    verdict.add("server could not check: " + e.getMessage());
                }
                server.put(t, verdict);
            }
        }
        System.out.println("[CHECK TABLE " + kind + "] removed k_big entry " + shape.describe(removed) + " page " + p
                + ": server " + server.get(TABLE) + " | salvage " + ours.findings.stream().map(CrossFinding::message)
                .toList());
        System.out.println("[CHECK TABLE " + kind + "] duplicate in u_vb: server " + server.get(dupTable)
                + " | salvage " + dup.stream().map(CrossFinding::message).toList());
        System.out.println("[CHECK TABLE " + kind + "] two k_a keys swapped: server " + server.get(swapTable)
                + " | salvage " + descents + " records out of order");
        if (server.get(TABLE).stream().noneMatch(m -> m.startsWith("server could not check"))) {
            assertThat(server.get(TABLE)).as("the server's verdict").anyMatch(m -> m.contains("k_big")
                    && m.contains(String.valueOf(rows - 1)) && m.contains(String.valueOf(rows)));
        }
        // Never a table the server calls corrupt that salvage passes (the reverse happens: MySQL passes the
        // duplicate, which only MariaDB's entry-by-entry comparison notices).
        assertThat(server.get(dupTable).stream().anyMatch(m -> m.contains("Corrupt"))
                ? dup.stream().anyMatch(CrossFinding::isError) : true).isTrue();
        assertThat(server.get(swapTable).stream().anyMatch(m -> m.contains("Corrupt")) ? descents > 0 : true)
                .isTrue();
    }

    private static List<IndexShape> shapes(GeneratedDatadir dd, String table, ServerKind kind) {
        RecordFormat format = table.endsWith("redundant") ? RecordFormat.REDUNDANT : RecordFormat.COMPACT;
        return IndexShape.of(KeysFixture.table(dd, table), format, TemporalFormat.MYSQL56, KeysFixture.dialect(kind));
    }

    private static long id(Map<Long, String> names, String index) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(index)).findFirst().orElseThrow().getKey();
    }

    /** Two neighbours of unique index u_vb get one vb value; returns salvage's findings on the table. */
    private static List<CrossFinding> duplicate(GeneratedDatadir dd, Path copy, String table, ServerKind kind)
            throws Exception {
        int pageSize = dd.options().effectivePageSize();
        Path file = copy.resolve("ck/" + table + ".ibd");
        IbdIndexes ibd = new IbdIndexes(file, pageSize);
        List<IndexShape> shapes = shapes(dd, table, kind);
        Map<Long, String> names = KeysFixture.indexNames(dd, table);
        IndexShape shape = shapes.stream().filter(x -> x.name().equals("u_vb")).findFirst().orElseThrow();
        List<Integer> chain = ibd.leafChain(id(names, "u_vb"));
        int p = chain.get(chain.size() / 2);
        byte[] page = ibd.page(p);
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        RecordOffsets a = new RecordOffsets();
        RecordOffsets b = new RecordOffsets();
        List<Integer> recs = PageSurgery.records(page, pageSize);
        boolean done = false;
        for (int i = 0; i + 1 < recs.size() && !done; i++) {
            RecordParser.parse(page, pageSize, recs.get(i), format, shape.leafLayout(), a);
            RecordParser.parse(page, pageSize, recs.get(i + 1), format, shape.leafLayout(), b);
            if (a.ok() && b.ok() && a.length(0) == b.length(0)) {
                System.arraycopy(page, a.offset(0), page, b.offset(0), a.length(0));
                done = true;
            }
        }
        assertThat(done).isTrue();
        PageSurgery.fixChecksum(page, pageSize, kind);
        ibd.write(p, page);
        Files.write(file, ibd.bytes());
        return CrossRun.of(ibd, shapes, names, copy.getParent(), 10_000).findings;
    }

    /**
     * Two records of index k_a (a INT, DB_ROW_ID) on one leaf page, both with a non-NULL a, exchange their
     * data bytes; returns how many neighbours salvage's comparator then finds out of order on that page.
     */
    private static int swap(GeneratedDatadir dd, Path copy, String table, ServerKind kind) throws Exception {
        int pageSize = dd.options().effectivePageSize();
        Path file = copy.resolve("ck/" + table + ".ibd");
        IbdIndexes ibd = new IbdIndexes(file, pageSize);
        IndexShape shape = shapes(dd, table, kind).stream().filter(x -> x.name().equals("k_a")).findFirst()
                .orElseThrow();
        List<Integer> chain = ibd.leafChain(id(KeysFixture.indexNames(dd, table), "k_a"));
        int p = chain.get(chain.size() / 2);
        byte[] page = ibd.page(p);
        RecordOffsets rec = new RecordOffsets();
        List<Integer> nonNull = new ArrayList<>();
        List<IndexKey> keys = new ArrayList<>();
        for (int origin : PageSurgery.records(page, pageSize)) {
            RecordParser.parse(page, pageSize, origin, RecordFormat.COMPACT, shape.leafLayout(), rec);
            if (rec.ok() && !rec.isNull(0) && shape.key(page, rec).field(0)[3] != 0) {
                nonNull.add(origin);
            }
        }
        int first = nonNull.get(0);
        int last = nonNull.get(nonNull.size() - 1);
        PageSurgery.swapData(page, first, last, 10);
        for (int origin : PageSurgery.records(page, pageSize)) {
            RecordParser.parse(page, pageSize, origin, RecordFormat.COMPACT, shape.leafLayout(), rec);
            keys.add(shape.key(page, rec));
        }
        int descents = 0;
        for (int i = 1; i < keys.size(); i++) {
            descents += shape.order().orElseThrow().compare(keys.get(i - 1), keys.get(i)) >= 0 ? 1 : 0;
        }
        PageSurgery.fixChecksum(page, pageSize, kind);
        ibd.write(p, page);
        Files.write(file, ibd.bytes());
        return descents;
    }
}
