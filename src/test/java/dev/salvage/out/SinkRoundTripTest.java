package dev.salvage.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.schema.Column;
import dev.salvage.schema.DdlParseResult;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every sink against a real server: a table with every type family and edge values goes out through the sinks
 * as salvage would produce its values (text as Java strings, binary as bytes), TSV and SQL are loaded back into
 * a fresh table, and {@code CHECKSUM TABLE} must equal the original's. CSV and JSON lines are read back and
 * compared with the server's own rendering.
 */
@RealServer
class SinkRoundTripTest {

    private static final String TABLE = """
            CREATE TABLE t (
              id INT NOT NULL PRIMARY KEY,
              ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, bi BIGINT, bu BIGINT UNSIGNED,
              de DECIMAL(30,10), fl FLOAT, db DOUBLE,
              b1 BIT(1), b64 BIT(64),
              y YEAR, d DATE, tm TIME(3), dt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL,
              ts0 TIMESTAMP NULL DEFAULT NULL,
              c_l1 CHAR(10) CHARACTER SET latin1, v_l1 VARCHAR(50) CHARACTER SET latin1,
              v_u3 VARCHAR(50) CHARACTER SET utf8, v_u4 VARCHAR(50) CHARACTER SET utf8mb4,
              tx TEXT CHARACTER SET utf8mb4,
              v_sj VARCHAR(20) CHARACTER SET cp932, v_u16 VARCHAR(20) CHARACTER SET utf16,
              bn BINARY(4), vb VARBINARY(20), bl BLOB,
              e ENUM('a','b','it''s'), s SET('x','y','z'),
              j JSON,
              gen BIGINT AS (id * 2) STORED
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """;

    /** Non-strict: zero dates and the ENUM "error" value '' must be storable, as they are in old tables. */
    private static final String ROWS = """
            SET SESSION sql_mode = '';
            INSERT INTO t (id) VALUES (1);
            INSERT INTO t (id, ti, tu, si, mi, bi, bu, de, fl, db, b1, b64, y, d, tm, dt, ts, ts0,
                           c_l1, v_l1, v_u3, v_u4, tx, v_sj, v_u16, bn, vb, bl, e, s, j) VALUES
             (2, -128, 255, -32768, -8388608, -9223372036854775808, 18446744073709551615,
              -99999999999999999999.9999999999, 1.5, -1.7976931348623157e308, b'1', 18446744073709551615,
              2155, '9999-12-31', '-838:59:59.000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',
              '1970-01-01 00:00:01',
              _latin1 X'E980A9', _latin1 X'81098D0A8F5C909D00FF',
              'tab\\there\\nnew\\\\back', 'emoji \\U0001F600 nul\\0end', 'line\\r\\nCRLF \\Z',
              _cp932 X'879081E05C', _utf16 X'0009005C000A0000D83DDE00',
              X'00FF00FF', X'00', X'FF00FF0A095C0D1A27',
              'it''s', 'x,z', '{"a": [1, "x\\\\ty"], "b": null, "c": "\\\\u00e9"}'),
             (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'0', 0, 0, '0000-00-00', '00:00:00', '0000-00-00 00:00:00',
              '1970-01-01 00:00:01.000001', NULL,
              '', '\\\\N', 'NULL', '', '', '', '', X'00000000', '', '', '', '', '[]'),
             (4, 127, 1, 32767, 8388607, 9223372036854775807, 1, 0.0000000001, -3.25, 2.2250738585072014e-308,
              NULL, 9223372036854775808, 1901, '1000-01-01', '838:59:59.999', '1000-01-01 00:00:00.000001', NULL,
              '2038-01-19 03:14:07', 'a b  ', 'trailing  ', 'ü', 'x', REPEAT('long ', 200), 'ｱ', 'z',
              X'20202020', X'FFFFFFFF', REPEAT(X'00', 300), 'a', 'x,y,z', '{"n": 1.5e300, "s": "\\\\t"}')
            """;

    private static final List<String> META = List.of("salvage_page", "salvage_heap_no");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void everySinkRoundTrips(ServerKind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE src; USE src; " + TABLE + ";");
            server.execute("USE src; " + ROWS);
            TableDef table = parse(server, kind);
            RowLayout layout = RowLayout.of(table);
            assertThat(layout.columns()).extracting(Column::name).contains("gen");
            List<List<RowValue>> rows = selectAsSalvageValues(server, layout);
            assertThat(rows).hasSize(4);

            // TSV, native character sets, with provenance columns that the load SQL must skip.
            RowLayout withMeta = layout.withMetaColumns(META);
            List<Path> tsv = dump(OutputFormat.TSV, withMeta, withMetaValues(rows), SinkOptions.defaults(), "tsv");
            assertThat(loadWithClient(server, "dst_tsv", tsv.get(1))).allSatisfy(SinkRoundTripTest::expectedWarning);
            assertSameRows(server, layout, "dst_tsv");

            // SQL: two rows per statement (so several statements), hex binary literals.
            List<Path> sql = dump(OutputFormat.SQL, withMeta, withMetaValues(rows),
                    SinkOptions.defaults().withStatementLimits(2, 1 << 20), "sql");
            assertThat(Files.readString(sql.get(0), StandardCharsets.ISO_8859_1)).contains("salvage_page=");
            assertThat(loadWithClient(server, "dst_sql", sql.get(0))).allSatisfy(SinkRoundTripTest::expectedWarning);
            assertSameRows(server, layout, "dst_sql");

            // SQL with REPLACE and _binary strings, loaded twice: REPLACE makes the second load a no-op.
            List<Path> replace = dump(OutputFormat.SQL, layout, rows, SinkOptions.defaults().withReplace(true)
                    .withBinaryLiterals(SinkOptions.BinaryLiterals.BINARY_STRING).withStatementLimits(1000, 1024),
                    "replace");
            assertThat(loadWithClient(server, "dst_replace", replace.get(0))).allSatisfy(SinkRoundTripTest::expectedWarning);
            loadInto(server, "dst_replace", replace.get(0));
            assertSameRows(server, layout, "dst_replace");

            // TSV as UTF-8: exact for every column except cp932's second encoding of U+2252.
            List<Path> utf8 = dump(OutputFormat.TSV, layout, rows,
                    SinkOptions.defaults().withTsvText(SinkOptions.TsvText.UTF8MB4), "utf8");
            assertThat(loadWithClient(server, "dst_utf8", utf8.get(1))).allSatisfy(SinkRoundTripTest::expectedWarning);
            String allButSjis = hexSelect(layout, "v_sj");
            assertThat(server.query(allButSjis.replace("%DB%", "dst_utf8")))
                    .isEqualTo(server.query(allButSjis.replace("%DB%", "src")));
            assertThat(server.queryValue("SELECT HEX(v_sj) FROM dst_utf8.t WHERE id = 2")).isEqualTo("81E081E05C");

            // CSV and JSON lines: read back, equal to the server's rendering.
            List<List<String>> expected = expectedTexts(layout, rows);
            Path csv = dump(OutputFormat.CSV, layout, rows, SinkOptions.defaults(), "csv").get(0);
            List<List<String>> csvRows = CsvReader.read(Files.readString(csv, StandardCharsets.UTF_8));
            assertThat(csvRows.get(0)).isEqualTo(layout.names());
            assertThat(csvRows.subList(1, csvRows.size())).isEqualTo(expected);
            Path jsonl = dump(OutputFormat.JSONL, layout, rows, SinkOptions.defaults(), "jsonl").get(0);
            assertThat(readJsonLines(jsonl, layout)).isEqualTo(expected);
        }
    }

    private static TableDef parse(TestServer server, ServerKind kind) throws Exception {
        String ddl = server.query("SHOW CREATE TABLE src.t").get(0).get(1);
        ServerDialect dialect = switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
        DdlParseResult result = new DdlParser(dialect).parse(ddl);
        assertThat(result.hasFatalProblems()).as("%s", result.problems()).isFalse();
        return result.tables().get(0);
    }

    /**
     * The rows as salvage's decoders deliver them: strings for text (the server's rendering, with the stored
     * bytes for text columns), bytes for binary columns, the number for BIT.
     */
    private static List<List<RowValue>> selectAsSalvageValues(TestServer server, RowLayout layout) throws Exception {
        List<String> exprs = new ArrayList<>();
        for (Column c : layout.columns()) {
            String q = "`" + c.name() + "`";
            switch (ValueClass.of(c)) {
                case BINARY -> exprs.add("HEX(" + q + ")");
                case BIT -> exprs.add("CONCAT(" + q + " + 0)");
                default -> exprs.add("CONCAT(" + q + ")");
            }
            exprs.add(ValueClass.of(c) == ValueClass.TEXT ? "HEX(" + q + ")" : "NULL");
        }
        server.execute("SET time_zone = '+00:00'");
        List<List<String>> raw = server.query("SELECT " + String.join(", ", exprs) + " FROM src.t ORDER BY id");
        List<List<RowValue>> rows = new ArrayList<>();
        for (List<String> r : raw) {
            List<RowValue> row = new ArrayList<>();
            for (int i = 0; i < layout.columns().size(); i++) {
                String value = r.get(2 * i);
                String storedHex = r.get(2 * i + 1);
                ValueClass vc = ValueClass.of(layout.columns().get(i));
                if (value == null) {
                    row.add(RowValue.NULL);
                } else if (vc == ValueClass.BINARY) {
                    row.add(RowValue.bytes(HexFormat.of().parseHex(value)));
                } else if (vc == ValueClass.TEXT) {
                    row.add(RowValue.text(value, HexFormat.of().parseHex(storedHex)));
                } else {
                    row.add(RowValue.text(value));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<RowValue>> withMetaValues(List<List<RowValue>> rows) {
        List<List<RowValue>> out = new ArrayList<>();
        int heapNo = 2;
        for (List<RowValue> row : rows) {
            List<RowValue> extended = new ArrayList<>(row);
            extended.add(RowValue.text("4"));
            extended.add(RowValue.text(Integer.toString(heapNo++)));
            out.add(extended);
        }
        return out;
    }

    private List<Path> dump(OutputFormat format, RowLayout layout, List<List<RowValue>> rows, SinkOptions options,
            String dirName) throws IOException {
        SinkResult result;
        try (RowSink sink = format.open(temp.resolve(dirName), layout, options)) {
            for (List<RowValue> row : rows) {
                sink.write(row);
            }
            result = sink.finish();
        }
        assertThat(result.rows()).isEqualTo(rows.size());
        assertThat(result.damagedValues()).isZero();
        return result.files();
    }

    /** Creates {@code db.t} like the original and runs the script with the mariadb client; returns its stderr. */
    private static List<String> loadWithClient(TestServer server, String db, Path script) throws Exception {
        server.execute("CREATE DATABASE " + db + "; CREATE TABLE " + db + ".t LIKE src.t");
        return loadInto(server, db, script);
    }

    /**
     * The only warnings a load may give: the ENUM "error" value '' is stored as index 0 with warning 1265 (as
     * it was when the row was first written), and MySQL 5.7 warns that our sql_mode drops NO_AUTO_CREATE_USER.
     */
    private static void expectedWarning(String line) {
        assertThat(line).matches("Warning \\(Code 1265\\): Data truncated for column 'e' at row \\d+"
                + "|Warning \\(Code 3090\\): Changing sql mode 'NO_AUTO_CREATE_USER' is deprecated.*");
    }

    private static List<String> loadInto(TestServer server, String db, Path script) throws Exception {
        Path err = Files.createTempFile("salvage-load", ".err");
        try {
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + server.socket(), "-uroot",
                    "--local-infile=1", "--show-warnings", db)
                    .redirectInput(script.toFile()).redirectErrorStream(true)
                    .redirectOutput(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(err);
            assertThat(p.exitValue()).as("client output: %s", output).isZero();
            return output.strip().lines().toList();
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Every column's bytes equal (for a readable failure), then the server's checksum of the whole table. */
    private static void assertSameRows(TestServer server, RowLayout layout, String db)
            throws Exception {
        String select = hexSelect(layout, null);
        assertThat(server.queryTable(select.replace("%DB%", db))).as(db)
                .isEqualTo(server.queryTable(select.replace("%DB%", "src")));
        // Both sides measured now: MySQL 5.7 was seen to report a different checksum for the same unchanged
        // table right after the INSERT than a few statements later.
        assertThat(checksum(server, db)).as("CHECKSUM TABLE %s.t", db).isEqualTo(checksum(server, "src"));
    }

    private static String checksum(TestServer server, String db) throws Exception {
        return server.query("CHECKSUM TABLE " + db + ".t").get(0).get(1);
    }

    /** SELECT of every column as hex (binary-exact) except the one named, FROM %DB%.t. */
    private static String hexSelect(RowLayout layout, String except) {
        List<String> exprs = new ArrayList<>();
        for (Column c : layout.columns()) {
            if (!c.name().equals(except)) {
                exprs.add("HEX(`" + c.name() + "`) AS `" + c.name() + "`");
            }
        }
        return "SELECT " + String.join(", ", exprs) + " FROM %DB%.t ORDER BY id";
    }

    /** What CSV and JSON must show: the text, hex for binary, the number for BIT, null for NULL. */
    private static List<List<String>> expectedTexts(RowLayout layout, List<List<RowValue>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<RowValue> row : rows) {
            List<String> texts = new ArrayList<>();
            for (RowValue v : row) {
                texts.add(v instanceof RowValue.Text t ? t.text()
                        : v instanceof RowValue.Bytes b ? HexFormat.of().withUpperCase().formatHex(b.bytes()) : null);
            }
            out.add(texts);
        }
        return out;
    }

    private static List<List<String>> readJsonLines(Path file, RowLayout layout) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = mapper.readTree(line);
            List<String> row = new ArrayList<>();
            for (String name : layout.names()) {
                JsonNode v = node.get(name);
                // Numbers keep the server's digits: compare their text, not a parsed double.
                row.add(v.isNull() ? null : v.isNumber() ? numberText(line, name) : v.asText());
            }
            rows.add(row);
        }
        return rows;
    }

    /** The raw number text of a top-level field in one JSON line (fields are unique and simple here). */
    private static String numberText(String line, String field) {
        String key = "\"" + field + "\":";
        int start = line.indexOf(key) + key.length();
        int end = start;
        while (end < line.length() && "-+.eE0123456789".indexOf(line.charAt(end)) >= 0) {
            end++;
        }
        return line.substring(start, end);
    }
}
