package dev.salvage.catalog;

import dev.salvage.io.FileSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The inputs of a run sorted by kind: .frm files, .ibd files, the system tablespace files (ibdata1, ibdata2, …)
 * and carve folders. A data directory stands for the files in it and in its database folders.
 *
 * @param frm    table definitions of MySQL 5.x and MariaDB
 * @param ibd    file-per-table and general tablespaces (MySQL 8.0 ones carry their definitions as SDI)
 * @param system the system tablespace in order, empty when not given
 * @param carved {@code salvage carve} output folders
 */
record InputFiles(List<Path> frm, List<Path> ibd, List<Path> system, List<Path> carved) {

    private static final Pattern IBDATA = Pattern.compile("ibdata\\d+");
    /** A data directory holds database folders; nothing deeper is a table's file. */
    private static final int DATADIR_DEPTH = 2;

    /**
     * A file given on its own brings the other half of its table along: an .ibd its .frm (the definition), a
     * .frm its .ibd or its partitions' files (the pages), when they lie next to it.
     */
    static List<Path> companions(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Path dir = file.toAbsolutePath().getParent();
        List<Path> all = new ArrayList<>(List.of(file));
        if (dir == null || !(lower.endsWith(".ibd") || lower.endsWith(".frm"))) {
            return all;
        }
        String base = name.substring(0, name.length() - 4);
        int partition = base.toUpperCase(Locale.ROOT).indexOf("#P#");
        if (partition > 0) {
            base = base.substring(0, partition);
        }
        if (lower.endsWith(".ibd")) {
            Path frm = file.resolveSibling(base + ".frm");
            if (Files.isRegularFile(frm)) {
                all.add(frm);
            }
            return all;
        }
        String prefix = base.toLowerCase(Locale.ROOT);
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.equals(prefix + ".ibd") || n.startsWith(prefix + "#p#") && n.endsWith(".ibd");
            }).sorted().forEach(p -> all.add(file.resolveSibling(p.getFileName())));
        }
        return all;
    }

    static InputFiles classify(List<Path> inputs) throws IOException {
        Set<Path> frm = new LinkedHashSet<>();
        Set<Path> ibd = new LinkedHashSet<>();
        Set<Path> system = new LinkedHashSet<>();
        List<Path> carved = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString());
            }
            if (Files.isDirectory(input) && Files.isDirectory(input.resolve("FIL_PAGE_INDEX"))) {
                carved.add(input);
                continue;
            }
            List<Path> files;
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input, DATADIR_DEPTH)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = companions(input);
            }
            for (Path f : files) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".frm")) {
                    frm.add(f);
                } else if (name.endsWith(".ibd")) {
                    ibd.add(f);
                } else if (IBDATA.matcher(name).matches()) {
                    system.add(f);
                }
            }
        }
        List<Path> systemSet = system.isEmpty() ? List.of() : FileSet.sortedSystemFiles(new ArrayList<>(system));
        return new InputFiles(List.copyOf(frm), List.copyOf(ibd), systemSet, carved);
    }
}
