package dev.salvage.cli;

import dev.salvage.io.UnreadableInputException;
import dev.salvage.out.OutputFormat;
import dev.salvage.io.PageSource;
import dev.salvage.out.RowLayout;
import dev.salvage.out.SinkResult;
import dev.salvage.out.RowSink;
import dev.salvage.out.RowValue;
import dev.salvage.out.SinkOptions;
import dev.salvage.recover.DeletedMode;
import dev.salvage.recover.RecoveredRow;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.RecoveryReport;
import dev.salvage.recover.RecoveryResult;
import dev.salvage.recover.TableRecovery;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code salvage rows}: the rows of InnoDB tables, straight from tablespace files or a carve folder. */
@Command(name = "rows",
        description = {"Recovers the rows of InnoDB tables from a data directory, .ibd / ibdata files or a",
                "'salvage carve' folder. The definitions come from the .frm files, the SDI of MySQL 8.0",
                "tablespaces and the InnoDB dictionary in ibdata1, or from CREATE TABLE text given with --ddl."},
        mixinStandardHelpOptions = true)
public final class RowsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "A data directory; .ibd, .frm, ibdata1 (ibdata2, … together) files; or a carve folder.")
    List<Path> files;

    @Option(names = "--ddl", paramLabel = "FILE",
            description = "CREATE TABLE statement(s): decode the files with these instead of the definitions found.")
    Path ddl;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The table to recover: db/name or name (default: every table; with --ddl, the table"
                    + " named like the file, or the only one).")
    String table;

    @Option(names = "--index-id", paramLabel = "N", description = "The clustered index id (default: found).")
    Long indexId;

    @Option(names = "--format", paramLabel = "FMT", description = "tsv, sql, csv or jsonl (default ${DEFAULT-VALUE}).")
    String format = "tsv";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--deleted", paramLabel = "MODE", description = "none, only or with (default ${DEFAULT-VALUE}).")
    String deleted = "none";

    @Option(names = "--provenance", description = "Add page, offset, heap number, delete mark, trx id, how found.")
    boolean provenance;

    @Option(names = "--server", paramLabel = "KIND",
            description = "mariadb, mysql-5.7 or mysql-8.0: whose defaults the DDL assumes (default ${DEFAULT-VALUE}).")
    String server = "mariadb";

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print the report as one JSON document.")
    boolean json;

    static final List<String> PROVENANCE = List.of("_salvage_page", "_salvage_offset", "_salvage_heap_no",
            "_salvage_deleted", "_salvage_trx_id", "_salvage_found");

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        OutputFormat outputFormat = parseEnum(() -> OutputFormat.parse(format), "--format", format);
        DeletedMode mode = parseEnum(() -> DeletedMode.valueOf(deleted.trim().toUpperCase(Locale.ROOT)), "--deleted",
                deleted);
        ServerDialect dialect = serverDialect(server);
        if (ddl == null) {
            return new CatalogRows(this, outputFormat, mode).run(stdout);
        }
        DdlParseResult parsed = parseDdl(ddl, dialect);
        RecoveryOptions options = RecoveryOptions.defaults().withIndexId(indexId).withDeleted(mode)
                .withThreads(threads).withDialect(dialect);
        SinkOptions sinkOptions = SinkOptions.defaults().withOverwrite(force).withProtectedInputs(Set.copyOf(files));
        List<Map<String, Object>> reports = new ArrayList<>();
        boolean complete = true;
        Set<String> done = new HashSet<>();
        for (List<Path> space : PagesCommand.groupSpaces(files)) {
            TableDef def = tableFor(parsed, space.get(0));
            if (!done.add(def.name().toLowerCase(Locale.ROOT) + "@" + space)) {
                continue;
            }
            RecoveryResult result;
            Path written;
            SinkResult sunk;
            long trailingBytes;
            long began = System.nanoTime();
            try (RecoveryInput input = RecoveryInput.open(space);
                    RowSink sink = outputFormat.open(out, layout(def), sinkOptions)) {
                result = recoverSpace(def, input, options, sink);
                trailingBytes = trailingBytes(input);
                sunk = sink.finish();
                written = sunk.files().stream().findFirst().orElse(null);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            // A row with a value marked damaged (e.g. a broken BLOB chain) is not a complete recovery either.
            complete &= result.complete() && sunk.damagedValues() == 0 && trailingBytes == 0;
            String where = written == null ? null : written.toString();
            if (json) {
                Map<String, Object> report = new java.util.LinkedHashMap<>(RecoveryReport.json(result, where));
                report.put("damaged_values", sunk.damagedValues());
                report.put("trailing_bytes", trailingBytes);
                report.put("complete", result.complete() && sunk.damagedValues() == 0 && trailingBytes == 0);
                reports.add(report);
            } else {
                RecoveryReport.text(result, where, stdout);
                if (sunk.damagedValues() > 0) {
                    stdout.printf(Locale.ROOT, "  INCOMPLETE: %d value(s) could not be read whole and are marked"
                            + " [salvage: damaged: …] in the output%n", sunk.damagedValues());
                }
                if (trailingBytes > 0) {
                    stdout.printf(Locale.ROOT, "  INCOMPLETE: the file ends %d bytes into a page (truncated):"
                            + " pages past that point are missing%n", trailingBytes);
                }
                // Measured inside the process (no JVM start-up), so bench/rows can report the pipeline's own rate.
                stdout.printf(Locale.ROOT, "  time: %.3f s, %.0f rows/s with %d thread(s)%n", seconds,
                        result.rowsWritten() / Math.max(seconds, 1e-9), options.threads());
            }
        }
        if (json) {
            RecoveryReport.json(reports, stdout);
        }
        return complete ? ExitCode.CLEAN : ExitCode.PROBLEMS;
    }

    /** The --server value of rows and check: whose storage rules a definition follows. */
    static ServerDialect serverDialect(String server) {
        return switch (server.toLowerCase(Locale.ROOT)) {
            case "mariadb" -> ServerDialect.MARIADB_10_11;
            case "mysql-5.7", "mysql-5.6", "mysql-5.5" -> ServerDialect.MYSQL_5_7;
            case "mysql-8.0" -> ServerDialect.MYSQL_8_0;
            default -> throw new SalvageCommand.UsageException("--server: mariadb, mysql-5.7 or mysql-8.0");
        };
    }

    /** The CREATE TABLE statements of a --ddl file: unreadable input, or a usage error when it defines none. */
    static DdlParseResult parseDdl(Path ddl, ServerDialect dialect) throws IOException {
        if (!Files.isReadable(ddl)) {
            throw new UnreadableInputException(ddl + ": cannot read the DDL file");
        }
        DdlParseResult parsed = new DdlParser(dialect).parse(Files.readString(ddl));
        if (parsed.tables().isEmpty()) {
            throw new SalvageCommand.UsageException(ddl + ": no CREATE TABLE found " + parsed.problems());
        }
        return parsed;
    }

    RowLayout layout(TableDef def) {
        RowLayout layout = RowLayout.of(def);
        return provenance ? layout.withMetaColumns(PROVENANCE) : layout;
    }

    /** Recovers the table's rows from one tablespace (or carve folder) into an open sink. */
    RecoveryResult recoverSpace(TableDef def, RecoveryInput input, RecoveryOptions options, RowSink sink)
            throws IOException {
        // Rows are formatted on the recovery's worker threads; this thread only appends the results.
        // Plain TSV of live rows: the workers write the lines straight from the page bytes.
        if (sink.tsvFields() != null && !provenance && options.deleted() == DeletedMode.NONE) {
            return new TableRecovery(def, options).runTsv(input, sink.tsvFields(), sink::writePrepared);
        }
        return new TableRecovery(def, options).run(input,
                batch -> sink.prepare(batch.stream().map(this::values).toList()), sink::writePrepared);
    }

    /** Bytes past the last whole page: the file was truncated mid-page. */
    static long trailingBytes(RecoveryInput input) {
        return input.sources().stream().mapToLong(PageSource::trailingBytes).sum();
    }

    private List<RowValue> values(RecoveredRow row) {
        if (!provenance) {
            return row.values();
        }
        List<RowValue> all = new ArrayList<>(row.values());
        all.add(RowValue.text(Long.toString(row.pageNo())));
        all.add(RowValue.text(Integer.toString(row.origin())));
        all.add(RowValue.text(Integer.toString(row.heapNo())));
        all.add(RowValue.text(row.deleted() ? "1" : "0"));
        all.add(RowValue.text(Long.toString(row.trxId())));
        all.add(RowValue.text(row.foundBy().name().toLowerCase(Locale.ROOT)));
        return all;
    }

    private TableDef tableFor(DdlParseResult parsed, Path file) {
        if (table != null) {
            return parsed.table(table).orElseThrow(
                    () -> new SalvageCommand.UsageException("--table " + table + ": not in " + ddl));
        }
        if (parsed.tables().size() == 1) {
            return parsed.tables().get(0);
        }
        String stem = file.getFileName() == null ? "" : file.getFileName().toString().replaceFirst("\\.ibd$", "")
                .replaceFirst("#[pP]#.*$", "");
        Optional<TableDef> byName = parsed.table(stem);
        return byName.orElseThrow(() -> new SalvageCommand.UsageException(ddl + " defines "
                + parsed.tables().size() + " tables and none is named '" + stem + "': use --table"));
    }

    private static <T> T parseEnum(java.util.function.Supplier<T> parse, String option, String value) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new SalvageCommand.UsageException(option + ": unknown value '" + value + "'");
        }
    }
}
