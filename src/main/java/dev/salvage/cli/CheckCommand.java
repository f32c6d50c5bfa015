package dev.salvage.cli;

import dev.salvage.check.CheckReport;
import dev.salvage.check.CheckResult;
import dev.salvage.check.TablespaceCheck;
import dev.salvage.dict.DictionarySchema;
import dev.salvage.innodb.fil.Vendor;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.schema.DdlParseResult;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SchemaSources;
import dev.salvage.sdi.SdiFile;
import dev.salvage.sdi.SdiIndexIds;
import dev.salvage.sdi.SdiRecord;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code salvage check}: CHECK TABLE without a server, from the tablespace files alone. */
@Command(name = "check",
        description = {"Checks every index of InnoDB tables without a server: walks each B-tree from its root,",
                "verifies levels, sibling links, the leaf chain, key order, node pointer bounds, record lists,",
                "page directories, file segments and entry counts; reports in CHECK TABLE's shape."},
        mixinStandardHelpOptions = true)
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A tablespace per table (.ibd; ibdata1, ibdata2, … together), a data directory (every"
                    + " table's .ibd), or a carve folder.")
    List<Path> files;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The table the file holds, db/name or name (default: named like the file).")
    String table;

    @Option(names = "--ddl", paramLabel = "FILE",
            description = "CREATE TABLE statement(s) (default: the .frm next to the .ibd, the SDI inside it, or"
                    + " the dictionary in ibdata1 of the same data directory).")
    Path ddl;

    @Option(names = "--server", paramLabel = "KIND",
            description = "mariadb, mysql-5.7 or mysql-8.0: whose storage rules the definition follows"
                    + " (default: from the files).")
    String server;

    @Option(names = "--json", description = "Print every finding as one JSON document.")
    boolean json;

    private static final java.util.regex.Pattern INSTANT_COLUMN =
            java.util.regex.Pattern.compile("\"se_private_data\":\\s*\"([^\"]*;)?default(_null)?=");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ServerDialect forced = server == null ? null : RowsCommand.serverDialect(server);
        DdlParseResult parsed = ddl == null ? null
                : RowsCommand.parseDdl(ddl, forced == null ? ServerDialect.MARIADB_10_11 : forced);
        List<List<Path>> spaces = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        for (Path f : files) {
            if (Files.isDirectory(f) && Files.isDirectory(f.resolve("FIL_PAGE_INDEX"))) {
                spaces.add(List.of(f)); // a carve folder
            } else if (Files.isDirectory(f)) {
                // A data directory: every table's .ibd (the system tablespace only when named).
                SchemaSources.files(f).stream().filter(p -> p.getFileName().toString().endsWith(".ibd"))
                        .filter(this::wanted).forEach(plain::add);
            } else {
                plain.add(f);
            }
        }
        spaces.addAll(PagesCommand.groupSpaces(plain));
        if (spaces.isEmpty()) {
            throw new UnreadableInputException(files + ": no tablespace found"
                    + (table == null ? "" : " for --table " + table));
        }
        List<CheckResult> results = new ArrayList<>();
        for (List<Path> space : spaces) {
            try (RecoveryInput input = RecoveryInput.open(space)) {
                TablespaceCheck.Schema schema = schema(space, input, parsed, forced);
                results.add(TablespaceCheck.run(input, schema));
            }
        }
        if (json) {
            CheckReport.json(results, out);
        } else {
            CheckReport.text(results, out);
        }
        return results.stream().allMatch(CheckResult::ok) ? ExitCode.CLEAN : ExitCode.PROBLEMS;
    }

    /** With --table, only that table's files of a data directory (db/name, or name in any database). */
    private boolean wanted(Path ibd) {
        if (table == null) {
            return true;
        }
        String stem = stem(ibd).replaceFirst("(?i)#P#.*$", "");
        Path dir = ibd.toAbsolutePath().getParent();
        String db = dir == null || dir.getFileName() == null ? "" : dir.getFileName().toString();
        return table.contains("/") ? table.equalsIgnoreCase(db + "/" + stem) : table.equalsIgnoreCase(stem);
    }

    /** The definition of the table in {@code space}, from the first source that has it. */
    private TablespaceCheck.Schema schema(List<Path> space, RecoveryInput input, DdlParseResult parsed,
            ServerDialect forced) throws IOException {
        Path file = space.get(0);
        String stem = stem(file);
        ServerDialect fromFiles = input.layout().flags() != null && input.layout().flags().vendor() == Vendor.MARIADB
                ? ServerDialect.MARIADB_10_11 : ServerDialect.MYSQL_5_7;
        if (parsed != null) {
            TableDef def = tableFor(parsed, stem);
            return new TablespaceCheck.Schema(name(def, file), def, forced != null ? forced : ServerDialect.MARIADB_10_11,
                    List.of(), "ddl");
        }
        if (Files.isDirectory(file) || space.size() > 1 || stem.startsWith("ibdata")) {
            return TablespaceCheck.Schema.none(input.name());
        }
        if (SchemaSources.hasFrm(file)) {
            FoundTable frm = SchemaSources.fromFrm(file.resolveSibling(stem.replaceFirst("(?i)#P#.*$", "") + ".frm"));
            ServerDialect dialect = forced != null ? forced : fromFiles;
            List<SdiIndexIds> ids = dictionaryIds(file, frm);
            return new TablespaceCheck.Schema(frm.qualifiedName(), frm.table(), dialect, ids,
                    ids.isEmpty() ? "frm" : "frm+dictionary");
        }
        SdiFile sdi = SdiFile.read(file);
        List<FoundTable> tables = SchemaSources.fromSdi(sdi).stream().filter(t -> !t.engineHidden()).toList();
        Optional<FoundTable> found = tables.size() == 1 ? Optional.of(tables.get(0))
                : tables.stream().filter(t -> t.table().name().equalsIgnoreCase(table == null ? stem
                        : table.replaceFirst("^.*/", ""))).findFirst();
        if (found.isPresent()) {
            String partition = file.getFileName().toString().toLowerCase(Locale.ROOT).contains("#p#")
                    ? stem.replaceFirst("(?i)^.*#P#", "") : null;
            List<SdiIndexIds> ids = found.get().indexes().stream().filter(i -> partition == null
                    ? i.partition() == null : partition.equalsIgnoreCase(i.partition())).toList();
            // MySQL 8.0 instant ADD COLUMN: the added columns carry their default in se_private_data.
            boolean instant = sdi.records().stream().filter(r -> r.type() == SdiRecord.TYPE_TABLE)
                    .anyMatch(r -> INSTANT_COLUMN.matcher(r.jsonText()).find());
            return new TablespaceCheck.Schema(found.get().qualifiedName(), found.get().table(),
                    forced != null ? forced : ServerDialect.MYSQL_8_0, ids, "sdi", instant);
        }
        return TablespaceCheck.Schema.none(input.name());
    }

    /**
     * Index ids and roots from the system dictionary (ibdata1 in the data directory above the .ibd), when it
     * can be read and names this table; empty otherwise (then the shapes are matched by their records).
     */
    private static List<SdiIndexIds> dictionaryIds(Path ibd, FoundTable frm) {
        Path dir = ibd.toAbsolutePath().getParent();
        Path ibdata = dir == null || dir.getParent() == null ? null : dir.getParent().resolve("ibdata1");
        if (ibdata == null || !Files.isRegularFile(ibdata) || frm.schema() == null) {
            return List.of();
        }
        try {
            for (FoundTable t : DictionarySchema.read(List.of(ibdata)).tables()) {
                if (!t.dropped() && frm.schema().equalsIgnoreCase(t.schema())
                        && frm.table().name().equalsIgnoreCase(t.table().name())) {
                    return t.indexes();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The dictionary is a convenience here: without it the shapes are matched by their records.
        }
        return List.of();
    }

    private TableDef tableFor(DdlParseResult parsed, String stem) {
        if (table != null) {
            String name = table.replaceFirst("^.*/", "");
            return parsed.table(name).orElseThrow(
                    () -> new SalvageCommand.UsageException("--table " + table + ": not in " + ddl));
        }
        if (parsed.tables().size() == 1) {
            return parsed.tables().get(0);
        }
        String base = stem.replaceFirst("(?i)#P#.*$", "");
        return parsed.table(base).orElseThrow(() -> new SalvageCommand.UsageException(ddl + " defines "
                + parsed.tables().size() + " tables and none is named '" + base + "': use --table"));
    }

    private static String name(TableDef def, Path file) {
        if (def.schema() != null && !def.schema().isEmpty()) {
            return def.schema() + "." + def.name();
        }
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null && !Files.isDirectory(file)
                ? parent.getFileName() + "." + def.name() : def.name();
    }

    private static String stem(Path file) {
        String n = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return n.replaceFirst("(?i)\\.ibd$", "");
    }
}
