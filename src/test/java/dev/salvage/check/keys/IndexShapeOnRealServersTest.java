package dev.salvage.check.keys;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On tables each server wrote: the shapes parse every record of every index, the keys of every index ascend
 * strictly under the shape's comparator along the whole leaf chain and within every node pointer page (so the
 * comparators agree with the server's own order), each index holds COUNT(*) entries, and IndexMatcher names
 * every index id as information_schema does, from sampled leaf pages alone.
 */
@RealServer
class IndexShapeOnRealServersTest {

    static Stream<Arguments> tables() {
        List<Arguments> out = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String format : KeysFixture.FORMATS) {
                for (String stem : KeysFixture.STEMS) {
                    out.add(Arguments.of(kind, KeysFixture.name(stem, format)));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tables")
    void everyIndexIsInOrderAndMatched(ServerKind kind, String name) throws Exception {
        GeneratedDatadir dd = KeysFixture.datadir(kind);
        TableDef table = KeysFixture.table(dd, name);
        IbdIndexes ibd = new IbdIndexes(dd.file("ck/" + name + ".ibd"), dd.options().effectivePageSize());
        RecordFormat format = name.endsWith("redundant") ? RecordFormat.REDUNDANT : RecordFormat.COMPACT;
        List<IndexShape> shapes = IndexShape.of(table, format, dev.salvage.recover.TemporalFormat.MYSQL56,
                KeysFixture.dialect(kind));
        Map<Long, String> truth = truthNames(dd.truth("indexes"), "ck/" + name);
        assertThat(shapes).hasSize(truth.size());
        long rows = Long.parseLong(dd.truth("count_" + name).rows().get(0).get(0));

        IndexMatcher matcher = new IndexMatcher(shapes, ibd.pageSize());
        for (Map.Entry<Long, List<Integer>> e : ibd.pagesByIndex().entrySet()) {
            for (int p : e.getValue()) {
                matcher.sample(e.getKey(), ibd.page(p));
            }
        }
        Map<Long, IndexMatcher.Match> matches = matcher.match();
        Map<Long, String> matched = new HashMap<>();
        matches.forEach((id, m) -> matched.put(id, m.shape().name()));
        assertThat(matched).as("index ids matched from sampled pages").isEqualTo(truth);

        for (Map.Entry<Long, String> e : truth.entrySet()) {
            IndexShape shape = shapes.stream().filter(s -> s.name().equals(e.getValue())).findFirst().orElseThrow();
            assertThat(shape.order()).as(shape.name() + ": " + shape.orderNote()).isPresent();
            long entries = checkLeaves(ibd, e.getKey(), shape);
            assertThat(entries).as(shape.name() + " entries").isEqualTo(rows);
            checkNodePointers(ibd, e.getKey(), shape);
        }
        if (name.startsWith("keys")) {
            long nodePages = ibd.pagesByIndex().values().stream().flatMap(List::stream).filter(p -> ibd.level(p) > 0)
                    .count();
            assertThat(nodePages).as("node pointer pages checked").isGreaterThan(5);
        }
    }

    private static long checkLeaves(IbdIndexes ibd, long indexId, IndexShape shape) {
        Comparator<IndexKey> order = shape.order().orElseThrow();
        List<Integer> chain = ibd.leafChain(indexId);
        long leaves = ibd.pagesByIndex().get(indexId).stream().filter(p -> ibd.level(p) == 0).count();
        assertThat(chain).as(shape.name() + " leaf chain").hasSize((int) leaves);
        IndexKey[] previous = {null};
        long[] count = {0};
        RecordOffsets rec = new RecordOffsets();
        for (int p : chain) {
            byte[] page = ibd.page(p);
            RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
            new RecordWalker().walkRecords(page, ibd.pageSize(), origin -> {
                assertThat(RecordParser.parse(page, ibd.pageSize(), origin, format, shape.leafLayout(), rec))
                        .as(shape.name() + " page " + p + " " + rec.describe()).isTrue();
                IndexKey key = shape.key(page, rec);
                if (previous[0] != null) {
                    assertThat(order.compare(previous[0], key)).as(shape.name() + " page " + p + ": "
                            + shape.describe(previous[0]) + " < " + shape.describe(key)).isNegative();
                }
                previous[0] = key;
                count[0] += rec.deleted() ? 0 : 1;
                return true;
            });
        }
        return count[0];
    }

    private static void checkNodePointers(IbdIndexes ibd, long indexId, IndexShape shape) {
        Comparator<IndexKey> order = shape.order().orElseThrow();
        RecordOffsets rec = new RecordOffsets();
        for (int p : ibd.pagesByIndex().get(indexId)) {
            if (ibd.level(p) == 0) {
                continue;
            }
            byte[] page = ibd.page(p);
            RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
            IndexKey[] previous = {null};
            new RecordWalker().walkRecords(page, ibd.pageSize(), origin -> {
                assertThat(RecordParser.parse(page, ibd.pageSize(), origin, format, shape.nodePointerLayout(), rec))
                        .as(shape.name() + " node pointer page " + p + " " + rec.describe()).isTrue();
                int child = (int) dev.salvage.innodb.fil.Mach.read4(page, rec.offset(shape.keyFields()));
                assertThat(ibd.pagesByIndex().get(indexId)).as(shape.name() + " child of page " + p).contains(child);
                assertThat(ibd.level(child)).as(shape.name() + " child level").isEqualTo(ibd.level(p) - 1);
                IndexKey key = shape.key(page, rec);
                // The first node pointer of each level's leftmost page has MIN_REC: its key is not a bound.
                if (previous[0] != null) {
                    assertThat(order.compare(previous[0], key)).as(shape.name() + " node pointers page " + p)
                            .isNegative();
                }
                previous[0] = rec.minRec() ? null : key;
                return true;
            });
        }
    }

    static Map<Long, String> truthNames(ResultTable indexes, String tableName) {
        Map<Long, String> out = new HashMap<>();
        for (List<String> row : indexes.rows()) {
            if (row.get(indexes.columnIndex("TABLE_NAME")).equals(tableName)) {
                out.put(Long.parseLong(row.get(indexes.columnIndex("INDEX_ID"))),
                        row.get(indexes.columnIndex("INDEX_NAME")));
            }
        }
        return out;
    }
}
