package dev.salvage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.salvage.catalog.Catalog;
import dev.salvage.catalog.CatalogTable;
import dev.salvage.catalog.TablePart;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.out.OutputFormat;
import dev.salvage.out.RowSink;
import dev.salvage.out.SinkOptions;
import dev.salvage.out.SinkResult;
import dev.salvage.recover.DeletedMode;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.RecoveryReport;
import dev.salvage.recover.RecoveryResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code salvage rows} without {@code --ddl}: the definitions come from the files ({@link Catalog}); every
 * table (or the one {@code --table} names) is written to {@code OUT/<db>/<table>.<format>}, all partitions of a
 * partitioned table into one file.
 */
final class CatalogRows {

    private final RowsCommand cmd;
    private final OutputFormat format;
    private final DeletedMode deleted;

    CatalogRows(RowsCommand cmd, OutputFormat format, DeletedMode deleted) {
        this.cmd = cmd;
        this.format = format;
        this.deleted = deleted;
    }

    /** What one partition (or the whole unpartitioned table) gave. */
    private record PartOutcome(TablePart part, RecoveryResult result, long trailingBytes, String unreadable) {
    }

    int run(PrintWriter out) throws IOException {
        Catalog catalog = Catalog.discover(cmd.files);
        List<CatalogTable> tables = chosen(catalog);
        if (cmd.indexId != null && (tables.size() != 1 || tables.get(0).parts().size() != 1)) {
            throw new SalvageCommand.UsageException("--index-id names the index of one table in one tablespace:"
                    + " use it with --table (and --ddl for a table in several files)");
        }
        SinkOptions sinkOptions = SinkOptions.defaults().withOverwrite(cmd.force)
                .withProtectedInputs(protectedInputs(catalog));
        boolean complete = catalog.problems().isEmpty();
        List<Map<String, Object>> reports = new ArrayList<>();
        if (!cmd.json) {
            catalog.problems().forEach(p -> out.println("PROBLEM: " + p));
            catalog.notes().forEach(n -> out.println("note: " + n));
            if (tables.isEmpty()) {
                out.println("no InnoDB table with a definition found in the inputs");
            }
        }
        for (CatalogTable table : tables) {
            boolean whole = recoverTable(table, sinkOptions, out, reports);
            // A dropped table comes along in "every table" runs as a bonus: its pages are often reused, and that
            // is no damage. Asked for by name, it counts like any other.
            complete &= whole || table.dropped() && cmd.table == null;
        }
        if (cmd.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("tables", reports);
            doc.put("problems", catalog.problems());
            doc.put("notes", catalog.notes());
            doc.put("complete", complete);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        }
        out.flush();
        return complete && !tables.isEmpty() ? ExitCode.CLEAN : ExitCode.PROBLEMS;
    }

    private List<CatalogTable> chosen(Catalog catalog) {
        if (cmd.table == null) {
            return catalog.userTables();
        }
        List<CatalogTable> found = catalog.select(cmd.table);
        if (found.isEmpty()) {
            throw new SalvageCommand.UsageException("--table " + cmd.table + ": no such table in the inputs; they hold "
                    + catalog.tables().stream().map(t -> t.qualifiedName() + (t.dropped() ? " (dropped)" : ""))
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        return found;
    }

    /** Every file a table's pages or definition come from: never opened for writing, even with --force. */
    private Set<Path> protectedInputs(Catalog catalog) {
        Set<Path> inputs = new HashSet<>(cmd.files);
        for (CatalogTable t : catalog.tables()) {
            t.parts().forEach(p -> inputs.addAll(p.files()));
            if (t.definitionFile() != null) {
                inputs.add(t.definitionFile());
            }
        }
        return inputs;
    }

    /** Recovers every part of one table into one output file; true when nothing was lost. */
    private boolean recoverTable(CatalogTable table, SinkOptions sinkOptions, PrintWriter out,
            List<Map<String, Object>> reports) throws IOException {
        RecoveryOptions options = RecoveryOptions.defaults().withDeleted(deleted).withThreads(cmd.threads)
                .withDialect(table.dialect()).withFreedPages(table.dropped());
        List<PartOutcome> outcomes = new ArrayList<>();
        SinkResult sunk = null;
        long began = System.nanoTime();
        RowSink sink = null;
        try {
            for (TablePart part : table.parts()) {
                Long indexId = cmd.indexId != null ? cmd.indexId : part.indexId();
                try (RecoveryInput input = RecoveryInput.open(part.files())) {
                    if (sink == null) {
                        // Opened once the first tablespace reads, so an unreadable table leaves no empty file.
                        sink = format.open(table.outputDir(cmd.out), cmd.layout(table.definition()), sinkOptions);
                    }
                    RecoveryResult result = cmd.recoverSpace(table.definition(), input, options.withIndexId(indexId),
                            sink);
                    outcomes.add(new PartOutcome(part, result, RowsCommand.trailingBytes(input), null));
                } catch (UnreadableInputException e) {
                    outcomes.add(new PartOutcome(part, null, 0, e.getMessage()));
                }
            }
            if (sink != null) {
                sunk = sink.finish();
            }
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        String written = sunk == null ? null : sunk.files().stream().findFirst().map(Path::toString).orElse(null);
        long damaged = sunk == null ? 0 : sunk.damagedValues();
        boolean complete = damaged == 0 && !outcomes.isEmpty();
        long rows = 0;
        for (PartOutcome o : outcomes) {
            complete &= o.unreadable() == null && o.result().complete() && o.trailingBytes() == 0;
            rows += o.result() == null ? 0 : o.result().rowsWritten();
        }
        if (cmd.json) {
            for (PartOutcome o : outcomes) {
                reports.add(json(table, o, written, damaged));
            }
        } else {
            text(table, outcomes, written, damaged, out);
            out.printf(Locale.ROOT, "  time: %.3f s, %.0f rows/s with %d thread(s)%n", seconds,
                    rows / Math.max(seconds, 1e-9), options.threads());
            out.flush();
        }
        return complete;
    }

    private static void text(CatalogTable table, List<PartOutcome> outcomes, String written, long damaged,
            PrintWriter out) {
        out.printf("== %s%s: definition from %s (%s)%n", table.qualifiedName(), table.dropped() ? " (DROPPED)" : "",
                table.definitionFile(), table.definitionSource());
        table.findings().forEach(f -> out.println("  definition: " + f));
        if (table.dropped()) {
            out.println("  dropped table: DROP freed its pages, which the server may have reused since");
        }
        for (PartOutcome o : outcomes) {
            TablePart part = o.part();
            out.printf("-- %s%s, clustered index %s%n", part.partition() == null ? "" : "partition " + part.partition()
                    + " in ", String.join(" + ", part.files().stream().map(Path::toString).toList()),
                    part.indexFrom() == null ? "found by decoding sample pages"
                            : part.indexId() + " from the " + (part.indexFrom().equals("sdi") ? "SDI" : part.indexFrom()));
            if (o.unreadable() != null) {
                out.println("  NOT RECOVERED: unreadable: " + o.unreadable());
                continue;
            }
            RecoveryReport.text(o.result(), written, out);
            if (o.trailingBytes() > 0) {
                out.printf(Locale.ROOT, "  INCOMPLETE: the file ends %d bytes into a page (truncated):"
                        + " pages past that point are missing%n", o.trailingBytes());
            }
        }
        if (damaged > 0) {
            out.printf(Locale.ROOT, "  INCOMPLETE: %d value(s) could not be read whole and are marked"
                    + " [salvage: damaged: …] in the output%n", damaged);
        }
    }

    private static Map<String, Object> json(CatalogTable table, PartOutcome o, String written, long damaged) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", table.schema());
        m.put("name", table.name());
        m.put("dropped", table.dropped());
        m.put("definitionSource", table.definitionSource());
        m.put("definitionFile", String.valueOf(table.definitionFile()));
        m.put("definitionFindings", table.findings());
        m.put("partition", o.part().partition());
        m.put("files", o.part().files().stream().map(Path::toString).toList());
        m.put("indexSource", o.part().indexFrom() == null ? "decoding" : o.part().indexFrom());
        if (o.unreadable() != null) {
            m.put("unreadable", o.unreadable());
            m.put("complete", false);
            return m;
        }
        m.putAll(RecoveryReport.json(o.result(), written));
        m.put("damaged_values", damaged);
        m.put("trailing_bytes", o.trailingBytes());
        m.put("complete", o.result().complete() && damaged == 0 && o.trailingBytes() == 0);
        return m;
    }
}
