package dev.salvage.types;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.out.RowValue;
import dev.salvage.recover.RecoveredRow;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.RecoveryResult;
import dev.salvage.recover.TableRecovery;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL 5.7 and 8.0 write JSON columns in the same binary format: a table of JSON documents (nested, unicode
 * and escapes, every integer width, doubles, literals, empty containers, large documents stored off-page,
 * DATE/DATETIME/TIME/DECIMAL opaque values, binary opaque values) recovered with the definition from
 * SHOW CREATE TABLE equals {@code SELECT j} value for value.
 */
@RealServer
class JsonOnRealServersTest {

    static final String SETUP = """
            CREATE DATABASE js;
            CREATE TABLE js.t (id INT PRIMARY KEY, j JSON) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
            INSERT INTO js.t VALUES
             (1, '{"a": 1, "b": [1, 2, {"c": null}], "d": true, "e": false, "f": {"g": {"h": [[], {}]}}}'),
             (2, '{"κλειδί": "żółć 🎉 中文", "esc": "tab\\\\there \\\\"q\\\\" back\\\\\\\\ nl\\\\n cr\\\\r ctl\\\\u0001\\\\u001f /"}'),
             (3, '[9223372036854775807, -9223372036854775808, 18446744073709551615, 4294967295, 4294967296,
                  -2147483648, -2147483649, 2147483647, 65535, 65536, -32768, -32769, 32767, 0, -1]'),
             (4, '[1.5, -0.0, 1e300, 3.0, 0.1, 1.7976931348623157e308, 2.5e-10, 1e20, 1e15, 123456.789, -4.9e-324, 100.0]'),
             (5, 'null'), (6, 'true'), (7, 'false'), (8, '"just a string"'), (9, '12'), (10, '-3.25'),
             (11, '{}'), (12, '[]'), (13, '""'), (14, NULL), (15, '[null, true, false, "", {}, []]'),
             (16, '18446744073709551615'), (17, '"\\\\u00e9\\\\ud83d\\\\ude00"');
            INSERT INTO js.t VALUES
             (20, JSON_OBJECT('big', REPEAT('x', 70000), 'n', 7, 'm', 100000, 'neg', -100000, 'l', JSON_ARRAY(1, 'two', 3.5))),
             (21, JSON_ARRAY(REPEAT('a', 40000), REPEAT('b', 40000), 1, -70000, 3000000000, true, null)),
             (22, JSON_OBJECT('d', CAST('2020-02-29' AS DATE), 'dt', CAST('2021-03-04 05:06:07.123456' AS DATETIME(6)),
                  'dt0', CAST('1999-12-31 23:59:59' AS DATETIME), 't', CAST('-12:34:56.5' AS TIME(1)),
                  'tbig', CAST('838:59:59' AS TIME), 'dec', CAST(12.345 AS DECIMAL(10,3)),
                  'dec2', CAST(-0.5 AS DECIMAL(5,2)), 'dec3', CAST(123456789012345678901234567890.123456789 AS DECIMAL(40,9)),
                  'ts', TIMESTAMP'2001-02-03 04:05:06')),
             (23, JSON_ARRAY(UNHEX('00FF10'), CAST('x' AS BINARY), CAST(1 AS DECIMAL), CAST('1000-01-01' AS DATE), -1.5e-7)),
             (24, JSON_OBJECT('s', REPEAT('ü', 300), 'arr', JSON_ARRAY(REPEAT('z', 200), JSON_OBJECT('k', REPEAT('q', 500)))));
            """;

    static final Map<String, String> TRUTH = new LinkedHashMap<>(Map.of(
            "rows", "SELECT id, j FROM js.t ORDER BY id",
            "ddl", "SHOW CREATE TABLE js.t"));

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MYSQL_8_0", "MYSQL_5_7"})
    void everyDocumentEqualsSelect(ServerKind kind) throws Exception {
        GeneratedDatadir dd = Datadirs.get(kind, SETUP, TRUTH);
        ServerDialect dialect = kind == ServerKind.MYSQL_8_0 ? ServerDialect.MYSQL_8_0 : ServerDialect.MYSQL_5_7;
        TableDef table = new DdlParser(dialect).parse(dd.truth("ddl").column("Create Table").get(0)).tables().get(0);
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(dd.file("js/t.ibd")))) {
            result = new TableRecovery(table, RecoveryOptions.defaults().withDialect(dialect).withThreads(1))
                    .run(input, rows::add);
        }
        assertThat(result.complete()).as("%s", result).isTrue();
        List<List<String>> got = rows.stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(text(r.values().get(0)))))
                .map(r -> r.values().stream().map(JsonOnRealServersTest::text).toList()).toList();
        ResultTable truth = dd.truth("rows");
        assertThat(got).hasSize(truth.rows().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as("row %d", i).isEqualTo(truth.rows().get(i));
        }
    }

    /** The CLI end to end: {@code salvage rows} writes the documents into the TSV exactly as SELECT prints them. */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MYSQL_8_0", "MYSQL_5_7"})
    void salvageRowsTsvEqualsSelect(ServerKind kind) throws Exception {
        GeneratedDatadir dd = Datadirs.get(kind, SETUP, TRUTH);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("salvage-json-cli");
        try {
            java.nio.file.Path ddl = dir.resolve("t.sql");
            java.nio.file.Files.writeString(ddl, dd.truth("ddl").column("Create Table").get(0));
            dev.salvage.cli.CliRun run = dev.salvage.cli.CliRun.of("rows", "--ddl", ddl.toString(), "--server",
                    kind == ServerKind.MYSQL_8_0 ? "mysql-8.0" : "mysql-5.7", "--out", dir.resolve("out").toString(),
                    dd.file("js/t.ibd").toString());
            assertThat(run.status()).as("%s %s", run.out(), run.err()).isZero();
            List<List<String>> got = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(dir.resolve("out/t.tsv"),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                List<String> fields = new ArrayList<>();
                for (String field : line.split("\t", -1)) {
                    fields.add(field.equals("\\N") ? null : unescapeTsv(field));
                }
                got.add(fields);
            }
            got.sort(Comparator.comparingInt(r -> Integer.parseInt(r.get(0))));
            assertThat(got).isEqualTo(dd.truth("rows").rows());
        } finally {
            dev.salvage.harness.FileTrees.delete(dir);
        }
    }

    /** LOAD DATA's default escapes: backslash before tab, newline, backslash; \0 for NUL. */
    private static String unescapeTsv(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'Z' -> (char) 26;
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String text(RowValue v) {
        if (v instanceof RowValue.Text t) {
            return t.text();
        }
        return v == RowValue.NULL ? null : v.toString();
    }
}
