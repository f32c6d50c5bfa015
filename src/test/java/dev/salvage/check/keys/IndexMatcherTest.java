package dev.salvage.check.keys;

import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexMatcherTest {

    @Test
    void emptyIndexesTakeTheShapesInIdOrder() {
        List<IndexShape> shapes = IndexShape.of(new DdlParser(ServerDialect.MARIADB_10_11).parse(
                "CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY ka (a))").tables().get(0), RecordFormat.COMPACT);
        IndexMatcher matcher = new IndexMatcher(shapes, 16384);
        matcher.sample(31, new byte[16384]); // an empty root leaf: no record to try a layout on
        matcher.sample(30, new byte[16384]);
        var matches = matcher.match();
        assertThat(matches.get(30L).shape().name()).isEqualTo("PRIMARY");
        assertThat(matches.get(31L).shape().name()).isEqualTo("ka");
        assertThat(matches.get(31L).score()).isZero();
        assertThat(IndexMatcher.clusteredId(matches)).contains(30L);
    }
}
