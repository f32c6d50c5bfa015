package dev.salvage.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.myisam.CheckResult;
import dev.salvage.myisam.MyisamCheck;
import dev.salvage.myisam.MyisamFinding;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.myisam.MyiState;
import dev.salvage.io.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code salvage myisam}: MyISAM tables read straight from their .MYI/.MYD files. */
@Command(name = "myisam",
        description = "Checks MyISAM tables and reads their rows offline, without a server and without writing to them.",
        mixinStandardHelpOptions = true,
        subcommands = {MyisamCommand.Check.class, MyisamRowsCommand.class, MyisamRepairCommand.class})
public final class MyisamCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code salvage myisam check}: what {@code myisamchk --extend-check} checks, read-only. */
    @Command(name = "check",
            description = {"Checks MyISAM tables as myisamchk --extend-check does: the state against the files,",
                    "the delete chain, every data block, every key block, and every key against the key rebuilt",
                    "from its record. Inputs are opened read-only."},
            mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "A table's .MYI, .MYD or .frm, its path without extension, or a directory of tables")
        List<Path> paths;

        @Option(names = "--json", description = "One JSON document with every table's state, counts and findings.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CheckResult> results = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            for (Path path : paths) {
                List<MyisamTable> tables;
                try {
                    tables = MyisamTable.resolve(path);
                } catch (UnreadableInputException e) {
                    err.println("salvage: " + e.getMessage());
                    err.flush();
                    unreadable.add(e.getMessage());
                    continue;
                }
                for (MyisamTable table : tables) {
                    CheckResult result = MyisamCheck.check(table);
                    results.add(result);
                    if (!json) {
                        printText(result, out);
                    }
                }
            }
            if (json) {
                printJson(results, unreadable, out);
            }
            out.flush();
            if (!unreadable.isEmpty()) {
                return ExitCode.UNREADABLE;
            }
            return results.stream().allMatch(CheckResult::ok) ? ExitCode.CLEAN : ExitCode.PROBLEMS;
        }

        private static void printText(CheckResult r, PrintWriter out) {
            out.println("Checking MyISAM file: " + (r.table().myi() != null ? r.table().myi() : r.table().myd()));
            if (r.myi() != null) {
                MyiState s = r.myi().state();
                out.println("Data records: " + s.records() + "   Deleted blocks: " + s.deleted()
                        + "   Format: " + r.myi().format() + "   Keys: " + r.myi().keys().size());
            }
            if (r.data() != null) {
                out.println("Found records: " + r.data().records() + "   deleted blocks: " + r.data().deletedBlocks()
                        + "   deleted space: " + r.data().deletedLength()
                        + (r.data().brokenRecords() > 0 ? "   broken records: " + r.data().brokenRecords() : ""));
            }
            for (MyisamFinding f : r.findings()) {
                out.println(f.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message());
            }
            if (r.suppressedFindings() > 0) {
                out.println("error: " + r.suppressedFindings() + " more findings not shown");
            }
            out.println(r.verdict());
            out.println();
        }

        private static void printJson(List<CheckResult> results, List<String> unreadable, PrintWriter out)
                throws IOException {
            JsonGenerator gen = new JsonFactory().createGenerator(out);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeArrayFieldStart("tables");
            for (CheckResult r : results) {
                gen.writeStartObject();
                gen.writeStringField("table", r.table().name());
                gen.writeStringField("myi", String.valueOf(r.table().myi()));
                gen.writeStringField("myd", String.valueOf(r.table().myd()));
                gen.writeBooleanField("ok", r.ok());
                gen.writeStringField("verdict", r.verdict());
                if (r.myi() != null) {
                    MyiState s = r.myi().state();
                    gen.writeStringField("format", r.myi().format().name());
                    gen.writeObjectFieldStart("state");
                    gen.writeNumberField("openCount", s.openCount());
                    gen.writeNumberField("changed", s.changed());
                    gen.writeBooleanField("crashed", s.crashed());
                    gen.writeNumberField("records", s.records());
                    gen.writeNumberField("deleted", s.deleted());
                    gen.writeNumberField("deletedSpace", s.empty());
                    gen.writeNumberField("dellink", s.dellink());
                    gen.writeNumberField("dataFileLength", s.dataFileLength());
                    gen.writeNumberField("keyFileLength", s.keyFileLength());
                    gen.writeNumberField("autoIncrement", s.autoIncrement());
                    gen.writeNumberField("checksum", s.checksum());
                    gen.writeEndObject();
                }
                if (r.data() != null) {
                    gen.writeObjectFieldStart("found");
                    gen.writeNumberField("records", r.data().records());
                    gen.writeNumberField("deletedBlocks", r.data().deletedBlocks());
                    gen.writeNumberField("deletedSpace", r.data().deletedLength());
                    gen.writeNumberField("brokenRecords", r.data().brokenRecords());
                    gen.writeNumberField("garbageBytes", r.data().garbageBytes());
                    gen.writeArrayFieldStart("keysPerIndex");
                    for (Long k : r.keysPerIndex()) {
                        gen.writeNumber(k);
                    }
                    gen.writeEndArray();
                    gen.writeEndObject();
                }
                writeFindings(gen, r.findings());
                gen.writeNumberField("suppressedFindings", r.suppressedFindings());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("unreadable");
            for (String u : unreadable) {
                gen.writeString(u);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.close();
            out.println();
        }
    }

    /** The "findings" array of the MyISAM commands' --json documents (check and repair). */
    static void writeFindings(JsonGenerator gen, List<MyisamFinding> findings) throws IOException {
        gen.writeArrayFieldStart("findings");
        for (MyisamFinding f : findings) {
            gen.writeStartObject();
            gen.writeStringField("severity", f.severity().name());
            gen.writeStringField("code", f.code());
            gen.writeStringField("file", f.file());
            gen.writeNumberField("offset", f.offset());
            gen.writeStringField("message", f.message());
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }
}
