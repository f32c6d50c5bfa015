package dev.salvage.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean tables from each server: every index of both tables checks out, with the entry count of each index
 * equal to the server's COUNT(*), the index ids and root pages the server's dictionary reports, the same
 * verdict as the server's CHECK TABLE … EXTENDED, and trees of more than one level.
 */
@RealServer
class CheckOnRealServersTest {

    private static final Map<String, List<String>> INDEXES = Map.of(
            "t", List.of("PRIMARY", "u_b", "k_a", "k_ca"),
            "comp", List.of("PRIMARY", "k_v"));

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void cleanTablesCheckOut(ServerKind kind) throws Exception {
        GeneratedDatadir dd = CheckFixtures.datadir(kind);
        CheckJson check = CheckJson.run(dd.file("ck/t.ibd").toString(), dd.file("ck/comp.ibd").toString());
        assertThat(check.status()).as(check.out()).isZero();
        ResultTable indexes = dd.truth("indexes");
        int deepest = 0;
        for (String table : INDEXES.keySet()) {
            String name = "ck." + table;
            assertThat(check.errors(name)).as(check.out()).isEmpty();
            assertThat(check.table(name).get("status").asText()).isEqualTo("OK");
            assertThat(dd.truth("check_" + table).column("Msg_text")).as("the server agrees").containsExactly("OK");
            long count = Long.parseLong(dd.truth("count_" + table).column("n").get(0));
            assertThat(count).isEqualTo(CheckFixtures.ROWS);
            for (String index : INDEXES.get(table)) {
                JsonNode i = check.index(name, index);
                assertThat(i.get("entries").asLong()).as(kind + " " + name + " " + index).isEqualTo(count);
                assertThat(i.get("index_id").asLong()).isEqualTo(CheckJson.indexId(indexes, "ck/" + table, index));
                assertThat(i.get("root_page").asLong()).isEqualTo(CheckJson.rootPage(indexes, "ck/" + table, index));
                assertThat(i.get("ok").asBoolean()).isTrue();
                deepest = Math.max(deepest, i.get("height").asInt());
            }
            assertThat(check.index(name, "PRIMARY").get("order_checked").asBoolean()).isTrue();
            assertThat(check.index(name, "PRIMARY").get("height").asInt()).isGreaterThanOrEqualTo(2);
        }
        assertThat(deepest).as("a tree of three levels").isGreaterThanOrEqualTo(3);

        // Every tablespace of the data directory (the server's own tables too: many more shapes), no false alarm.
        CheckJson all = CheckJson.run(dd.datadir().toString());
        assertThat(all.status()).as(all.out()).isZero();
        assertThat(all.doc().get("tables").size()).isGreaterThanOrEqualTo(4);
        all.doc().get("tables").forEach(t -> assertThat(t.get("status").asText()).as(t.get("table").asText())
                .isEqualTo("OK"));

        CliRun text = CliRun.of("check", dd.file("ck/t.ibd").toString());
        assertThat(text.status()).isZero();
        assertThat(text.out().lines().toList()).first().asString().matches("Table +\\| Op +\\| Msg_type \\| Msg_text");
        assertThat(text.out().lines().toList()).last().asString().matches("ck\\.t +\\| check \\| status +\\| OK");
    }
}
