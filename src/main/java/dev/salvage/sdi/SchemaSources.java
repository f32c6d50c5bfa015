package dev.salvage.sdi;

import dev.salvage.frm.FrmFinding;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.schema.DdlWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Table definitions from the files alone: a .frm (MySQL 5.x, MariaDB) or the SDI of a MySQL 8.0 tablespace
 * (.ibd, mysql.ibd), or every such file of a data directory. Inputs are opened read-only.
 */
public final class SchemaSources {

    /** A data directory is a datadir with database folders below it; deeper files are not tables. */
    private static final int DATADIR_DEPTH = 2;

    private SchemaSources() {
    }

    /** The .frm and .ibd files a path stands for: itself, or those in a data directory, sorted. */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path, DATADIR_DEPTH)) {
            return walk.filter(Files::isRegularFile).filter(SchemaSources::isSchemaFile).sorted().toList();
        }
    }

    static boolean isSchemaFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".frm") || name.endsWith(".ibd");
    }

    public static boolean isFrm(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".frm");
    }

    /**
     * True when a .frm sits next to this .ibd (MySQL 5.x, MariaDB: the definition is there, not in the
     * tablespace); partitions {@code t#P#p0.ibd} belong to {@code t.frm}.
     */
    public static boolean hasFrm(Path ibd) {
        String name = ibd.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        int partition = base.toUpperCase(Locale.ROOT).indexOf("#P#");
        if (partition > 0) {
            base = base.substring(0, partition);
        }
        return Files.isRegularFile(ibd.resolveSibling(base + ".frm"));
    }

    /** The table of a .frm file. */
    public static FoundTable fromFrm(Path file) throws IOException {
        FrmResult result = FrmReader.read(file);
        List<String> findings = new ArrayList<>();
        boolean errors = false;
        for (FrmFinding f : result.findings()) {
            findings.add(f.toString());
            errors |= f.severity() == FrmFinding.Severity.ERROR;
        }
        Path parent = file.toAbsolutePath().getParent();
        String schema = parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
        return new FoundTable(schema, result.table(), file, "frm", -1, -1, List.of(), DdlWriter.write(result.table()),
                findings, errors, false);
    }

    /** The tables in a tablespace's SDI, with the file's own findings attached to each (or alone in {@code out}). */
    public static List<FoundTable> fromSdi(SdiFile sdi) {
        List<FoundTable> tables = new ArrayList<>();
        List<String> fileFindings = sdi.findings().stream().map(SdiFinding::toString).toList();
        boolean fileErrors = sdi.findings().stream().anyMatch(f -> f.severity() == SdiFinding.Severity.ERROR);
        for (SdiTable t : sdi.tables()) {
            List<String> findings = new ArrayList<>(fileFindings);
            t.findings().forEach(f -> findings.add(f.toString()));
            boolean errors = fileErrors || t.findings().stream().anyMatch(f -> f.severity() == SdiFinding.Severity.ERROR);
            tables.add(new FoundTable(t.schema(), t.table(), sdi.file(), "sdi", t.tableId(), t.spaceId(), t.indexes(),
                    DdlWriter.write(t.table()), findings, errors, t.engineHidden()));
        }
        return tables;
    }
}
