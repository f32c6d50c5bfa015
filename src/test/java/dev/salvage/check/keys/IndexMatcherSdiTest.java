package dev.salvage.check.keys;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.recover.TemporalFormat;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SchemaSources;
import dev.salvage.sdi.SdiFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL 8.0 files name their index ids in the SDI: byDictionary must agree with information_schema. */
@RealServer
class IndexMatcherSdiTest {

    @Test
    void dictionaryIdsNameEveryIndex() throws Exception {
        GeneratedDatadir dd = KeysFixture.datadir(ServerKind.MYSQL_8_0);
        for (String format : KeysFixture.FORMATS) {
            for (String stem : KeysFixture.STEMS) {
                String name = KeysFixture.name(stem, format);
                List<FoundTable> found = SchemaSources.fromSdi(SdiFile.read(dd.file("ck/" + name + ".ibd")));
                assertThat(found).hasSize(1);
                List<IndexShape> shapes = IndexShape.of(found.get(0).table(),
                        format.equals("redundant") ? RecordFormat.REDUNDANT : RecordFormat.COMPACT,
                        TemporalFormat.MYSQL56, KeysFixture.dialect(ServerKind.MYSQL_8_0));
                Map<Long, String> matched = new TreeMap<>();
                IndexMatcher.byDictionary(shapes, found.get(0).indexes())
                        .forEach((id, m) -> matched.put(id, m.shape().name()));
                assertThat(matched).as(name).isEqualTo(KeysFixture.indexNames(dd, name));
            }
        }
    }
}
