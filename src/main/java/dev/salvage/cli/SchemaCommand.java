package dev.salvage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code salvage schema}: CREATE TABLE statements from .frm files and MySQL 8.0 SDI. */
@Command(name = "schema",
        description = {"Prints the CREATE TABLE of every table defined in .frm files (MySQL 5.x, MariaDB) and in",
                "the SDI of MySQL 8.0 tablespaces (.ibd, mysql.ibd), with InnoDB ids and root pages."},
        mixinStandardHelpOptions = true)
public final class SchemaCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".frm or .ibd files, or data directories")
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
        ArrayNode rawSdi = JSON.createArrayNode().add("ibd2sdi");
        boolean problems = false;
        Set<String> seen = new HashSet<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            boolean inDirectory = Files.isDirectory(path);
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
        for (FoundTable t : tables) {
            problems |= !t.findings().isEmpty();
        }
        if (sdi) {
            out.println(JSON.writeValueAsString(rawSdi));
        } else if (json) {
            out.println(JSON.writeValueAsString(document(tables, fileNotes)));
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

    private static JsonNode raw(SdiRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", record.type());
        node.put("id", record.id());
        try {
            node.set("object", JSON.readTree(record.json()));
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
            out.println("-- table " + t.qualifiedName() + " from " + t.file() + " (" + t.source()
                    + (t.engineHidden() ? ", InnoDB's own hidden FULLTEXT auxiliary table: no CREATE TABLE" : "") + ")");
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
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode list = doc.putArray("tables");
        for (FoundTable t : tables) {
            ObjectNode node = list.addObject();
            node.put("schema", t.schema());
            node.put("name", t.table().name());
            node.put("file", t.file().toString());
            node.put("source", t.source());
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
            Path dir = ddlOut.resolve(safe(t.schema() == null ? "unknown_db" : t.schema()));
            Files.createDirectories(dir);
            // CREATE_NEW: salvage never writes over a file it did not just create.
            Files.writeString(dir.resolve(safe(t.table().name()) + ".sql"), t.ddl() + ";\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** A name usable as one path element: no separators, no '..'. */
    private static String safe(String name) {
        String s = name.replace('/', '_').replace('\\', '_').replace('\0', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }
}
