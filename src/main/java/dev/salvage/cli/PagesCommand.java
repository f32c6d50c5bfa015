package dev.salvage.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.inventory.InventoryJson;
import dev.salvage.inventory.InventoryText;
import dev.salvage.inventory.PageInfo;
import dev.salvage.inventory.PageInventory;
import dev.salvage.inventory.SpaceInventory;
import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code salvage pages}: the page inventory of tablespace files. */
@Command(name = "pages",
        description = {"Reads every page of InnoDB tablespace files, verifies its checksum and says what it is.",
                "ibdata1, ibdata2, … given together are read as one system tablespace."},
        mixinStandardHelpOptions = true)
public final class PagesCommand implements Callable<Integer> {

    /** A data directory holds database folders; nothing deeper is a table's file. */
    private static final int DATADIR_DEPTH = 2;
    /** System, file-per-table, general and undo tablespaces (undo001 in 5.7 and MariaDB, undo_001 in 8.0). */
    private static final Pattern TABLESPACE_NAME = Pattern.compile("ibdata\\d+|.+\\.ibd|undo_?\\d+|.+\\.ibu");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = ".ibd, ibdata*, mysql.ibd or undo files; a data directory stands for those in it and in"
                    + " its database folders")
    List<Path> files;

    @Option(names = "--json", description = "One JSON document with the summary and the per-page list.")
    boolean json;

    @Option(names = "--page-size", paramLabel = "SIZE",
            description = "Force the page size (4k, 8k, 16k, 32k, 64k) instead of detecting it.")
    String pageSize;

    @Option(names = "--zip-size", paramLabel = "SIZE",
            description = "With --page-size: ROW_FORMAT=COMPRESSED physical page size (1k…16k).")
    String zipSize;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        var override = PageSizeOption.parse(pageSize, zipSize);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PageInventory inventory = new PageInventory(threads);
        int status = ExitCode.CLEAN;
        JsonGenerator gen = json ? new JsonFactory().createGenerator(out) : null;
        if (gen != null) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }
        if (gen != null) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeArrayFieldStart("spaces");
        }
        boolean allSound = true;
        List<String> unreadable = new ArrayList<>();
        for (List<Path> space : groupSpaces(expandDirectories(files))) {
            try (FileSet set = openSpace(space)) {
                InventoryJson renderer = gen == null ? null : new InventoryJson(gen);
                Consumer<PageInfo> perPage = renderer == null ? p -> { } : renderer::page;
                if (gen != null) {
                    gen.writeStartObject();
                    gen.writeArrayFieldStart("pages");
                }
                SpaceInventory inv;
                try (Progress progress = Progress.start(set.name(), set.length(), !noProgress)) {
                    inv = inventory.run(set, override, perPage, progress);
                }
                if (gen != null) {
                    gen.writeEndArray();
                    renderer.summary(inv);
                    gen.writeEndObject();
                } else {
                    InventoryText.print(inv, out);
                    out.flush();
                }
                allSound &= inv.sound();
            } catch (UnreadableInputException e) {
                err.println("salvage: " + e.getMessage());
                err.flush();
                unreadable.add(e.getMessage());
                status = ExitCode.UNREADABLE;
                if (gen != null && gen.getOutputContext().inArray() && gen.getOutputContext().getParent() != null
                        && gen.getOutputContext().getParent().inObject()
                        && "pages".equals(gen.getOutputContext().getCurrentName())) {
                    gen.writeEndArray();
                    gen.writeEndObject();
                }
            }
        }
        if (gen != null) {
            gen.writeEndArray();
            gen.writeArrayFieldStart("unreadable");
            for (String u : unreadable) {
                gen.writeString(u);
            }
            gen.writeEndArray();
            gen.writeBooleanField("sound", allSound && unreadable.isEmpty());
            gen.writeEndObject();
            gen.close();
            out.println();
            out.flush();
        }
        if (status == ExitCode.UNREADABLE) {
            return status;
        }
        return allSound ? ExitCode.CLEAN : ExitCode.PROBLEMS;
    }

    /**
     * A data directory stands for its tablespace files: ibdata*, undo tablespaces, and every .ibd in it and in
     * its database folders (sorted, so the report's order does not depend on the file system). A directory
     * without any stays in the list and is reported as unreadable.
     */
    static List<Path> expandDirectories(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                out.add(input);
                continue;
            }
            List<Path> found;
            try (Stream<Path> walk = Files.walk(input, DATADIR_DEPTH)) {
                found = walk.filter(Files::isRegularFile).filter(PagesCommand::isTablespaceFile).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                found = List.of(); // an unlistable directory is reported as unreadable with the others
            }
            if (found.isEmpty()) {
                out.add(input);
            } else {
                out.addAll(found);
            }
        }
        return out;
    }

    private static FileSet openSpace(List<Path> space) throws UnreadableInputException {
        if (space.size() == 1 && Files.isDirectory(space.get(0))) {
            throw new UnreadableInputException(space.get(0)
                    + ": is a directory with no tablespace file in it that can be listed (ibdata*, *.ibd, undo*)");
        }
        return FileSet.open(space);
    }

    private static boolean isTablespaceFile(Path p) {
        String name = p.getFileName().toString();
        return TABLESPACE_NAME.matcher(name).matches();
    }

    /** ibdata1, ibdata2, … form one space (in numeric order); every other file is its own space. */
    static List<List<Path>> groupSpaces(List<Path> files) {
        List<List<Path>> spaces = new ArrayList<>();
        List<Path> system = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName() == null ? "" : f.getFileName().toString();
            if (name.matches("ibdata\\d+")) {
                system.add(f);
            } else {
                spaces.add(List.of(f));
            }
        }
        if (!system.isEmpty()) {
            spaces.add(0, FileSet.sortedSystemFiles(system));
        }
        return spaces;
    }
}
