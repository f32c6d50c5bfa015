package dev.salvage.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end proof of every decoder on bytes a real server wrote: each case is a table
 * {@code (id INT PRIMARY KEY, v TYPE NOT NULL)} filled with edge values; after a clean shutdown the test reads the
 * stored bytes of {@code v} from the table's single leaf page ({@link SingleColumnLeaf}) and compares the
 * decoded text with what {@code SELECT} returned before the shutdown (MariaDB Connector/J {@code getString}; HEX()
 * for binary values, {@code v+0} for BIT).
 */
@RealServer
class TypesOnRealServersTest {

    /** Stored-bytes-to-value function of one case: (page, offset, length). */
    interface Decoder {
        Decoded decode(byte[] page, int off, int len);
    }

    /**
     * @param fixedLength stored length for fixed-length values, 0 for variable-length ones
     * @param longColumn  variable-length column that may exceed 255 bytes
     * @param truth       expression the server prints for comparison: "v", "HEX(v)", "v+0"
     */
    record Case(String name, String type, List<String> values, int fixedLength, boolean longColumn, String truth,
            Decoder decoder, Set<ServerKind> servers) {
        Case onlyOn(ServerKind... kinds) {
            return new Case(name, type, values, fixedLength, longColumn, truth, decoder, EnumSet.copyOf(List.of(kinds)));
        }

        Case truth(String expression) {
            return new Case(name, type, values, fixedLength, longColumn, expression, decoder, servers);
        }
    }

    private static Case fixed(String name, String type, int length, Decoder decoder, String... values) {
        return new Case(name, type, List.of(values), length, false, "v", decoder, EnumSet.allOf(ServerKind.class));
    }

    private static Case variable(String name, String type, boolean longColumn, Decoder decoder, String... values) {
        return new Case(name, type, List.of(values), 0, longColumn, "v", decoder, EnumSet.allOf(ServerKind.class));
    }

    private static Decoder integer(boolean unsigned) {
        return (b, off, len) -> IntegerCodec.decode(b, off, len, unsigned);
    }

    private static Decoder string(String charset, boolean isChar) {
        MysqlCharset cs = MysqlCharset.forName(charset).orElseThrow();
        return isChar ? (b, off, len) -> StringCodec.decodeChar(b, off, len, cs)
                : (b, off, len) -> StringCodec.decode(b, off, len, cs);
    }

    /**
     * The server's own text. Connector/J's getString re-formats DATETIME/TIMESTAMP fractions to 6 digits
     * ("…30.100000" for DATETIME(1)); the server, and the mariadb CLI, print exactly fsp digits.
     */
    private static final String AS_TEXT = "CAST(v AS CHAR)";

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(fixed("i1", "TINYINT", 1, integer(false), "-128", "-1", "0", "1", "127"));
        cases.add(fixed("u1", "TINYINT UNSIGNED", 1, integer(true), "0", "1", "128", "255"));
        cases.add(fixed("i2", "SMALLINT", 2, integer(false), "-32768", "-1", "0", "32767"));
        cases.add(fixed("u2", "SMALLINT UNSIGNED", 2, integer(true), "0", "65535"));
        cases.add(fixed("i3", "MEDIUMINT", 3, integer(false), "-8388608", "-1", "0", "8388607"));
        cases.add(fixed("u3", "MEDIUMINT UNSIGNED", 3, integer(true), "0", "16777215"));
        cases.add(fixed("i4", "INT", 4, integer(false), "-2147483648", "-1", "0", "2147483647"));
        cases.add(fixed("u4", "INT UNSIGNED", 4, integer(true), "0", "4294967295"));
        cases.add(fixed("i8", "BIGINT", 8, integer(false), "-9223372036854775808", "-1", "0", "9223372036854775807"));
        cases.add(fixed("u8", "BIGINT UNSIGNED", 8, integer(true), "0", "9223372036854775808", "18446744073709551615"));

        cases.add(decimal(10, 2, "-99999999.99", "-0.01", "0", "0.5", "12345678.9", "-1"));
        cases.add(decimal(5, 0, "-99999", "0", "7", "99999"));
        cases.add(decimal(18, 9, "-123456789.123456789", "0.000000001", "999999999.999999999"));
        cases.add(decimal(65, 30, "-99999999999999999999999999999999999.999999999999999999999999999999",
                "1.000000000000000000000000000001", "0"));
        cases.add(decimal(20, 10, "-1234567890.0123456789", "5.5"));

        cases.add(fixed("date", "DATE", 3, (b, off, len) -> TemporalCodec.date(b, off),
                "'0000-00-00'", "'1000-01-01'", "'2020-02-29'", "'9999-12-31'", "'2021-00-00'"));
        for (int fsp : new int[] {0, 1, 3, 6}) {
            cases.add(fixed("dt" + fsp, "DATETIME(" + fsp + ")", TemporalCodec.datetime2Length(fsp),
                    (b, off, len) -> TemporalCodec.datetime2(b, off, fsp), "'0000-00-00 00:00:00'",
                    "'1000-01-01 00:00:00'", "'2020-06-15 13:45:30.123456'", "'9999-12-31 23:59:59'").truth(AS_TEXT));
        }
        for (int fsp : new int[] {0, 2, 4, 6}) {
            cases.add(fixed("tm" + fsp, "TIME(" + fsp + ")", TemporalCodec.time2Length(fsp),
                    (b, off, len) -> TemporalCodec.time2(b, off, fsp), "'-838:59:59'", "'838:59:59'", "'00:00:00'",
                    "'-00:00:01.5'", "'-01:00:00.25'", "'12:34:56.789012'", "'-12:34:56.000001'", "'-00:00:00.99'"));
        }
        for (int fsp : new int[] {0, 2, 5}) {
            cases.add(fixed("ts" + fsp, "TIMESTAMP(" + fsp + ")", TemporalCodec.timestamp2Length(fsp),
                    (b, off, len) -> TemporalCodec.timestamp2(b, off, fsp), "'0000-00-00 00:00:00'",
                    "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.999'", "'2001-09-09 01:46:40.12345'")
                    .truth(AS_TEXT));
        }
        cases.add(fixed("yr", "YEAR", 1, (b, off, len) -> TemporalCodec.year(b, off), "0", "1901", "1999", "2155"));

        cases.add(fixed("c_latin1", "CHAR(5) CHARACTER SET latin1", 5, string("latin1", true),
                "''", "'ab'", "'a b'", "x'8081'", "'  x'"));
        cases.add(variable("vc_latin1", "VARCHAR(20) CHARACTER SET latin1", false, string("latin1", false),
                "''", "x'818D8F909D'", "x'80A4E9FF'", "'trail  '"));
        cases.add(variable("vc_mb4", "VARCHAR(300) CHARACTER SET utf8mb4", true, string("utf8mb4", false),
                "''", "'\u00fc\u20ac'", "'\uD83D\uDE00'", "REPEAT('\u00e9', 150)"));
        cases.add(variable("c_mb3", "CHAR(4) CHARACTER SET utf8mb3", false, string("utf8mb3", true),
                "''", "'\u00e9'", "'abcd'", "'\u20ac\u20ac\u20ac\u20ac'"));
        cases.add(variable("txt", "TEXT CHARACTER SET utf8mb4", true, string("utf8mb4", false),
                "''", "'x'", "REPEAT('ab', 100)"));
        cases.add(variable("vc_cp1250", "VARCHAR(10) CHARACTER SET cp1250", false, string("cp1250", false),
                "CONVERT('\u0141\u00f3d\u017a' USING cp1250)"));
        cases.add(variable("vc_sjis", "VARCHAR(10) CHARACTER SET sjis", false, string("sjis", false),
                "CONVERT('\u65e5\u672c\u8a9e' USING sjis)"));
        cases.add(variable("vc_ucs2", "VARCHAR(10) CHARACTER SET ucs2", false, string("ucs2", false),
                "CONVERT('a\u00e9\u20ac' USING ucs2)"));
        cases.add(variable("vc_koi8r", "VARCHAR(10) CHARACTER SET koi8r", false, string("koi8r", false),
                "CONVERT('\u041f\u0440\u0438\u0432\u0435\u0442' USING koi8r)"));
        cases.add(variable("vc_greek", "VARCHAR(10) CHARACTER SET greek", false, string("greek", false),
                "CONVERT('\u03b1\u03b2\u03b3' USING greek)"));
        cases.add(fixed("bin", "BINARY(4)", 4, (b, off, len) -> StringCodec.binary(b, off, len),
                "x'00'", "x'01020304'", "''").truth("HEX(v)"));
        cases.add(variable("vbin", "VARBINARY(10)", false, (b, off, len) -> StringCodec.binary(b, off, len),
                "''", "x'00FF20'").truth("HEX(v)"));
        cases.add(variable("blob", "BLOB", true, (b, off, len) -> StringCodec.binary(b, off, len),
                "''", "x'DEADBEEF'", "REPEAT(x'AB', 200)").truth("HEX(v)"));

        List<String> enumLabels = List.of("a", "b", "c");
        cases.add(fixed("en", "ENUM('a','b','c')", 1, (b, off, len) -> EnumSetCodec.decodeEnum(b, off, enumLabels),
                "'a'", "'c'", "'nope'"));
        List<String> setLabels = List.of("x", "y", "z");
        cases.add(fixed("st", "SET('x','y','z')", 1, (b, off, len) -> EnumSetCodec.decodeSet(b, off, setLabels),
                "''", "'x,z'", "'z,y,x'"));
        cases.add(fixed("bit1", "BIT(1)", 1, (b, off, len) -> BitCodec.decode(b, off, 1), "0", "1").truth("v+0"));
        cases.add(fixed("bit10", "BIT(10)", 2, (b, off, len) -> BitCodec.decode(b, off, 10),
                "b'0'", "b'1111111111'", "b'1000000001'").truth("v+0"));
        cases.add(fixed("bit64", "BIT(64)", 8, (b, off, len) -> BitCodec.decode(b, off, 64),
                "x'FFFFFFFFFFFFFFFF'", "x'8000000000000001'").truth("v+0"));

        cases.add(fixed("flt", "FLOAT", 4, (b, off, len) -> FloatCodec.decodeFloat(b, off), "0", "-0.0", "1",
                "123456789", "3.14", "1e-5", "1.0000001", "-1.17549435e-38", "3.40282e38", "1e20", "123456",
                "0.1", "1234567", "-2.5e-10"));
        cases.add(fixed("dbl", "DOUBLE", 8, (b, off, len) -> FloatCodec.decodeDouble(b, off), "0", "1",
                "123456789012345678", "1e15", "1e-5", "0.1", "1.7976931348623157e308", "1e16",
                "1234567890123456", "123456789012345", "-2.2250738585072014e-308", "4.9e-324", "1e-14", "1e-15", "1e-16",
                "0.30000000000000004", "-123.456"));
        cases.add(fixed("dbl_fixed", "DOUBLE(10,4)", 8, (b, off, len) -> FloatCodec.decodeDouble(b, off, 4),
                "0", "1.5", "-3.14159", "123456.0001"));
        cases.add(fixed("flt_fixed", "FLOAT(7,2)", 4, (b, off, len) -> FloatCodec.decodeFloat(b, off, 2),
                "0", "1.5", "-3.14159", "12345.67"));

        cases.add(variable("geom", "GEOMETRY", true, GeometryCodec::decode,
                "ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('LINESTRING(0 0,1 1,2 5)', 4326)")
                .truth("HEX(v)"));
        return cases;
    }

    private static Case decimal(int p, int s, String... values) {
        return fixed("dec_" + p + "_" + s, "DECIMAL(" + p + "," + s + ")", DecimalCodec.storedLength(p, s),
                (b, off, len) -> DecimalCodec.decode(b, off, p, s), values);
    }

    /**
     * MariaDB's own temporal formats: {@code mysql56_temporal_format=OFF} makes new columns use them, as columns
     * created before 10.1.2 do (fsp 0: the pre-5.6.4 integer formats; fsp 1..6: the "hires" formats).
     */
    static List<Case> mariadbOwnTemporalCases() {
        List<Case> cases = new ArrayList<>();
        String[] datetimes = {"'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'2020-06-15 13:45:30.123456'",
                "'9999-12-31 23:59:59.999999'"};
        String[] times = {"'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01.5'", "'-01:00:00.25'",
                "'12:34:56.789012'", "'-12:34:56.000001'", "'-00:00:00.99'", "'100:00:00.5'"};
        String[] timestamps = {"'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.999'",
                "'2001-09-09 01:46:40.12345'"};
        cases.add(fixed("odt0", "DATETIME", 8, (b, off, len) -> TemporalCodec.datetimeOld(b, off), datetimes)
                .truth(AS_TEXT));
        cases.add(fixed("otm0", "TIME", 3, (b, off, len) -> TemporalCodec.timeOld(b, off), times));
        cases.add(fixed("ots0", "TIMESTAMP", 4, (b, off, len) -> TemporalCodec.timestampOld(b, off), timestamps)
                .truth(AS_TEXT));
        for (int fsp : new int[] {1, 2, 3, 4, 5, 6}) {
            cases.add(fixed("odt" + fsp, "DATETIME(" + fsp + ")", MariadbTemporalCodec.datetimeLength(fsp),
                    (b, off, len) -> MariadbTemporalCodec.datetime(b, off, fsp), datetimes).truth(AS_TEXT));
            cases.add(fixed("otm" + fsp, "TIME(" + fsp + ")", MariadbTemporalCodec.timeLength(fsp),
                    (b, off, len) -> MariadbTemporalCodec.time(b, off, fsp), times));
            cases.add(fixed("ots" + fsp, "TIMESTAMP(" + fsp + ")", MariadbTemporalCodec.timestampLength(fsp),
                    (b, off, len) -> MariadbTemporalCodec.timestamp(b, off, fsp), timestamps).truth(AS_TEXT));
        }
        return cases;
    }

    private static String setupSql(String prelude, String database, List<Case> cases) {
        StringBuilder sql = new StringBuilder("SET SESSION sql_mode = '';\n" + prelude + "CREATE DATABASE "
                + database + ";\n");
        for (Case c : cases) {
            sql.append("CREATE TABLE ").append(database).append(".t_").append(c.name()).append(" (id INT PRIMARY KEY, v ")
                    .append(c.type()).append(" NOT NULL) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;\n");
            sql.append("INSERT INTO ").append(database).append(".t_").append(c.name()).append(" VALUES ");
            for (int i = 0; i < c.values().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", ").append(c.values().get(i))
                        .append(')');
            }
            sql.append(";\n");
        }
        return sql.toString();
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void decodersPrintWhatSelectPrints(ServerKind kind) throws Exception {
        verify(kind, "", "types", cases().stream().filter(c -> c.servers().contains(kind)).toList());
    }

    @Test
    void mariadbOwnTemporalFormatsPrintWhatSelectPrints() throws Exception {
        verify(ServerKind.MARIADB_10_11, "SET GLOBAL mysql56_temporal_format = OFF;\n", "oldtemporal",
                mariadbOwnTemporalCases());
    }

    private static void verify(ServerKind kind, String prelude, String database, List<Case> cases) throws Exception {
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("indexes", Datadirs.indexesQuery(kind, database + "/%"));
        for (Case c : cases) {
            truth.put(c.name(), "SELECT id, " + c.truth() + " AS v FROM " + database + ".t_" + c.name() + " ORDER BY id");
        }
        GeneratedDatadir dd = Datadirs.get(kind, setupSql(prelude, database, cases), truth);
        ResultTable indexes = dd.truth("indexes");

        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            ResultTable expected = dd.truth(c.name());
            String table = database + "/t_" + c.name();
            byte[] page = readPage(dd.file(table + ".ibd"), Integer.parseInt(rootPage(indexes, table)));
            List<SingleColumnLeaf.Field> fields = SingleColumnLeaf.fields(page, c.fixedLength(), c.longColumn());
            softly.assertThat(fields).as(c.name() + " record count").hasSize(expected.rows().size());
            for (int i = 0; i < Math.min(fields.size(), expected.rows().size()); i++) {
                SingleColumnLeaf.Field f = fields.get(i);
                Decoded d = c.decoder().decode(page, f.offset(), f.length());
                String shown = c.truth().startsWith("HEX") ? d.hex() : d.text();
                softly.assertThat(shown).as("%s on %s, row %d (%s), stored %s -> %s", c.name(), kind, f.id(),
                        c.values().get(f.id() - 1), hex(page, f.offset(), f.length()), d)
                        .isEqualTo(expected.rows().get(i).get(1));
            }
        }
        softly.assertAll();
    }

    private static String rootPage(ResultTable indexes, String table) {
        int nameColumn = indexes.columnIndex("TABLE_NAME");
        int pageColumn = indexes.columnIndex("PAGE_NO");
        int indexColumn = indexes.columnIndex("INDEX_NAME");
        for (List<String> row : indexes.rows()) {
            if (row.get(nameColumn).equals(table) && row.get(indexColumn).equals("PRIMARY")) {
                return row.get(pageColumn);
            }
        }
        throw new AssertionError("no PRIMARY index for " + table + " in " + indexes);
    }

    private static byte[] readPage(Path file, int pageNo) throws java.io.IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] page = new byte[SingleColumnLeaf.PAGE_SIZE];
        System.arraycopy(all, pageNo * SingleColumnLeaf.PAGE_SIZE, page, 0, page.length);
        return page;
    }

    private static String hex(byte[] b, int off, int len) {
        return java.util.HexFormat.of().formatHex(b, off, off + Math.max(0, Math.min(len, b.length - off)));
    }

    static {
        assertThat(cases()).extracting(Case::name).doesNotHaveDuplicates();
        assertThat(mariadbOwnTemporalCases()).extracting(Case::name).doesNotHaveDuplicates();
    }
}
