package dev.salvage.check.cross;

import dev.salvage.check.keys.IbdIndexes;
import dev.salvage.check.keys.IndexKey;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.check.keys.KeysFixture;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.recover.TemporalFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secondary indexes against the clustered index on tables each server wrote: nothing on the clean tables
 * (every index holds COUNT(*) entries, the same keys the clustered records project to); on damaged copies of
 * single pages, each damage gives its own finding naming page and key: an entry removed as the server
 * deletes, an entry delete-marked, a duplicate in a unique index, two keys swapped (an order finding; the
 * multiset stays equal, so no cross finding).
 */
@RealServer
class SecondaryConsistencyOnRealServersTest {

    private static final String KEYS = KeysFixture.name("keys", "dynamic");
    /** Small, so that the spill's partitions are split again on a table of 6,000 rows. */
    private static final int MAX_IN_MEMORY = 300;

    private record Table(IbdIndexes ibd, List<IndexShape> shapes, Map<Long, String> names, long rows) {
        IndexShape shape(String name) {
            return shapes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }

        long indexId(String name) {
            return names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow()
                    .getKey();
        }
    }

    private static Table load(ServerKind kind, String name) throws Exception {
        GeneratedDatadir dd = KeysFixture.datadir(kind);
        IbdIndexes ibd = new IbdIndexes(dd.file("ck/" + name + ".ibd"), dd.options().effectivePageSize());
        RecordFormat format = name.endsWith("redundant") ? RecordFormat.REDUNDANT : RecordFormat.COMPACT;
        List<IndexShape> shapes = IndexShape.of(KeysFixture.table(dd, name), format, TemporalFormat.MYSQL56,
                KeysFixture.dialect(kind));
        long rows = Long.parseLong(dd.truth("count_" + name).rows().get(0).get(0));
        return new Table(ibd, shapes, KeysFixture.indexNames(dd, name), rows);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void cleanTablesGiveNothing(ServerKind kind, @TempDir Path spill) throws Exception {
        for (String format : KeysFixture.FORMATS) {
            for (String stem : KeysFixture.STEMS) {
                String name = KeysFixture.name(stem, format);
                Table t = load(kind, name);
                CrossRun run = CrossRun.of(t.ibd(), t.shapes(), t.names(), spill, MAX_IN_MEMORY);
                assertThat(run.findings).as(kind + " " + name).isEmpty();
                assertThat(run.clusteredRecords).isEqualTo(t.rows());
                assertThat(run.entries.values()).as(name + " entries per index").allMatch(n -> n == t.rows())
                        .hasSize(t.shapes().size() - 1);
            }
        }
    }

    /** A leaf page in the middle of {@code index}'s chain and one of its records owning no directory slot. */
    private static int[] victim(Table t, String index) {
        List<Integer> chain = t.ibd().leafChain(t.indexId(index));
        int p = chain.get(chain.size() / 2);
        byte[] page = t.ibd().page(p);
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        for (int origin : PageSurgery.records(page, t.ibd().pageSize())) {
            if (RecordHeader.nOwned(page, origin, format) == 0) {
                return new int[] {p, origin};
            }
        }
        throw new AssertionError("no record without a slot on page " + p);
    }

    private static IndexKey keyAt(Table t, IndexShape shape, byte[] page, int origin, RecordOffsets rec) {
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        assertThat(RecordParser.parse(page, t.ibd().pageSize(), origin, format, shape.leafLayout(), rec)).isTrue();
        return shape.key(page, rec);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void removedEntryIsMissing(ServerKind kind, @TempDir Path spill) throws Exception {
        for (boolean unlink : new boolean[] {true, false}) {
            Table t = load(kind, KEYS);
            IndexShape shape = t.shape("k_big");
            int[] v = victim(t, "k_big");
            byte[] page = t.ibd().page(v[0]);
            RecordOffsets rec = new RecordOffsets();
            IndexKey removed = keyAt(t, shape, page, v[1], rec);
            if (unlink) {
                PageSurgery.unlink(page, t.ibd().pageSize(), v[1], rec.totalSize());
            } else {
                PageSurgery.deleteMark(page, v[1]);
            }
            t.ibd().write(v[0], page);

            CrossRun run = CrossRun.of(t.ibd(), t.shapes(), t.names(), spill, MAX_IN_MEMORY);
            String what = kind + (unlink ? " unlinked " : " delete-marked ") + shape.describe(removed);
            assertThat(run.findings).as(what).extracting(CrossFinding::kind).containsExactlyInAnyOrder(
                    CrossFinding.Kind.COUNT_MISMATCH, CrossFinding.Kind.MISSING_ENTRY);
            assertThat(run.findings).allMatch(f -> f.index().equals("k_big"));
            CrossFinding missing = run.findings.stream()
                    .filter(f -> f.kind() == CrossFinding.Kind.MISSING_ENTRY).findFirst().orElseThrow();
            assertThat(missing.key()).isEqualTo(shape.describe(removed));
            assertThat(t.ibd().leafChain(t.indexId("PRIMARY"))).contains((int) missing.page());
            assertThat(run.findings.stream().filter(f -> f.kind() == CrossFinding.Kind.COUNT_MISMATCH)
                    .findFirst().orElseThrow().message())
                    .contains("contains " + (t.rows() - 1) + " entries, should be " + t.rows());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void duplicateInUniqueIndex(ServerKind kind, @TempDir Path spill) throws Exception {
        Table t = load(kind, KEYS);
        IndexShape shape = t.shape("u_vb");
        List<Integer> chain = t.ibd().leafChain(t.indexId("u_vb"));
        int p = chain.get(chain.size() / 2);
        byte[] page = t.ibd().page(p);
        RecordOffsets a = new RecordOffsets();
        RecordOffsets b = new RecordOffsets();
        List<Integer> recs = PageSurgery.records(page, t.ibd().pageSize());
        IndexKey copied = null;
        for (int i = 0; i + 1 < recs.size() && copied == null; i++) {
            keyAt(t, shape, page, recs.get(i), a);
            keyAt(t, shape, page, recs.get(i + 1), b);
            if (a.length(0) == b.length(0)) {
                // The second record takes the first one's vb: two entries, one value, different ids.
                System.arraycopy(page, a.offset(0), page, b.offset(0), a.length(0));
                copied = shape.key(page, a);
            }
        }
        assertThat(copied).as("two neighbours with values of one length").isNotNull();
        t.ibd().write(p, page);

        CrossRun run = CrossRun.of(t.ibd(), t.shapes(), t.names(), spill, MAX_IN_MEMORY);
        assertThat(run.findings).as(kind + " " + run.findings).extracting(CrossFinding::kind)
                .containsExactlyInAnyOrder(CrossFinding.Kind.DUPLICATE_KEY, CrossFinding.Kind.COUNT_MISMATCH,
                        CrossFinding.Kind.ORPHAN_ENTRY, CrossFinding.Kind.MISSING_ENTRY);
        CrossFinding dup = run.findings.get(0);
        assertThat(dup.kind()).isEqualTo(CrossFinding.Kind.DUPLICATE_KEY);
        assertThat(dup.page()).isEqualTo(p);
        assertThat(dup.message()).contains(shape.describe(copied.prefix(1)).replace(")", ""));
        CrossFinding orphan = run.findings.stream().filter(f -> f.kind() == CrossFinding.Kind.ORPHAN_ENTRY)
                .findFirst().orElseThrow();
        assertThat(orphan.page()).isEqualTo(p);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void swappedKeysAreOutOfOrderButConsistent(ServerKind kind, @TempDir Path spill) throws Exception {
        Table t = load(kind, KEYS);
        IndexShape shape = t.shape("k_big");
        int[] v = victim(t, "k_big");
        byte[] page = t.ibd().page(v[0]);
        List<Integer> recs = PageSurgery.records(page, t.ibd().pageSize());
        int first = recs.get(1);
        int second = recs.get(recs.size() - 2);
        PageSurgery.swapData(page, first, second, 12); // BIGINT + INT: fixed-length, no header bytes differ
        t.ibd().write(v[0], page);

        Comparator<IndexKey> order = shape.order().orElseThrow();
        RecordOffsets rec = new RecordOffsets();
        IndexKey previous = null;
        int descents = 0;
        for (int origin : recs) {
            IndexKey key = keyAt(t, shape, page, origin, rec);
            descents += previous != null && order.compare(previous, key) >= 0 ? 1 : 0;
            previous = key;
        }
        assertThat(descents).as("records out of order after the swap").isEqualTo(2);
        CrossRun run = CrossRun.of(t.ibd(), t.shapes(), t.names(), spill, MAX_IN_MEMORY);
        assertThat(run.findings).as("the same keys are all still there").isEmpty();
    }
}
