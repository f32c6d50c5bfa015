package dev.salvage.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The check's output in CHECK TABLE's shape, {@code Table | Op | Msg_type | Msg_text}: a row per error
 * (page numbers in the text), notes for what was not checked, an info row per index with its counts, and a
 * last status row, {@code OK} or {@code Corrupt} as the server says it. And the same as one JSON document.
 */
public final class CheckReport {

    private CheckReport() {
    }

    /** The rows of one table's result. */
    public static List<String[]> rows(CheckResult r) {
        List<String[]> rows = new ArrayList<>();
        for (Finding f : r.allFindings()) {
            String text = (f.index() == null ? "" : "[" + f.index() + "] ") + f.message();
            rows.add(new String[] {r.table(), "check", f.isError() ? "error" : "note", text});
        }
        for (IndexReport i : r.indexes()) {
            rows.add(new String[] {r.table(), "check", "info", String.format(Locale.ROOT,
                    "%sindex id %d, root page %s, %d level(s), %d leaf + %d non-leaf pages, %d entries%s%s",
                    i.name().startsWith("index id ") ? "" : "[" + i.name() + "] ", i.indexId(),
                    i.rootPage() < 0 ? "lost" : Long.toString(i.rootPage()), i.height(),
                    i.leafPages(), i.nonLeafPages(), i.entries(),
                    i.deleteMarked() > 0 ? " (+" + i.deleteMarked() + " delete-marked)" : "",
                    i.orderChecked() ? ", key order checked" : "")});
        }
        rows.add(new String[] {r.table(), "check", "status", r.ok() ? "OK" : "Corrupt"});
        return rows;
    }

    /** Prints the rows as a table with aligned columns, like the mysql client's output. */
    public static void text(List<CheckResult> results, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Table", "Op", "Msg_type", "Msg_text"});
        results.forEach(r -> rows.addAll(rows(r)));
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int c = 0; c < 3; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.printf(Locale.ROOT, "%-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %s%n",
                    row[0], row[1], row[2], row[3]);
        }
        out.flush();
    }

    public static Map<String, Object> json(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", r.table());
        m.put("schema_source", r.source());
        m.put("file", r.file());
        m.put("status", r.ok() ? "OK" : "Corrupt");
        m.put("pages_read", r.pagesRead());
        List<Map<String, Object>> indexes = new ArrayList<>();
        for (IndexReport i : r.indexes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", i.name());
            x.put("index_id", i.indexId());
            x.put("clustered", i.clustered());
            x.put("root_page", i.rootPage());
            x.put("height", i.height());
            x.put("leaf_pages", i.leafPages());
            x.put("non_leaf_pages", i.nonLeafPages());
            x.put("entries", i.entries());
            x.put("delete_marked", i.deleteMarked());
            x.put("order_checked", i.orderChecked());
            x.put("ok", i.ok());
            indexes.add(x);
        }
        m.put("indexes", indexes);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.allFindings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            x.put("index", f.index());
            x.put("page", f.page());
            x.put("kind", f.kind().jsonName());
            x.put("message", f.message());
            findings.add(x);
        }
        m.put("findings", findings);
        return m;
    }

    public static void json(List<CheckResult> results, PrintWriter out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tables", results.stream().map(CheckReport::json).toList());
        doc.put("status", results.stream().allMatch(CheckResult::ok) ? "OK" : "Corrupt");
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        out.flush();
    }
}
