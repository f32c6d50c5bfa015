package dev.salvage.myisam;

import dev.salvage.recover.ServerRoundTrip;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.out.RowValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage myisam rows} on MyISAM tables written by MariaDB 10.11 and MySQL 5.7: a FIXED table of every
 * fixed-size type (plus VARCHAR under ROW_FORMAT=FIXED), a DYNAMIC table of the variable-size types with split
 * records, both with NULLs and deleted rows. Every row equals the server's SELECT value by value; deleted FIXED
 * records come back with only the delete link's bytes lost; a damaged .MYD still gives every intact row.
 */
public class MyisamRowsOnRealServersTest {

    static final String FIXED_TABLE = "CREATE TABLE r.fx (id INT NOT NULL PRIMARY KEY, ti TINYINT, su SMALLINT"
            + " UNSIGNED, mi MEDIUMINT, bi BIGINT, bu BIGINT UNSIGNED, de DECIMAL(20,6), fl FLOAT, db DOUBLE,"
            + " f2 FLOAT(7,3), b1 BIT(1), b5 BIT(5), b17 BIT(17), yr YEAR, dt DATE, tm TIME, t3 TIME(3),"
            + " dtm DATETIME, d6 DATETIME(6), ts TIMESTAMP(2) NULL DEFAULT NULL, ch CHAR(10) CHARACTER SET latin1,"
            + " cu CHAR(5) CHARACTER SET utf8mb4, bn BINARY(4), en ENUM('a','bb','ccc'), st SET('x','y','z'),"
            + " vc VARCHAR(20) CHARACTER SET utf8mb4) ENGINE=MyISAM ROW_FORMAT=FIXED";

    static final String DYNAMIC_TABLE = "CREATE TABLE r.dy (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " v VARCHAR(300) CHARACTER SET utf8mb4, vb VARBINARY(10), tx TEXT CHARACTER SET latin1, bl BLOB,"
            + " mt MEDIUMTEXT CHARACTER SET utf8mb4, tb TINYBLOB, lb LONGBLOB, g GEOMETRY, n INT,"
            + " c CHAR(20) CHARACTER SET latin1, de DECIMAL(9,2), dtm DATETIME(3), bt BIT(12), j JSON, KEY kv(v(20)))"
            + " ENGINE=MyISAM";

    static final String SETUP = String.join(";\n",
            "CREATE DATABASE r",
            FIXED_TABLE,
            "INSERT INTO r.fx VALUES"
                    + " (1, -128, 65535, -8388608, -9223372036854775808, 18446744073709551615, -12345678901234.123456,"
                    + " 1.5, -2.25e-300, 1234.567, 1, 31, 131071, 1901, '1000-01-01', '-838:59:59', '12:34:56.789',"
                    + " '1000-01-01 00:00:00', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.99', 'abc',"
                    + " 'ä€😀', 0x00ff1080, 'ccc', 'x,z', 'väärt 😀'),"
                    + " (2, 127, 0, 8388607, 9223372036854775807, 0, 0.000001, -3.4e38, 1e308, -0.5, 0, 0, 0, 2155,"
                    + " '9999-12-31', '838:59:59', '-00:00:00.001', '2024-02-29 13:14:15', '1970-01-01 00:00:00.000001',"
                    + " '1970-01-01 00:00:01.00', 'tail  ', '', 0x00000000, 'a', '', ''),"
                    + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                    + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            "INSERT INTO r.fx (id, ti, de, dt, ch, en, b5) SELECT id + 10, id, id / 7, '2020-05-06', CONCAT('r', id),"
                    + " 'bb', id FROM r.fx",
            "INSERT INTO r.fx (id, ti, de, dt, ch, en, b5) SELECT id + 100, id, id / 3, '2021-05-06', CONCAT('s', id),"
                    + " 'a', id + 1 FROM r.fx",
            "DELETE FROM r.fx WHERE id IN (12, 101, 113)",
            DYNAMIC_TABLE,
            "INSERT INTO r.dy (v, vb, tx, bl, mt, tb, lb, g, n, c, de, dtm, bt, j) VALUES"
                    + " ('x😀', 0x0001ff, 'latin ä', 0xdeadbeef, REPEAT('m€', 200), 0x00, REPEAT(0xab, 3000),"
                    + " ST_GeomFromText('POINT(1 2)'), -5, 'pad  ', -1234567.89, '2001-02-03 04:05:06.789', 4095,"
                    + " '{\"a\": [1, 2.5, \"x😀\", null, true], \"b\": {\"c\": -3}}'),"
                    + " ('', '', '', '', '', '', '', ST_GeomFromText('LINESTRING(0 0, 1 1)'), 0, '', 0, NULL, 0, '[]'),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            doubling("r.dy", "CONCAT(v, id), vb, REPEAT(tx, id %% 40), bl, mt, tb, IF(id %% 3 = 0, lb, NULL), g,"
                    + " id * %d, c, de, dtm, bt, j"),
            "DELETE FROM r.dy WHERE id % 5 = 0",
            "UPDATE r.dy SET tx = REPEAT('grown', 300) WHERE id % 7 = 0",
            "INSERT INTO r.dy (v, n) VALUES ('after', 1), ('after2', 2)",
            "FLUSH TABLES");

    private static String doubling(String table, String selectList) {
        StringBuilder sql = new StringBuilder();
        for (int step = 1; step <= 64; step *= 2) {
            if (step > 1) {
                sql.append(";\n");
            }
            sql.append("INSERT INTO ").append(table).append(" (v, vb, tx, bl, mt, tb, lb, g, n, c, de, dtm, bt, j) SELECT ")
                    .append(String.format(selectList, step)).append(" FROM ").append(table);
        }
        return sql.toString();
    }

    /** Binary as HEX(), BIT as a number, numbers and temporals as the server's own text, text as is. */
    static String truth(String table, String columns) {
        List<String> exprs = new ArrayList<>();
        for (String spec : columns.split(",")) {
            String[] p = spec.trim().split(":");
            String q = "`" + p[0] + "`";
            exprs.add(switch (p[1]) {
                case "hex" -> "HEX(" + q + ")";
                case "bit" -> q + " + 0";
                case "num" -> "CAST(" + q + " AS CHAR)";
                default -> q;
            });
        }
        return "SELECT " + String.join(", ", exprs) + " FROM " + table;
    }

    static final String FX_COLUMNS = "id:num, ti:num, su:num, mi:num, bi:num, bu:num, de:num, fl:num, db:num,"
            + " f2:num, b1:bit, b5:bit, b17:bit, yr:num, dt:num, tm:num, t3:num, dtm:num, d6:num, ts:num, ch:text,"
            + " cu:text, bn:hex, en:text, st:text, vc:text";
    static final String DY_COLUMNS = "id:num, v:text, vb:hex, tx:text, bl:hex, mt:text, tb:hex, lb:hex, g:hex,"
            + " n:num, c:text, de:num, dtm:num, bt:bit, j:text";

    static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("fx", truth("r.fx", FX_COLUMNS));
        truth.put("dy", truth("r.dy", DY_COLUMNS));
        return Datadirs.get(kind, ServerOptions.defaults(), SETUP, truth);
    }

    private static Path copy(GeneratedDatadir dd, Path dir, String table) throws IOException {
        for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
            dd.copyFileTo("r/" + table + ext, dir);
        }
        return dir.resolve(table);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void everyRowEqualsSelect(ServerKind kind, @TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        for (String t : new String[] {"fx", "dy"}) {
            Path base = copy(dd, tmp.resolve("r"), t);
            List<List<String>> got = new ArrayList<>();
            MyisamRowsResult result;
            try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
                assertThat(source.myi().format()).isEqualTo(t.equals("fx") ? RecordFormat.FIXED : RecordFormat.DYNAMIC);
                assertThat(source.notes()).isEmpty();
                result = source.read(false, (values, deleted, position) -> got.add(bitsAsNumbers(strings(values),
                        t.equals("fx") ? FX_COLUMNS : DY_COLUMNS)));
            }
            assertThat(result.findings()).as(kind + " " + t).isEmpty();
            assertThat(result.lostAnything()).isFalse();
            assertSameRows(got, dd.truth(t), kind + " " + t);
        }
    }

    static final String LEGACY_COLUMNS = "id:num, t0:num, t3:num, d0:num, d6:num, s0:num, s2:num";

    /**
     * MariaDB with {@code mysql56_temporal_format=OFF} writes the pre-5.6.4 formats (little-endian integers in
     * MyISAM) without fractions and its own big-endian "hires" formats with them; the .frm type code tells.
     */
    @Test
    void mariadbLegacyTemporalFormats(@TempDir Path tmp) throws Exception {
        String setup = String.join(";\n", "CREATE DATABASE r",
                "CREATE TABLE r.lt (id INT NOT NULL PRIMARY KEY, t0 TIME, t3 TIME(3), d0 DATETIME, d6 DATETIME(6),"
                        + " s0 TIMESTAMP NULL DEFAULT NULL, s2 TIMESTAMP(2) NULL DEFAULT NULL) ENGINE=MyISAM",
                "INSERT INTO r.lt VALUES (1, '-838:59:59', '-00:00:00.001', '1000-01-01 00:00:00',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '1970-01-01 00:00:01.01'),"
                        + " (2, '838:59:59', '12:34:56.789', '2024-02-29 13:14:15', '2001-02-03 04:05:06.000007',"
                        + " '2000-01-01 00:00:00', '2024-05-06 07:08:09.99'),"
                        + " (3, '00:00:00', NULL, '0000-00-00 00:00:00', NULL, NULL, NULL)",
                "FLUSH TABLES");
        GeneratedDatadir dd = Datadirs.get(ServerKind.MARIADB_10_11,
                ServerOptions.defaults().withExtraArgs("--mysql56-temporal-format=OFF"), setup,
                Map.of("lt", truth("r.lt", LEGACY_COLUMNS)));
        Path base = copy(dd, tmp.resolve("r"), "lt");
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
            // MYSQL_TYPE_TIME 11, DATETIME 12, TIMESTAMP 7: the old types, not TIME2/DATETIME2/TIMESTAMP2.
            assertThat(source.layout().fields()).extracting(MyisamField::fieldType).containsExactly(3, 11, 11, 12, 12,
                    7, 7);
        }
        List<List<String>> got = rows(base, new ArrayList<>());
        assertSameRows(got, dd.truth("lt"), "legacy temporal");
    }

    /**
     * A packed VARCHAR with one length byte keeps 255 as the length itself; only columns with two length bytes
     * use 255 to escape a 2-byte length (mi_dynrec.c). Values of 254, 255 and 256 bytes on both sides of that.
     */
    @Test
    void varcharLengthsAroundTheEscapeByte(@TempDir Path tmp) throws Exception {
        String setup = String.join(";\n", "CREATE DATABASE r",
                "CREATE TABLE r.vl (id INT NOT NULL PRIMARY KEY, v1 VARCHAR(255) CHARACTER SET latin1,"
                        + " v2 VARCHAR(300) CHARACTER SET latin1, tx TEXT) ENGINE=MyISAM ROW_FORMAT=DYNAMIC",
                "INSERT INTO r.vl VALUES (1, REPEAT('a', 255), REPEAT('b', 255), 'x'),"
                        + " (2, REPEAT('c', 254), REPEAT('d', 256), NULL), (3, '', REPEAT('e', 300), ''),"
                        + " (4, REPEAT('f', 255), REPEAT('g', 254), 'y')",
                "FLUSH TABLES");
        GeneratedDatadir dd = Datadirs.get(ServerKind.MARIADB_10_11, ServerOptions.defaults(), setup,
                Map.of("vl", truth("r.vl", "id:num, v1:text, v2:text, tx:text")));
        Path base = copy(dd, tmp.resolve("r"), "vl");
        List<List<String>> got = rows(base, new ArrayList<>());
        assertSameRows(got, dd.truth("vl"), "varchar lengths");
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void ddlInsteadOfFrmGivesTheSameRows(ServerKind kind, @TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        Path base = copy(dd, tmp.resolve("r"), "fx");
        Files.delete(tmp.resolve("r/fx.frm"));
        Path ddl = Files.writeString(tmp.resolve("fx.sql"), FIXED_TABLE.replace("r.fx", "fx"));
        CliRun run = CliRun.of("myisam", "rows", "--ddl", ddl.toString(), "--server",
                kind == ServerKind.MYSQL_5_7 ? "mysql-5.7" : "mariadb", "--format", "jsonl",
                "--out", tmp.resolve("out").toString(), base.toString());
        assertThat(run.status()).as(run.out()).isZero();
        List<String> lines = Files.readAllLines(tmp.resolve("out/fx.jsonl"));
        assertThat(lines).hasSize(dd.truth("fx").rows().size());
        assertThat(String.join("\n", lines)).contains("\"cu\":\"ä€😀\"", "\"de\":-12345678901234.123456",
                "\"tm\":\"-838:59:59\"", "\"ts\":\"2038-01-19 03:14:07.99\"");

        // The DYNAMIC table too, through the library, value by value against SELECT.
        Path dy = copy(dd, tmp.resolve("d"), "dy");
        Files.delete(tmp.resolve("d/dy.frm"));
        dev.salvage.schema.ServerDialect dialect = kind == ServerKind.MYSQL_5_7
                ? dev.salvage.schema.ServerDialect.MYSQL_5_7 : dev.salvage.schema.ServerDialect.MARIADB_10_11;
        dev.salvage.schema.TableDef def = new dev.salvage.schema.DdlParser(dialect)
                .parse(DYNAMIC_TABLE.replace("r.dy", "dy")).tables().get(0);
        List<List<String>> got = new ArrayList<>();
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(dy).get(0), def, dialect)) {
            source.read(false, (values, deleted, position) -> got.add(bitsAsNumbers(strings(values), DY_COLUMNS)));
        }
        assertSameRows(got, dd.truth("dy"), kind + " dy from DDL");
    }

    @Test
    void deletedFixedRecordsComeBackWithTheDeleteLinkBytesMarked(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(ServerKind.MARIADB_10_11);
        Path base = copy(dd, tmp.resolve("r"), "fx");
        List<List<String>> deleted = new ArrayList<>();
        MyisamRowsResult result;
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
            result = source.read(true, (values, isDeleted, position) -> {
                if (isDeleted) {
                    deleted.add(strings(values));
                }
            });
        }
        assertThat(result.deletedRows()).isEqualTo(3);
        // ids 12, 101, 113 were 'r2' / 's1' / 's13' rows; the delete link covers the NULL flags and id.
        assertThat(deleted).extracting(r -> r.get(0)).allMatch(v -> v.startsWith("[salvage: damaged"));
        assertThat(deleted).extracting(r -> r.get(20)).containsExactlyInAnyOrder("r2", "s1", "s13");

        CliRun run = CliRun.of("myisam", "rows", "--deleted", "--out", tmp.resolve("out").toString(), base.toString());
        assertThat(run.status()).as(run.out()).isZero(); // lost bytes of deleted rows are expected, not a failure
        assertThat(lines(tmp.resolve("out/fx.tsv"))).isEqualTo(dd.truth("fx").rows().size() + 3);
    }

    @Test
    void damagedDataFileStillGivesEveryIntactRow(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = datadir(ServerKind.MARIADB_10_11);
        Path base = copy(dd, tmp.resolve("r"), "dy");
        Path myd = tmp.resolve("r/dy.MYD");
        List<Long> starts = new ArrayList<>();
        List<List<String>> clean = rows(base, starts);
        // Smash the block header of a record in the middle, and cut the file inside its last block.
        long victim = starts.get(starts.size() / 2);
        try (RandomAccessFile f = new RandomAccessFile(myd.toFile(), "rw")) {
            f.seek(victim);
            f.write(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE});
            f.setLength(f.length() - 3);
        }
        List<List<String>> got = rows(base, new ArrayList<>());
        CliRun run = CliRun.of("myisam", "rows", "--out", tmp.resolve("out").toString(), base.toString());
        List<String> lostRow = clean.get(starts.size() / 2);
        assertThat(got).doesNotContain(lostRow);
        List<List<String>> expected = new ArrayList<>(clean);
        expected.remove(starts.size() / 2);
        // Every row we got is a true row; besides the smashed one at most the record(s) at the cut end are lost.
        assertThat(expected).containsAll(got);
        assertThat(got.size()).as(run.out()).isBetween(expected.size() - 2, expected.size());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains(got.size() + " rows", "Wrong bytesec: 238-238-238");
        assertThat(lines(tmp.resolve("out/dy.tsv"))).isEqualTo(got.size());
        assertThat(Files.readString(tmp.resolve("out/dy.load.sql"))).contains("LOAD DATA");
    }

    private static List<List<String>> rows(Path base, List<Long> positions) throws IOException {
        List<List<String>> got = new ArrayList<>();
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null, null)) {
            source.read(false, (values, deleted, position) -> {
                got.add(strings(values));
                positions.add(position);
            });
        }
        return got;
    }


    /** The truth prints BIT as {@code b + 0}; the sinks get its bytes. */
    static List<String> bitsAsNumbers(List<String> row, String columns) {
        String[] specs = columns.split(",");
        List<String> out = new ArrayList<>(row);
        for (int i = 0; i < specs.length && i < out.size(); i++) {
            if (specs[i].trim().endsWith(":bit") && out.get(i) != null) {
                out.set(i, new java.math.BigInteger(out.get(i), 16).toString());
            }
        }
        return out;
    }

    /** Rows in a TSV file: text columns are in their own charsets, so count newlines (escaped inside values). */
    private static long lines(Path tsv) throws IOException {
        long n = 0;
        for (byte b : Files.readAllBytes(tsv)) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    static List<String> strings(List<RowValue> row) {
        return ServerRoundTrip.strings(row);
    }

    static void assertSameRows(List<List<String>> got, ResultTable truth, String what) {
        ServerRoundTrip.assertSameRows(got, truth, what);
    }
}
