package dev.salvage.cli;

import dev.salvage.io.UnreadableInputException;
import dev.salvage.myisam.DeletedFragments;
import dev.salvage.myisam.KeyExclusion;
import dev.salvage.myisam.MyisamFinding;
import dev.salvage.myisam.MyisamRows;
import dev.salvage.myisam.MyisamRowsResult;
import dev.salvage.myisam.MyisamSource;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.myisam.RecordFormat;
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
                "file, or from --ddl. Without the .MYI, FIXED tables are read with the record length the .frm",
                "gives. Exit status 1 when anything was skipped or damaged."},
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

    @Option(names = "--deleted", description = {"Also write deleted records, with a " + DELETED_COLUMN + " column.",
            "FIXED tables: their first bytes hold the delete link, so columns there are damaged. DYNAMIC tables:",
            "the delete links overwrite each block's first 20 bytes (block header, field bitmap, first columns), so",
            "the rest of each deleted block goes to TABLE.deleted-blocks.tsv in hex and as text."})
    boolean deleted;

    @Option(names = "--ddl", paramLabel = "FILE", description = "CREATE TABLE statement(s) instead of the .frm files.")
    Path ddl;

    @Option(names = "--server", paramLabel = "KIND", defaultValue = "mariadb",
            description = "With --ddl: the server that wrote the tables, mariadb or mysql-5.7 (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--exclude-key", paramLabel = "INDEX=VALUE[,VALUE...]",
            description = {"Leave out the rows whose index columns hold these values (repeatable), e.g.",
                    "--exclude-key PRIMARY=123 or --exclude-key 'idx_name=Smith,John' for a two-column index.",
                    "Values as this command prints them in TSV (binary in hex, \\N for NULL, \\, for a comma",
                    "inside a value); the whole column must match. @OFFSET leaves out the record starting at",
                    "that byte of the .MYD (as check prints it). The rows left out are counted in the report."})
    List<String> excludeKeys = new ArrayList<>();

    @Option(names = "--exclude-keys-from", paramLabel = "FILE",
            description = "Read more --exclude-key values from FILE, one INDEX=VALUE[,VALUE...] per line (# comments).")
    Path excludeKeysFile;

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
        List<String> exclusions = new ArrayList<>(excludeKeys);
        if (excludeKeysFile != null) {
            if (!Files.isReadable(excludeKeysFile)) {
                throw new UnreadableInputException(excludeKeysFile + ": cannot read the file of keys to exclude");
            }
            for (String line : Files.readAllLines(excludeKeysFile)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    exclusions.add(t);
                }
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
                    clean &= dump(table, parsed, dialect, outputFormat, exclusions, stdout);
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
            List<String> exclusionSpecs, PrintWriter stdout) throws IOException {
        TableDef def = parsed == null ? null : tableFor(parsed, table);
        Set<Path> inputs = new HashSet<>(List.of(table.myd(), table.myi(), table.frm()));
        SinkOptions options = SinkOptions.defaults().withOverwrite(force).withProtectedInputs(inputs);
        try (MyisamSource source = MyisamSource.open(table, def, dialect)) {
            List<KeyExclusion> exclusions = new ArrayList<>();
            for (String spec : exclusionSpecs) {
                try {
                    exclusions.add(KeyExclusion.parse(spec, source.layout()));
                } catch (IllegalArgumentException e) {
                    throw new SalvageCommand.UsageException("--exclude-key " + e.getMessage());
                }
            }
            long[] leftOut = new long[2]; // live, deleted rows left out by --exclude-key
            RowLayout layout = RowLayout.of(source.layout().table());
            if (deleted) {
                layout = layout.withMetaColumns(List.of(DELETED_COLUMN));
            }
            MyisamRowsResult result;
            SinkResult sunk;
            DeletedFragments fragments = null;
            try (RowSink sink = outputFormat.open(out, layout, options)) {
                fragments = deleted && source.myi().format() == RecordFormat.DYNAMIC
                        ? DeletedFragments.create(source.myd(), fragmentsFile(table), force) : null;
                DeletedFragments blocks = fragments;
                result = source.read(deleted, new MyisamRows.RowHandler() {
                    @Override
                    public void row(List<RowValue> values, boolean isDeleted, long position) throws IOException {
                        for (KeyExclusion x : exclusions) {
                            if (x.matches(values, position)) {
                                leftOut[isDeleted ? 1 : 0]++;
                                return;
                            }
                        }
                        if (!deleted) {
                            sink.write(values);
                            return;
                        }
                        List<RowValue> row = new ArrayList<>(values);
                        row.add(RowValue.text(isDeleted ? "1" : "0"));
                        sink.write(row);
                    }

                    @Override
                    public boolean deletedBlock(long position, long length) throws IOException {
                        return blocks != null && blocks.write(position, length);
                    }
                });
                sunk = sink.finish();
            } finally {
                if (fragments != null) {
                    fragments.close();
                }
            }
            stdout.printf(Locale.ROOT, "%s: %d rows%s -> %s%n", table.name(), result.rows() - leftOut[0],
                    deleted ? " + " + (result.deletedRows() - leftOut[1]) + " deleted" : "",
                    sunk.files().isEmpty() ? "-" : sunk.files().get(0));
            long stateRecords = source.myi().state().records();
            stdout.printf(Locale.ROOT, "  records in the .MYI state: %s; broken records skipped: %d; bytes skipped: %d;"
                    + " rows with damaged values: %d%n", stateRecords < 0 ? "none (no .MYI)" : stateRecords,
                    result.scan().brokenRecords(), result.scan().garbageBytes(), result.damagedRows());
            for (KeyExclusion x : exclusions) {
                stdout.printf(Locale.ROOT, "  left out by --exclude-key %s: %d rows%n", x.spec(), x.matched());
            }
            if (fragments != null) {
                stdout.printf(Locale.ROOT, "  deleted blocks (not decodable: their first %d bytes hold the delete"
                        + " links): %d blocks, %d surviving bytes -> %s%n", DeletedFragments.LINK_BYTES,
                        fragments.blocks(), fragments.bytes(), fragmentsFile(table));
            }
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

    private Path fragmentsFile(MyisamTable table) {
        String stem = table.myd().getFileName().toString().replaceFirst("(?i)\\.myd$", "");
        return out.resolve(stem + ".deleted-blocks.tsv");
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
