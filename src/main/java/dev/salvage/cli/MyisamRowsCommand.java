package dev.salvage.cli;

import dev.salvage.io.UnreadableInputException;
import dev.salvage.myisam.MyisamFinding;
import dev.salvage.myisam.MyisamRowsResult;
import dev.salvage.myisam.MyisamSource;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.out.OutputFormat;
import dev.salvage.out.RowLayout;
import dev.salvage.out.RowSink;
import dev.salvage.out.RowValue;
import dev.salvage.out.SinkOptions;
import dev.salvage.out.SinkResult;
import dev.salvage.schema.DdlParseResult;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code salvage myisam rows}: every intact record of MyISAM tables, in the formats of {@code salvage rows}. */
@Command(name = "rows",
        description = {"Writes every intact record of MyISAM tables (FIXED and DYNAMIC) to DIR, one file per table,",
                "skipping broken blocks with findings. The definition comes from the .frm next to the data",
                "file, or from --ddl. Exit status 1 when anything was skipped or damaged."},
        mixinStandardHelpOptions = true)
final class MyisamRowsCommand implements Callable<Integer> {

    /** The metadata column added with {@code --deleted}: 1 for a deleted record, 0 for a live one. */
    static final String DELETED_COLUMN = "_salvage_deleted";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A table's .MYD, .MYI or .frm, its path without extension, or a directory of tables")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "tsv",
            description = "tsv, sql, csv or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--deleted", description = "Also write deleted records (FIXED tables), with a "
            + DELETED_COLUMN + " column; their first bytes hold the delete link, so columns there are damaged.")
    boolean deleted;

    @Option(names = "--ddl", paramLabel = "FILE", description = "CREATE TABLE statement(s) instead of the .frm files.")
    Path ddl;

    @Option(names = "--server", paramLabel = "KIND", defaultValue = "mariadb",
            description = "With --ddl: the server that wrote the tables, mariadb or mysql-5.7 (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        OutputFormat outputFormat;
        try {
            outputFormat = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new SalvageCommand.UsageException("--format: tsv, sql, csv or jsonl");
        }
        ServerDialect dialect = switch (server.toLowerCase(Locale.ROOT)) {
            case "mariadb" -> ServerDialect.MARIADB_10_11;
            case "mysql-5.7", "mysql-5.6", "mysql-5.5" -> ServerDialect.MYSQL_5_7;
            default -> throw new SalvageCommand.UsageException("--server: mariadb or mysql-5.7");
        };
        DdlParseResult parsed = null;
        if (ddl != null) {
            if (!Files.isReadable(ddl)) {
                throw new UnreadableInputException(ddl + ": cannot read the DDL file");
            }
            parsed = new DdlParser(dialect).parse(Files.readString(ddl));
            if (parsed.tables().isEmpty()) {
                throw new SalvageCommand.UsageException(ddl + ": no CREATE TABLE found " + parsed.problems());
            }
        }
        boolean clean = true;
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
                    clean &= dump(table, parsed, dialect, outputFormat, stdout);
                } catch (UnreadableInputException e) {
                    stderr.println("salvage: " + e.getMessage());
                    unreadable = true;
                }
            }
        }
        stdout.flush();
        stderr.flush();
        return unreadable ? ExitCode.UNREADABLE : clean ? ExitCode.CLEAN : ExitCode.PROBLEMS;
    }

    private boolean dump(MyisamTable table, DdlParseResult parsed, ServerDialect dialect, OutputFormat outputFormat,
            PrintWriter stdout) throws IOException {
        TableDef def = parsed == null ? null : tableFor(parsed, table);
        Set<Path> inputs = new HashSet<>(List.of(table.myd(), table.myi(), table.frm()));
        SinkOptions options = SinkOptions.defaults().withOverwrite(force).withProtectedInputs(inputs);
        try (MyisamSource source = MyisamSource.open(table, def, dialect)) {
            RowLayout layout = RowLayout.of(source.layout().table());
            if (deleted) {
                layout = layout.withMetaColumns(List.of(DELETED_COLUMN));
            }
            MyisamRowsResult result;
            SinkResult sunk;
            try (RowSink sink = outputFormat.open(out, layout, options)) {
                result = source.read(deleted, (values, isDeleted, position) -> {
                    if (!deleted) {
                        sink.write(values);
                        return;
                    }
                    List<RowValue> row = new ArrayList<>(values);
                    row.add(RowValue.text(isDeleted ? "1" : "0"));
                    sink.write(row);
                });
                sunk = sink.finish();
            }
            stdout.printf(Locale.ROOT, "%s: %d rows%s -> %s%n", table.name(), result.rows(),
                    deleted ? " + " + result.deletedRows() + " deleted" : "",
                    sunk.files().isEmpty() ? "-" : sunk.files().get(0));
            stdout.printf(Locale.ROOT, "  records in the .MYI state: %d; broken records skipped: %d; bytes skipped: %d;"
                    + " rows with damaged values: %d%n", source.myi().state().records(),
                    result.scan().brokenRecords(), result.scan().garbageBytes(), result.damagedRows());
            for (MyisamFinding f : source.notes()) {
                stdout.println("  " + f);
            }
            for (MyisamFinding f : result.findings()) {
                stdout.println("  " + f);
            }
            if (result.suppressedFindings() > 0) {
                stdout.println("  error: " + result.suppressedFindings() + " more findings not shown");
            }
            // Damage in intact rows is counted by the result; the lost first bytes of deleted rows are expected.
            boolean problems = source.notes().stream().anyMatch(MyisamFinding::isProblem);
            return !result.lostAnything() && !problems;
        }
    }

    private TableDef tableFor(DdlParseResult parsed, MyisamTable table) {
        if (parsed.tables().size() == 1) {
            return parsed.tables().get(0);
        }
        String stem = table.myd().getFileName().toString().replaceFirst("(?i)\\.myd$", "");
        return parsed.table(stem).orElseThrow(() -> new SalvageCommand.UsageException(ddl + " defines "
                + parsed.tables().size() + " tables and none is named '" + stem + "'"));
    }
}
