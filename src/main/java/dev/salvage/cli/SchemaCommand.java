package dev.salvage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.dict.DictionarySchema;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SchemaSources;
import dev.salvage.sdi.SdiFile;
import dev.salvage.sdi.SdiIndexIds;
import dev.salvage.sdi.SdiRecord;
import dev.salvage.io.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code salvage schema}: CREATE TABLE statements from .frm files, MySQL 8.0 SDI and the SYS_* dictionary. */
@Command(name = "schema",
        description = {"Prints the CREATE TABLE of every table defined in .frm files (MySQL 5.x, MariaDB), in",
                "the SDI of MySQL 8.0 tablespaces (.ibd, mysql.ibd) and in the InnoDB dictionary of ibdata1",
                "(MySQL 5.x, MariaDB; dropped tables included), with InnoDB ids and root pages."},
        mixinStandardHelpOptions = true)
public final class SchemaCommand implements Callable<Integer> {

    /**
     * Built on first use, not when the class is: picocli instantiates every subcommand at start-up, and an
     * ObjectMapper costs about 0.1 s of class loading that every other salvage command would pay.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".frm, .ibd or ibdata files, or data directories")
    List<Path> paths;

    @Option(names = "--json", description = "One JSON document listing every table.")
    boolean json;

    @Option(names = "--sdi", description = "Print the raw SDI JSON of the .ibd files, as ibd2sdi does.")
    boolean sdi;

    @Option(names = "--ddl-out", paramLabel = "DIR", description = "Also write each CREATE TABLE to DIR/<db>/<table>.sql.")
    Path ddlOut;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<FoundTable> tables = new ArrayList<>();
        List<String> fileNotes = new ArrayList<>();
        ArrayNode rawSdi = Json.MAPPER.createArrayNode().add("ibd2sdi");
        boolean problems = false;
        Set<String> seen = new HashSet<>();
        List<Path> systemFiles = new ArrayList<>();
        List<List<Path>> systemSpaces = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            if (!Files.isDirectory(path) && SchemaSources.looksLikeSystemSpace(path)) {
                systemFiles.add(path); // several ibdata files given together form one space
                continue;
            }
            boolean inDirectory = Files.isDirectory(path);
            if (inDirectory) {
                List<Path> space = SchemaSources.systemSpaceFiles(path);
                if (!space.isEmpty()) {
                    systemSpaces.add(space);
                }
            }
            for (Path file : SchemaSources.files(path)) {
                if (SchemaSources.isFrm(file)) {
                    add(tables, seen, List.of(SchemaSources.fromFrm(file)));
                    continue;
                }
                SdiFile sdiFile;
                try {
                    sdiFile = SdiFile.read(file);
                } catch (UnreadableInputException e) {
                    if (!inDirectory) {
                        throw e;
                    }
                    // One bad file in a data directory must not hide the tables of all the others.
                    fileNotes.add(file + ": unreadable: " + e.getMessage());
                    problems = true;
                    continue;
                }
                if (inDirectory && (sdiFile.soundWithoutSdi() || sdiFile.sdiPages() == 0 && SchemaSources.hasFrm(file))) {
                    continue; // a 5.x or MariaDB .ibd: its .frm has been or will be read
                }
                if (sdi) {
                    for (SdiRecord record : sdiFile.records()) {
                        rawSdi.add(raw(record));
                    }
                }
                List<FoundTable> found = SchemaSources.fromSdi(sdiFile);
                if (found.isEmpty() && !sdiFile.findings().isEmpty()) {
                    problems = true;
                    sdiFile.findings().forEach(f -> fileNotes.add(file + ": " + f));
                } else if (found.isEmpty()) {
                    fileNotes.add(file + ": its SDI describes no table (MySQL keeps a partitioned table's SDI"
                            + " in the tablespace of its first partition only)");
                }
                add(tables, seen, found);
            }
        }
        if (!systemFiles.isEmpty()) {
            systemSpaces.add(systemFiles);
        }
        for (List<Path> space : systemSpaces) {
            problems |= addDictionary(tables, seen, space, fileNotes, !systemFiles.isEmpty() && space == systemFiles);
        }
        for (FoundTable t : tables) {
            problems |= !t.findings().isEmpty();
        }
        if (sdi) {
            out.println(Json.MAPPER.writeValueAsString(rawSdi));
        } else if (json) {
            out.println(Json.MAPPER.writeValueAsString(document(tables, fileNotes)));
        } else {
            text(out, tables, fileNotes);
        }
        out.flush();
        if (ddlOut != null) {
            writeDdl(tables);
        }
        return problems ? ExitCode.PROBLEMS : ExitCode.CLEAN;
    }

    /** Each table once: every partition's tablespace carries the same table SDI. */
    private static void add(List<FoundTable> tables, Set<String> seen, List<FoundTable> found) {
        for (FoundTable t : found) {
            if (seen.add(t.source() + ":" + t.qualifiedName())) {
                tables.add(t);
            }
        }
    }

    /**
     * Adds the tables of one system tablespace's dictionary. A live table already read from its .frm takes the
     * dictionary's ids (the .frm's types are exact); the others, dropped ones included, are listed as the
     * dictionary describes them. Returns true when the dictionary itself had findings.
     */
    private static boolean addDictionary(List<FoundTable> tables, Set<String> seen, List<Path> space,
            List<String> fileNotes, boolean givenAsFiles) throws IOException {
        DictionarySchema dictionary;
        try {
            dictionary = DictionarySchema.read(space);
        } catch (UnreadableInputException e) {
            if (givenAsFiles) {
                throw e;
            }
            fileNotes.add(space + ": unreadable: " + e.getMessage());
            return true;
        }
        String where = space.size() == 1 ? space.get(0).toString() : space.toString();
        dictionary.findings().forEach(f -> fileNotes.add(where + ": " + f));
        for (FoundTable d : dictionary.tables()) {
            int frm = d.dropped() ? -1 : indexOfFrm(tables, d);
            if (frm >= 0) {
                tables.set(frm, SchemaSources.merge(tables.get(frm), d));
            } else if (seen.add("dictionary:" + d.qualifiedName() + ":" + d.tableId())) {
                tables.add(d);
            }
        }
        return !dictionary.findings().isEmpty();
    }

    private static int indexOfFrm(List<FoundTable> tables, FoundTable d) {
        for (int i = 0; i < tables.size(); i++) {
            FoundTable t = tables.get(i);
            if (t.source().equals("frm") && t.qualifiedName().equalsIgnoreCase(d.qualifiedName())) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode raw(SdiRecord record) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", record.type());
        node.put("id", record.id());
        try {
            node.set("object", Json.MAPPER.readTree(record.json()));
        } catch (IOException e) {
            node.put("object_unparsable", record.jsonText());
        }
        return node;
    }

    private static void text(PrintWriter out, List<FoundTable> tables, List<String> fileNotes) {
        for (String note : fileNotes) {
            out.println("-- " + note);
        }
        for (FoundTable t : tables) {
            out.println("-- table " + t.qualifiedName() + (t.dropped() ? " DROPPED" : "") + " from " + t.file()
                    + " (" + t.source()
                    + (t.engineHidden() ? ", InnoDB's own hidden table (FULLTEXT auxiliary or SYS_*): no CREATE TABLE" : "") + ")");
            if (t.tableId() >= 0 || t.spaceId() >= 0) {
                out.println("-- table id " + t.tableId() + ", space id " + t.spaceId());
            }
            for (SdiIndexIds i : t.indexes()) {
                out.println("-- index " + i.index() + (i.partition() == null ? "" : " partition " + i.partition())
                        + (i.hidden() ? " (hidden)" : "") + ": id " + i.indexId() + ", root page " + i.rootPage()
                        + ", space " + i.spaceId() + (i.rootPage() < 0 && i.indexId() >= 0 ? " (no B-tree of its own)" : ""));
            }
            for (String finding : t.findings()) {
                out.println("-- finding: " + finding);
            }
            if (!t.engineHidden()) {
                out.println(t.ddl() + ";");
            }
            out.println();
        }
    }

    private static ObjectNode document(List<FoundTable> tables, List<String> fileNotes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode list = doc.putArray("tables");
        for (FoundTable t : tables) {
            ObjectNode node = list.addObject();
            node.put("schema", t.schema());
            node.put("name", t.table().name());
            node.put("file", t.file().toString());
            node.put("source", t.source());
            node.put("dropped", t.dropped());
            node.put("table_id", t.tableId());
            node.put("space_id", t.spaceId());
            ArrayNode indexes = node.putArray("indexes");
            for (SdiIndexIds i : t.indexes()) {
                ObjectNode index = indexes.addObject();
                index.put("name", i.index());
                index.put("partition", i.partition());
                index.put("hidden", i.hidden());
                index.put("index_id", i.indexId());
                index.put("root_page", i.rootPage());
                index.put("space_id", i.spaceId());
                index.put("table_id", i.tableId());
            }
            node.put("engine_hidden", t.engineHidden());
            node.put("ddl", t.engineHidden() ? null : t.ddl());
            t.findings().forEach(node.putArray("findings")::add);
        }
        fileNotes.forEach(doc.putArray("file_findings")::add);
        return doc;
    }

    private void writeDdl(List<FoundTable> tables) throws IOException {
        for (FoundTable t : tables) {
            if (t.engineHidden()) {
                continue;
            }
            String name = t.dropped() ? t.table().name() + ".dropped-" + t.tableId() : t.table().name();
            Path dir = ddlOut.resolve(safe(t.schema() == null ? "unknown_db" : t.schema()));
            Files.createDirectories(dir);
            // CREATE_NEW: salvage never writes over a file it did not just create.
            Files.writeString(dir.resolve(safe(name) + ".sql"), t.ddl() + ";\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** A name usable as one path element: no separators, no '..'. */
    private static String safe(String name) {
        String s = name.replace('/', '_').replace('\\', '_').replace('\0', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }
}
