package dev.salvage.check.keys;

import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Secondary index record composition (dict_index_build_internal_non_clust) on hand-written definitions. */
class IndexShapeTest {

    private static List<IndexShape> shapes(String ddl) {
        TableDef t = new DdlParser(ServerDialect.MYSQL_8_0).parse(ddl).tables().get(0);
        return IndexShape.of(t, RecordFormat.COMPACT);
    }

    @Test
    void secondaryAppendsTheClusteredKeyColumnsNotAlreadyThere() {
        List<IndexShape> s = shapes("CREATE TABLE t (a INT NOT NULL, b INT, c VARCHAR(20) CHARACTER SET latin1"
                + " NOT NULL, d TEXT, PRIMARY KEY (a, c), KEY kb (b), KEY kca (c, a), UNIQUE KEY ub (b, d(10)),"
                + " KEY kc3 (c(3)), FULLTEXT KEY ft (d)) DEFAULT CHARSET=utf8mb4");
        assertThat(s).extracting(IndexShape::name).containsExactly("PRIMARY", "kb", "kca", "ub", "kc3");
        assertThat(s.get(0).clustered()).isTrue();
        assertThat(s.get(0).keyFields()).isEqualTo(2);
        assertThat(s.get(1).fieldNames()).containsExactly("b", "a", "c");
        assertThat(s.get(2).fieldNames()).containsExactly("c", "a");
        assertThat(s.get(3).fieldNames()).containsExactly("b", "d(10)", "a", "c");
        // A prefix does not contain its column: the full c follows the prefix.
        assertThat(s.get(4).fieldNames()).containsExactly("c(3)", "a", "c");
        // Node pointers hold every field of a secondary record; uniqueness covers the index's own columns.
        assertThat(s.get(3).keyFields()).isEqualTo(4);
        assertThat(s.get(3).uniqueFields()).isEqualTo(2);
        assertThat(s.get(3).nodePointerLayout().size()).isEqualTo(5);
        assertThat(s.get(1).uniqueFields()).isEqualTo(3);
        // d is TEXT: its 40-byte prefix is stored with the column's "big" length bytes.
        assertThat(s.get(3).leafLayout().isBig(1)).isTrue();
        assertThat(s.get(4).leafLayout().fixedLength(0)).isZero();
        assertThat(s.get(4).leafLayout().maxLength(0)).isEqualTo(3);
    }

    @Test
    void tableWithoutKeyClustersOnRowIdAndSecondariesCarryIt() {
        List<IndexShape> s = shapes("CREATE TABLE t (a INT, b VARCHAR(10), KEY ka (a))");
        assertThat(s.get(0).name()).isEqualTo("GEN_CLUST_INDEX");
        assertThat(s.get(0).index()).isEmpty();
        assertThat(s.get(1).fieldNames()).containsExactly("a", "DB_ROW_ID");
        assertThat(s.get(1).order()).isPresent();
    }

    @Test
    void uncheckableCollationsSayWhyAndDescendingPartsReverse() {
        List<IndexShape> s = shapes("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10) COLLATE utf8mb4_0900_ai_ci,"
                + " w VARCHAR(10) COLLATE utf8mb4_bin, KEY kv (v), KEY kw (w DESC), KEY kwa (w))");
        assertThat(s.get(1).order()).isEmpty();
        assertThat(s.get(1).orderNote()).contains("utf8mb4_0900_ai_ci");
        assertThat(s.get(2).order()).isPresent();
        assertThat(s.get(3).order()).isPresent();
        // w DESC: 'b' before 'a' in kw, the other way round in kwa.
        IndexKey a = new IndexKey(new byte[][] {{'a'}, {(byte) 0x80, 0, 0, 1}});
        IndexKey b = new IndexKey(new byte[][] {{'b'}, {(byte) 0x80, 0, 0, 1}});
        assertThat(s.get(2).order().orElseThrow().compare(b, a)).isNegative();
        assertThat(s.get(3).order().orElseThrow().compare(b, a)).isPositive();
    }

    @Test
    void keysPrintDecodedValues() {
        List<IndexShape> s = shapes("CREATE TABLE t (id INT PRIMARY KEY, n BIGINT, KEY kn (n))");
        IndexKey key = new IndexKey(new byte[][] {{0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}, {(byte) 0x80, 0, 0, 5}});
        assertThat(s.get(1).describe(key)).isEqualTo("(n=-2, id=5)");
        assertThat(new IndexKey(new byte[][] {null, {'x'}}).toString()).isEqualTo("(NULL, 'x')");
    }
}
