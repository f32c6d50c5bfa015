package dev.salvage.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.CliRun;
import dev.salvage.harness.ResultTable;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code salvage check --json} in-process and gives the document's parts. */
record CheckJson(int status, JsonNode doc, String out) {

    static CheckJson run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("check", "--json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.err()).as("stderr").isEmpty();
        return new CheckJson(run.status(), new ObjectMapper().readTree(run.out()), run.out());
    }

    JsonNode table(String name) {
        for (JsonNode t : doc.get("tables")) {
            if (t.get("table").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + out);
    }

    JsonNode index(String table, String index) {
        for (JsonNode i : table(table).get("indexes")) {
            if (i.get("name").asText().equals(index)) {
                return i;
            }
        }
        throw new AssertionError("no index " + index + " of " + table + " in " + out);
    }

    /** Error findings of one kind. */
    List<JsonNode> errors(String table, String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode f : table(table).get("findings")) {
            if (f.get("severity").asText().equals("error") && f.get("kind").asText().equals(kind)) {
                found.add(f);
            }
        }
        return found;
    }

    List<JsonNode> errors(String table) {
        List<JsonNode> found = new ArrayList<>();
        table(table).get("findings").forEach(f -> {
            if (f.get("severity").asText().equals("error")) {
                found.add(f);
            }
        });
        return found;
    }

    /** The index id the server gave {@code index} of {@code table} ("ck/t"). */
    static long indexId(ResultTable indexes, String table, String index) {
        for (List<String> row : indexes.rows()) {
            if (row.get(indexes.columnIndex("TABLE_NAME")).equals(table)
                    && row.get(indexes.columnIndex("INDEX_NAME")).equals(index)) {
                return Long.parseLong(row.get(indexes.columnIndex("INDEX_ID")));
            }
        }
        throw new AssertionError("no index " + index + " of " + table);
    }

    static long rootPage(ResultTable indexes, String table, String index) {
        for (List<String> row : indexes.rows()) {
            if (row.get(indexes.columnIndex("TABLE_NAME")).equals(table)
                    && row.get(indexes.columnIndex("INDEX_NAME")).equals(index)) {
                return Long.parseLong(row.get(indexes.columnIndex("PAGE_NO")));
            }
        }
        throw new AssertionError("no index " + index + " of " + table);
    }
}
