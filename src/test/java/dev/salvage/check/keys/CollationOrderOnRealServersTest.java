package dev.salvage.check.keys;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.Column;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparators against the server's own ORDER BY on strings where collations part ways: 'a' 'A' 'á' 'a '
 * 'a\t' 'a\0' 'ß' 'ss' 'ẞ' emoji U+FFFD 'æ' 'ae' 'Ä' 'ö' 'ø' 'Ü' 'Y' … in utf8mb4_general_ci, utf8mb4_bin,
 * latin1_swedish_ci and utf8mb3_general_ci. Ties (equal under the collation) are broken by id on both sides,
 * so equality must agree too.
 */
@RealServer
class CollationOrderOnRealServersTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String column : List.of("s", "sb", "sl", "s3")) {
                out.add(Arguments.of(kind, column));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameOrderAsTheServer(ServerKind kind, String column) throws Exception {
        GeneratedDatadir dd = KeysFixture.datadir(kind);
        TableDef table = KeysFixture.table(dd, "tricky");
        Column c = table.column(column).orElseThrow();
        FieldOrder order = Collations.order(c.collation());
        assertThat(order).as("collation " + c.collation() + " implemented").isNotNull();

        ResultTable bytes = dd.truth("bytes_" + column);
        List<Object[]> rows = new ArrayList<>();
        for (List<String> row : bytes.rows()) {
            String hex = row.get(1);
            rows.add(new Object[] {Integer.parseInt(row.get(0)), hex == null ? null : HexFormat.of().parseHex(hex)});
        }
        Comparator<Object[]> byValue = (x, y) -> {
            byte[] a = (byte[]) x[1];
            byte[] b = (byte[]) y[1];
            return a == null || b == null ? (a == null ? (b == null ? 0 : -1) : 1) : order.compare(a, b);
        };
        rows.sort(byValue.thenComparing(x -> (Integer) x[0]));
        List<String> ours = rows.stream().map(r -> String.valueOf(r[0])).toList();
        List<String> server = dd.truth("order_" + column).rows().stream().map(r -> r.get(0)).toList();
        assertThat(ours).as(kind + " " + column + " " + c.collation()).isEqualTo(server);
    }
}
