package dev.salvage.myisam;

import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a MyISAM table's files are: {@code base.MYI}, {@code base.MYD} (either may be missing) and
 * {@code base.frm}. A path may name any of them, the base name, or a directory holding tables.
 */
public record MyisamTable(String name, Path myi, Path myd, Path frm) {

    /** The tables a command-line path stands for, in name order for directories. */
    public static List<MyisamTable> resolve(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Set<Path> bases = new LinkedHashSet<>();
            try (Stream<Path> files = Files.walk(path, 2)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    String n = f.getFileName().toString();
                    String lower = n.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".myi") || lower.endsWith(".myd")) {
                        bases.add(f.resolveSibling(n.substring(0, n.length() - 4)));
                    }
                });
            }
            if (bases.isEmpty()) {
                throw new UnreadableInputException(path + ": no MyISAM tables (.MYI/.MYD files) in this directory");
            }
            List<MyisamTable> tables = new ArrayList<>();
            for (Path base : bases) {
                tables.add(ofBase(base));
            }
            return tables;
        }
        String n = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        Path base = lower.endsWith(".myi") || lower.endsWith(".myd") || lower.endsWith(".frm")
                ? path.resolveSibling(n.substring(0, n.length() - 4)) : path;
        MyisamTable table = ofBase(base);
        if (!Files.exists(table.myi) && !Files.exists(table.myd)) {
            throw new UnreadableInputException(path + ": no such MyISAM table (neither " + table.myi.getFileName()
                    + " nor " + table.myd.getFileName() + " exists)");
        }
        return List.of(table);
    }

    private static MyisamTable ofBase(Path base) {
        String n = base.getFileName().toString();
        Path myi = pick(base, n, ".MYI", ".myi");
        Path myd = pick(base, n, ".MYD", ".myd");
        Path frm = pick(base, n, ".frm", ".FRM");
        Path parent = base.getParent();
        String db = parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
        return new MyisamTable(db == null ? n : db + "." + n, myi, myd, frm);
    }

    private static Path pick(Path base, String n, String usual, String other) {
        Path a = base.resolveSibling(n + usual);
        Path b = base.resolveSibling(n + other);
        return Files.exists(a) || !Files.exists(b) ? a : b;
    }
}
