package dev.salvage.check.keys;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Damaged bytes never make the key layer throw: keys of any length print and compare, garbage pages match nothing. */
class KeyLayerFuzzTest {

    private static final String DDL = "CREATE TABLE t (id INT NOT NULL, d DECIMAL(12,3), dt DATETIME(3), ts TIMESTAMP(6)"
            + " NULL, tm TIME(2), y YEAR, dd DATE, f FLOAT, g DOUBLE, v VARCHAR(20) COLLATE utf8mb4_general_ci,"
            + " l VARCHAR(20) CHARACTER SET latin1, b VARBINARY(8), e ENUM('x','y'), PRIMARY KEY (id),"
            + " KEY k1 (d, dt, ts, tm), KEY k2 (y, dd, f, g), KEY k3 (v(4), l, b, e)) DEFAULT CHARSET=utf8mb4";

    @Test
    void randomKeysPrintAndCompare() {
        List<IndexShape> shapes = IndexShape.of(new DdlParser(ServerDialect.MARIADB_10_11).parse(DDL).tables().get(0),
                RecordFormat.COMPACT);
        Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            IndexShape shape = shapes.get(random.nextInt(shapes.size()));
            IndexKey a = randomKey(random, shape.keyFields());
            IndexKey b = randomKey(random, shape.keyFields());
            assertThatCode(() -> {
                shape.describe(a);
                a.toString();
                shape.order().ifPresent(o -> o.compare(a, b));
            }).as(shape.name() + " " + a + " " + b).doesNotThrowAnyException();
        }
    }

    @Test
    void garbagePagesMatchNoShape() {
        List<IndexShape> shapes = IndexShape.of(new DdlParser(ServerDialect.MYSQL_8_0).parse(DDL).tables().get(0),
                RecordFormat.COMPACT);
        IndexMatcher matcher = new IndexMatcher(shapes, 16384);
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            byte[] page = new byte[16384];
            random.nextBytes(page);
            // An INDEX page header that claims records at level 0, so the sample is kept and walked.
            page[Fil.PAGE_TYPE] = 0x45;
            page[Fil.PAGE_TYPE + 1] = (byte) 0xBF;
            page[IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL] = 0;
            page[IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL + 1] = 0;
            matcher.sample(i % 5, page);
        }
        assertThat(matcher.match()).isEmpty(); // an exception fails the test too
    }

    private static IndexKey randomKey(Random random, int n) {
        byte[][] f = new byte[n][];
        for (int i = 0; i < n; i++) {
            if (random.nextInt(6) > 0) {
                f[i] = new byte[random.nextInt(12)];
                random.nextBytes(f[i]);
            }
        }
        return new IndexKey(f);
    }
}
