package dev.salvage.recover;

import dev.salvage.out.RowValue;

import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.Column;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by the real-server round trips: the truth SELECT for a table (values as the server prints them,
 * HEX() for binary), recovery of a file with {@link TableRecovery}, and an order-independent exact comparison.
 */
public final class ServerRoundTrip {

    private ServerRoundTrip() {
    }

    /** What one recovery gave. */
    record Recovered(RecoveryResult result, List<RecoveredRow> rows) {
        List<List<String>> strings() {
            return rows.stream().map(ShopExample::strings).toList();
        }
    }

    static ServerDialect dialect(ServerKind kind) {
        return switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
    }

    static TableDef parse(ServerKind kind, String createTable) {
        List<TableDef> tables = new DdlParser(dialect(kind)).parse(createTable).tables();
        assertThat(tables).as("parsed %s", createTable).hasSize(1);
        return tables.get(0);
    }

    /**
     * SELECT of every stored column of {@code createTable} (our own DDL, parsed with MariaDB's rules) as the
     * decoders print it: binary as HEX(), numbers and temporal values as the server's own text (JDBC drivers
     * reformat fractions and map TINYINT(1) to booleans), text as is.
     */
    static String truthSelect(String createTable, String from) {
        TableDef table = new DdlParser(ServerDialect.MARIADB_10_11).parse(createTable).tables().get(0);
        List<String> exprs = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.isVirtual()) {
                continue;
            }
            String q = "`" + c.name() + "`";
            TypeKind kind = c.type().kind();
            exprs.add(switch (kind.family()) {
                case BINARY, GEOMETRY -> "HEX(" + q + ")";
                case BIT -> q + " + 0";
                case INTEGER, DECIMAL, FLOAT, TEMPORAL -> "CAST(" + q + " AS CHAR)";
                default -> q;
            } + " AS " + q);
        }
        return "SELECT " + String.join(", ", exprs) + " FROM " + from;
    }

    static Recovered recover(TableDef table, ServerKind kind, List<Path> files, DeletedMode mode, int threads)
            throws IOException {
        List<RecoveredRow> rows = new ArrayList<>();
        RecoveryResult result;
        try (RecoveryInput input = RecoveryInput.tablespace(files)) {
            result = new TableRecovery(table, RecoveryOptions.defaults().withDialect(dialect(kind))
                    .withDeleted(mode).withThreads(threads)).run(input, rows::add);
        }
        return new Recovered(result, rows);
    }

    /** The files of one partition: {@code t#P#p0.ibd} (MariaDB, MySQL 5.7) or {@code t#p#p0.ibd} (MySQL 8.0). */
    static Path partitionFile(Path dbDir, String table, String partition) throws IOException {
        String wanted = (table + "#p#" + partition + ".ibd").toLowerCase(Locale.ROOT);
        try (Stream<Path> files = Files.list(dbDir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted))
                    .toList();
            assertThat(found).as("%s in %s", wanted, dbDir).hasSize(1);
            return found.get(0);
        }
    }

    /**
     * Every recovered row equals one row of the truth and the reverse, as multisets: both sides sorted by their
     * text, compared row by row so that a failure names the first differing row.
     */
    public static void assertSameRows(List<List<String>> got, ResultTable truth, String what) {
        List<List<String>> expected = sorted(truth.rows());
        List<List<String>> actual = sorted(got);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertThat(actual.get(i)).as("%s: row %d (sorted) of %s", what, i, truth.columns())
                    .isEqualTo(expected.get(i));
        }
        assertThat(actual).as("%s: row count", what).hasSameSizeAs(expected);
    }

    /** A row as the server's SELECT shows it: text, binary as upper-case hex (as HEX() prints), null for NULL. */
    public static List<String> strings(List<RowValue> row) {
        List<String> out = new ArrayList<>();
        for (RowValue v : row) {
            if (v instanceof RowValue.Text t) {
                out.add(t.text());
            } else if (v instanceof RowValue.Bytes b) {
                out.add(java.util.HexFormat.of().withUpperCase().formatHex(b.bytes()));
            } else if (v instanceof RowValue.Damaged d) {
                out.add(d.marker());
            } else {
                out.add(null);
            }
        }
        return out;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows.stream().sorted(Comparator.comparing(ServerRoundTrip::sortKey)).toList();
    }

    private static String sortKey(List<String> row) {
        StringBuilder key = new StringBuilder();
        for (String v : row) {
            key.append(v == null ? "\u0002N" : v).append('\u0001');
        }
        return key.toString();
    }

    /** A TSV as LOAD DATA reads it: tab-separated, \N for NULL, backslash escapes; text as UTF-8. */
    public static List<List<String>> readTsv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> row = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                row.add(field.equals("\\N") ? null : unescape(field));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String unescape(String field) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                s.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
