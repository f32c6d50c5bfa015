package dev.salvage.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.myisam.MyisamFinding;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.myisam.repair.MyisamRepair;
import dev.salvage.myisam.repair.RepairRefusedException;
import dev.salvage.myisam.repair.RepairReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code salvage myisam repair}: a new, consistent table in another directory, rebuilt from the data. */
@Command(name = "repair",
        description = {"Writes a new, consistent copy of each MyISAM table into DIR: the .frm copied, a compact .MYD",
                "of every record that reads back intact, and a .MYI whose keys are recomputed from those records",
                "(never taken from the old index). The originals are only read. Exit status 1 when rows were",
                "left out or a table cannot be rebuilt exactly (the reason is printed; nothing is written for it)."},
        mixinStandardHelpOptions = true)
final class MyisamRepairCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A table's .MYI, .MYD or .frm, its path without extension, or a directory of tables")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the new tables go (not the input's directory).")
    Path out;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--json", description = "One JSON document with every table's report.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<RepairReport> reports = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean unreadable = false;
        for (Path path : paths) {
            List<MyisamTable> tables;
            try {
                tables = MyisamTable.resolve(path);
            } catch (UnreadableInputException e) {
                stderr.println("salvage: " + e.getMessage());
                unreadable = true;
                continue;
            }
            for (MyisamTable table : tables) {
                try {
                    RepairReport report = MyisamRepair.repair(table, out, force);
                    reports.add(report);
                    if (!json) {
                        print(report, stdout);
                    }
                } catch (IllegalArgumentException | FileAlreadyExistsException e) {
                    throw new SalvageCommand.UsageException(e.getMessage());
                } catch (RepairRefusedException e) {
                    String message = table.name() + ": not repaired: " + e.getMessage();
                    refused.add(message);
                    stderr.println("salvage: " + message);
                } catch (UnreadableInputException e) {
                    stderr.println("salvage: " + e.getMessage());
                    unreadable = true;
                }
            }
        }
        if (json) {
            printJson(reports, refused, stdout);
        }
        stdout.flush();
        stderr.flush();
        if (unreadable) {
            return ExitCode.UNREADABLE;
        }
        boolean lost = reports.stream().anyMatch(RepairReport::lostAnything);
        return lost || !refused.isEmpty() ? ExitCode.PROBLEMS : ExitCode.CLEAN;
    }

    private static void print(RepairReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %s table rebuilt -> %s%n", r.table(), r.format(), r.output().get(0).getParent());
        out.printf(Locale.ROOT, "  rows written: %d (the old state said %d); rows dropped: %d (broken records %d,"
                + " duplicates in a unique key %d, too long %d); bytes without a readable block: %d%n",
                r.rowsWritten(), r.rowsInState(), r.rowsDropped(), r.brokenRecords(), r.duplicatesDropped(),
                r.tooLongDropped(), r.skippedBytes());
        out.printf(Locale.ROOT, "  key definitions from %s; auto_increment %d%n", r.keySource(), r.autoIncrement());
        for (RepairReport.KeyResult k : r.keys()) {
            out.printf(Locale.ROOT, "  key %d%s (%s; %s): %s%n", k.number(), k.unique() ? " unique" : "", k.parts(),
                    k.packing(), k.enabled() ? k.keys() + " keys recomputed from the rows, " + k.blocks()
                            + " blocks, " + k.levels() + " levels" : "disabled in the old state: left empty");
        }
        for (MyisamFinding f : r.findings()) {
            out.println("  " + f);
        }
        if (r.suppressedFindings() > 0) {
            out.println("  error: " + r.suppressedFindings() + " more findings not shown");
        }
    }

    private static void printJson(List<RepairReport> reports, List<String> refused, PrintWriter out)
            throws IOException {
        JsonGenerator gen = new JsonFactory().createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.useDefaultPrettyPrinter();
        gen.writeStartObject();
        gen.writeArrayFieldStart("tables");
        for (RepairReport r : reports) {
            gen.writeStartObject();
            gen.writeStringField("table", r.table());
            gen.writeStringField("format", r.format());
            gen.writeArrayFieldStart("output");
            for (Path p : r.output()) {
                gen.writeString(p.toString());
            }
            gen.writeEndArray();
            gen.writeStringField("keySource", r.keySource());
            gen.writeNumberField("rowsWritten", r.rowsWritten());
            gen.writeNumberField("rowsInOldState", r.rowsInState());
            gen.writeNumberField("rowsDropped", r.rowsDropped());
            gen.writeNumberField("brokenRecords", r.brokenRecords());
            gen.writeNumberField("duplicatesDropped", r.duplicatesDropped());
            gen.writeNumberField("tooLongDropped", r.tooLongDropped());
            gen.writeNumberField("skippedBytes", r.skippedBytes());
            gen.writeNumberField("autoIncrement", r.autoIncrement());
            gen.writeArrayFieldStart("keys");
            for (RepairReport.KeyResult k : r.keys()) {
                gen.writeStartObject();
                gen.writeNumberField("number", k.number());
                gen.writeStringField("parts", k.parts());
                gen.writeStringField("packing", k.packing());
                gen.writeBooleanField("unique", k.unique());
                gen.writeBooleanField("enabled", k.enabled());
                gen.writeNumberField("keys", k.keys());
                gen.writeNumberField("blocks", k.blocks());
                gen.writeNumberField("levels", k.levels());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            MyisamCommand.writeFindings(gen, r.findings());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("refused");
        for (String s : refused) {
            gen.writeString(s);
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.close();
        out.println();
    }
}
