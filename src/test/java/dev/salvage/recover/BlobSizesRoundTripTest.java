package dev.salvage.recover;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.recover.SakilaSchema.Setup;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BLOB and TEXT values of 0, 767, 768, 8000, 20000 bytes, 1.5 MB and 5 MB — inline, with a 768-byte local prefix
 * (REDUNDANT/COMPACT) and fully off-page (DYNAMIC) — recovered exactly in every row format, on MariaDB 10.11
 * (16k, 4k and 64k pages), MySQL 5.7 and MySQL 8.0. Text is multi-byte (é is two bytes in utf8mb4), so a
 * value cut at the wrong byte would not even decode; blobs are a pattern that changes along the value, so a
 * page of a chain read out of order differs.
 */
@RealServer
class BlobSizesRoundTripTest {

    /** Sizes in bytes, one row each for the blob and for the text column. */
    static final List<Integer> SIZES = List.of(0, 767, 768, 8000, 20000, 1_572_864, 5_000_000);
    /**
     * MySQL refuses a BLOB over 10% of the redo log (16 MB × 2 by default here) and 5.7 caps packets, REPEAT()
     * results and result rows at 4 MB: a 5 MB value needs a bigger log and packet on every server.
     */
    private static final String[] BIG_VALUE_ARGS = {"--innodb-log-file-size=64M", "--max-allowed-packet=64M"};
    private static final String DDL = "CREATE TABLE %s (id INT NOT NULL PRIMARY KEY, b LONGBLOB, t LONGTEXT,"
            + " s VARCHAR(10) DEFAULT NULL)";
    private static final Map<Setup, GeneratedDatadir> CACHE = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Setup setup : SakilaSchema.SETUPS) {
            Setup big = new Setup(setup.kind(), setup.options().withExtraArgs(BIG_VALUE_ARGS), setup.label());
            for (String format : SakilaSchema.FORMATS) {
                all.add(Arguments.of(big, format));
            }
        }
        return all.stream();
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("CREATE DATABASE lob;\n");
        for (String format : SakilaSchema.FORMATS) {
            String t = "lob.t_" + format;
            sql.append(String.format(DDL, t)).append(" ENGINE=InnoDB ROW_FORMAT=").append(format.toUpperCase())
                    .append(" DEFAULT CHARSET=utf8mb4;\n");
            int id = 0;
            for (int size : SIZES) {
                // Big blob and big text in different rows: MySQL 5.7's 4 MB max_allowed_packet bounds a result row.
                sql.append("INSERT INTO ").append(t).append(" VALUES (").append(++id).append(", ").append(blob(size, id))
                        .append(", 'small', 's');\n");
                sql.append("INSERT INTO ").append(t).append(" VALUES (").append(++id).append(", NULL, ")
                        .append(text(size)).append(", NULL);\n");
            }
            // Both columns long in one row: two off-page values (or two 768-byte prefixes) in one record.
            sql.append("INSERT INTO ").append(t).append(" VALUES (").append(++id).append(", ").append(blob(8000, id))
                    .append(", ").append(text(20000)).append(", '');\n");
            sql.append("INSERT INTO ").append(t).append(" VALUES (").append(++id).append(", NULL, NULL, NULL);\n");
        }
        return sql.toString();
    }

    private static String blob(int size, int seed) {
        return "LEFT(REPEAT(CONCAT(UNHEX(SHA2('" + seed + "', 256)), UNHEX('00FF7F80AB')), " + (size / 37 + 1) + "), "
                + size + ")";
    }

    private static String text(int size) {
        return "CONCAT(REPEAT('é', " + size / 2 + "), REPEAT('x', " + size % 2 + "))";
    }

    static Map<String, String> truthQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String format : SakilaSchema.FORMATS) {
            String t = "lob.t_" + format;
            queries.put("rows_" + format, ServerRoundTrip.truthSelect(String.format(DDL, t), t));
            queries.put("lengths_" + format, "SELECT id, LENGTH(b), LENGTH(t) FROM " + t + " ORDER BY id");
            queries.put("ddl_" + format, "SHOW CREATE TABLE " + t);
        }
        return queries;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyValueExact(Setup setup, String format) throws Exception {
        GeneratedDatadir dd = CACHE.computeIfAbsent(setup, s -> {
            try {
                return Datadirs.get(s.kind(), s.options(), setupSql(), truthQueries());
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // The server stored what was meant: every size present, in both columns.
        List<String> lengths = new ArrayList<>();
        for (List<String> row : dd.truth("lengths_" + format).rows()) {
            lengths.add(row.get(1) != null ? row.get(1) : row.get(2));
        }
        for (int size : SIZES) {
            assertThat(lengths).as("size %d stored", size).contains(Integer.toString(size));
        }
        TableDef table = ServerRoundTrip.parse(setup.kind(), dd.truth("ddl_" + format).column("Create Table").get(0));
        ServerRoundTrip.Recovered got = ServerRoundTrip.recover(table, setup.kind(),
                List.of(dd.file("lob/t_" + format + ".ibd")), DeletedMode.NONE, 2);
        assertThat(got.result().complete()).as("%s %s", got.result().problemPages(), got.result().findings())
                .isTrue();
        ServerRoundTrip.assertSameRows(got.strings(), dd.truth("rows_" + format), setup + " " + format);
    }
}
