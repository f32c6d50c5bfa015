package dev.salvage.recover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@link RecoveryResult}s: a text summary per table, or one JSON document. */
public final class RecoveryReport {

    private RecoveryReport() {
    }

    public static void text(RecoveryResult r, String output, PrintWriter out) {
        out.printf("%s: %s%n", r.table(), r.indexId() < 0 ? "NOT RECOVERED: " + r.indexChoice() : r.indexChoice());
        if (r.indexId() >= 0) {
            out.printf("  layout: %s%n", r.layout());
            out.printf("  %d leaf pages; records expected %d, found %d via list + %d by scanning, %d deleted,"
                    + " %d rejected, %d lost; %d rows written%s%n", r.leafPages(), r.expected(), r.foundByList(),
                    r.foundByScan(), r.deleted(), r.rejected(), r.lost(), r.rowsWritten(),
                    output == null ? "" : " to " + output);
        }
        for (PageAccount p : r.problemPages()) {
            out.printf("  page %d: expected %d, list %d, scan %d, deleted %d, rejected %d, lost %d%s; %s%n",
                    p.pageNo(), p.expected(), p.foundByList(), p.foundByScan(), p.deleted(), p.rejected(), p.lost(),
                    p.checksumValid() ? "" : ", checksum mismatch", p.walk());
            for (String f : p.findings()) {
                out.printf("    %s%n", f);
            }
        }
        for (String f : r.findings()) {
            out.printf("  %s%n", f);
        }
        out.printf("  %s%n", r.complete() ? "complete: every expected record recovered" : "INCOMPLETE");
        out.flush();
    }

    public static Map<String, Object> json(RecoveryResult r, String output) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", r.table());
        m.put("indexId", r.indexId());
        m.put("indexChoice", r.indexChoice());
        m.put("layout", r.layout());
        m.put("output", output);
        m.put("leafPages", r.leafPages());
        m.put("expected", r.expected());
        m.put("foundByList", r.foundByList());
        m.put("foundByScan", r.foundByScan());
        m.put("deleted", r.deleted());
        m.put("rejected", r.rejected());
        m.put("lost", r.lost());
        m.put("rowsWritten", r.rowsWritten());
        m.put("missingPages", r.missingPages());
        List<Map<String, Object>> pages = new ArrayList<>();
        for (PageAccount p : r.problemPages()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("page", p.pageNo());
            pm.put("expected", p.expected());
            pm.put("foundByList", p.foundByList());
            pm.put("foundByScan", p.foundByScan());
            pm.put("deleted", p.deleted());
            pm.put("rejected", p.rejected());
            pm.put("lost", p.lost());
            pm.put("checksumValid", p.checksumValid());
            pm.put("walk", p.walk());
            pm.put("findings", p.findings());
            pages.add(pm);
        }
        m.put("problemPages", pages);
        m.put("findings", r.findings());
        m.put("complete", r.complete());
        return m;
    }

    public static void json(List<Map<String, Object>> tables, PrintWriter out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tables", tables);
        doc.put("complete", tables.stream().allMatch(t -> Boolean.TRUE.equals(t.get("complete"))));
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        out.flush();
    }
}
