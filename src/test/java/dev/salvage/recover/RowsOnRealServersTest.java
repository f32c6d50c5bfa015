package dev.salvage.recover;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trip value by value: a mixed-type table (every integer width signed and unsigned, DECIMAL, FLOAT,
 * DOUBLE, BIT, YEAR, DATE, TIME/DATETIME/TIMESTAMP with fractions, CHAR in latin1 and utf8mb4, VARCHAR, BINARY,
 * VARBINARY, TEXT on and off page, BLOB, ENUM, SET, NULLs) in each row format on each server, recovered by
 * {@link TableRecovery} with the definition from SHOW CREATE TABLE and compared with SELECT.
 */
@RealServer
class RowsOnRealServersTest {

    static final List<String> FORMATS = List.of("redundant", "compact", "dynamic");
    private static final Map<ServerKind, GeneratedDatadir> DATADIRS = new ConcurrentHashMap<>();
    private static final String COLUMNS = "id INT NOT NULL PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED,"
            + " si SMALLINT, mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, bi BIGINT, bu BIGINT UNSIGNED,"
            + " de DECIMAL(20,6), fl FLOAT, db DOUBLE, bt BIT(10), yr YEAR, dt DATE, tm TIME(3), dtm DATETIME(6),"
            + " ts TIMESTAMP(2) NULL DEFAULT NULL, dt0 DATETIME, ch CHAR(5) CHARACTER SET latin1,"
            + " chu CHAR(4) CHARACTER SET utf8mb4, vc VARCHAR(50) CHARACTER SET utf8mb4, bn BINARY(3),"
            + " vb VARBINARY(20), tx TEXT CHARACTER SET utf8mb4, bl BLOB, en ENUM('a','b','c'), st SET('x','y','z')";
    /** Columns the truth query selects as HEX() or as a number, to compare with the decoder's output. */
    private static final List<String> HEX_COLUMNS = List.of("bn", "vb", "bl");

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String format : FORMATS) {
                all.add(Arguments.of(kind, format));
            }
        }
        return all.stream();
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE mix;
                SET time_zone = '+00:00';
                SET SESSION sql_mode = '';
                CREATE TABLE mix.seq (n INT PRIMARY KEY);
                INSERT INTO mix.seq VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                """);
        for (String format : FORMATS) {
            String t = "mix.t_" + format;
            sql.append("CREATE TABLE ").append(t).append(" (").append(COLUMNS).append(") ENGINE=InnoDB ROW_FORMAT=")
                    .append(format.toUpperCase()).append(" DEFAULT CHARSET=latin1;\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT x.id,"
                    + " IF(x.id % 7 = 0, NULL, x.id % 256 - 128), x.id % 256, x.id * 97 % 65536 - 32768,"
                    + " x.id * 7919 % 16777216 - 8388608, x.id * 7919 % 16777216, -x.id * 104729,"
                    + " x.id * 1000000007 - 500000000000, x.id * 1000000007,"
                    + " IF(x.id % 5 = 0, NULL, (x.id * 7919 - 1000000) / 1000), x.id / 7 - 10, -x.id / 3 + 0.5,"
                    + " x.id % 1024, 1901 + x.id % 255, DATE_ADD('1000-01-01', INTERVAL x.id * 997 DAY),"
                    + " SEC_TO_TIME(x.id * 5987 % 6000000 - 3000000 + 0.123), DATE_ADD('1970-01-01 00:00:00.000001', INTERVAL x.id * 98765 MINUTE),"
                    + " IF(x.id % 3 = 0, NULL, FROM_UNIXTIME(x.id * 600000 + 0.25)), DATE_ADD('2000-02-29', INTERVAL x.id HOUR),"
                    + " IF(x.id % 4 = 0, '', CONCAT('c', x.id % 1000)), IF(x.id % 6 = 0, NULL, CONCAT('ż', x.id % 100)),"
                    + " CONCAT('vä€', REPEAT('x', x.id % 40)), UNHEX(LPAD(HEX(x.id % 4096), 6, '0')),"
                    + " IF(x.id % 9 = 0, '', UNHEX(REPEAT(HEX(x.id % 256), x.id % 20))),"
                    + " IF(x.id % 11 = 0, NULL, REPEAT(CONCAT('t', x.id, 'ü'), IF(x.id % 50 = 0, 3000, x.id % 30))),"
                    + " IF(x.id % 13 = 0, NULL, UNHEX(REPEAT('00FF', x.id % 100))),"
                    + " ELT(1 + x.id % 3, 'a', 'b', 'c'), x.id % 8"
                    + " FROM (SELECT 1 + a.n + 10 * b.n + 100 * c.n AS id FROM mix.seq a, mix.seq b, mix.seq c) x;\n");
            sql.append("INSERT INTO ").append(t).append(" (id, ti, tu, si, mi, mu, i, bi, bu, de, fl, db, bt, yr, dt, tm,"
                    + " dtm, ts, dt0) VALUES (5000, -128, 255, -32768, -8388608, 16777215, -2147483648,"
                    + " -9223372036854775808, 18446744073709551615, -99999999999999.999999, -3.40282e38, 1.7976931348623157e308,"
                    + " 1023, 2155, '9999-12-31', '-838:59:59.000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.99',"
                    + " '0000-00-00 00:00:00'), (5001, 127, 0, 32767, 8388607, 0, 2147483647, 9223372036854775807, 0,"
                    + " 99999999999999.999999, 1.17549e-38, 2.2250738585072014e-308, 0, 0, '0000-00-00', '838:59:59.000',"
                    + " '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.00', '1000-01-01 00:00:00');\n");
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String format : FORMATS) {
            StringBuilder select = new StringBuilder("SELECT ");
            for (String def : COLUMNS.split(",(?![^(]*\\))")) {
                String name = def.trim().split(" ")[0];
                select.append(HEX_COLUMNS.contains(name) ? "HEX(" + name + ") AS " + name
                        : name.equals("bt") ? "bt + 0 AS bt"
                        // The server's own text: JDBC drivers reformat temporal values (fraction digits).
                        : List.of("tm", "dtm", "ts", "dt0", "dt").contains(name) ? "CAST(" + name + " AS CHAR) AS " + name
                        : name).append(", ");
            }
            select.setLength(select.length() - 2);
            queries.put("rows_" + format, select + " FROM mix.t_" + format + " ORDER BY id");
            queries.put("ddl_" + format, "SHOW CREATE TABLE mix.t_" + format);
        }
        return queries;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyValueEqualsSelect(ServerKind kind, String format) throws Exception {
        GeneratedDatadir dd = DATADIRS.computeIfAbsent(kind, k -> {
            try {
                return Datadirs.get(k, setupSql(), truthQueries());
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ServerDialect dialect = switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
        String ddl = dd.truth("ddl_" + format).column("Create Table").get(0);
        TableDef table = new DdlParser(dialect).parse(ddl).tables().get(0);
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("mix/t_" + format + ".ibd")))) {
            result = new TableRecovery(table, RecoveryOptions.defaults().withDialect(dialect).withThreads(2))
                    .run(input, rows::add);
        }
        assertThat(result.complete()).as("%s %s", result.indexChoice(), result.problemPages()).isTrue();
        int bt = table.columns().indexOf(table.column("bt").orElseThrow());
        List<List<String>> got = new ArrayList<>();
        rows.stream().sorted(Comparator.comparingInt(r -> Integer.parseInt(ShopExample.strings(r).get(0))))
                .forEach(r -> {
                    List<String> values = new ArrayList<>(ShopExample.strings(r));
                    if (values.get(bt) != null) {
                        values.set(bt, new BigInteger(values.get(bt), 16).toString());
                    }
                    got.add(values);
                });
        ResultTable truth = dd.truth("rows_" + format);
        assertThat(got).hasSize(truth.rows().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as("row %d of %s", i, truth.columns()).isEqualTo(truth.rows().get(i));
        }
    }
}
