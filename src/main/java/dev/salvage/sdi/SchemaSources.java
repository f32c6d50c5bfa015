package dev.salvage.sdi;

import dev.salvage.frm.FrmFinding;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.io.FileSet;
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

    /** ibdata1, ibdata2, …: the system tablespace, where MySQL 5.x and MariaDB keep the SYS_* dictionary. */
    public static boolean isSystemSpaceFile(Path p) {
        return p.getFileName() != null && p.getFileName().toString().matches("ibdata[0-9]+");
    }

    /**
     * A file given by a name that is neither .frm nor .ibd (a renamed copy of ibdata1, say) is taken for the
     * system tablespace when its first page says space 0 in both the FIL header and the space header.
     */
    public static boolean looksLikeSystemSpace(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (isSystemSpaceFile(p)) {
            return true;
        }
        if (name.endsWith(".frm") || name.endsWith(".ibd") || !Files.isRegularFile(p)) {
            return false;
        }
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        // FIL_PAGE_OFFSET 0, FIL_PAGE_TYPE FSP_HDR (8), FIL_PAGE_SPACE_ID 0 and FSP_SPACE_ID 0 (the type rules
        // out a zeroed page).
        return Mach.read4(head, Fil.PAGE_OFFSET) == 0 && Mach.read2(head, Fil.PAGE_TYPE) == PageType.FSP_HDR
                && Mach.read4(head, Fil.PAGE_SPACE_ID) == 0 && Mach.read4(head, Fil.PAGE_DATA) == 0;
    }

    /**
     * The system tablespace files directly in a data directory, in their numeric order; empty when none, and
     * for MySQL 8.0 (recognised by its mysql.ibd), whose ibdata1 holds no SYS_* tables.
     */
    public static List<Path> systemSpaceFiles(Path datadir) throws IOException {
        if (!Files.isDirectory(datadir) || Files.isRegularFile(datadir.resolve("mysql.ibd"))) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(datadir)) {
            return FileSet.sortedSystemFiles(list.filter(Files::isRegularFile).filter(SchemaSources::isSystemSpaceFile)
                    .toList());
        }
    }

    /**
     * A table both a .frm and the dictionary describe: the .frm's exact definition with the dictionary's table
     * id, space id and index ids and root pages. Kept as the .frm's table when the two disagree on the columns'
     * names, which means the .frm and ibdata1 come from different moments.
     */
    public static FoundTable merge(FoundTable frm, FoundTable dictionary) {
        List<String> frmColumns = frm.table().columns().stream().filter(c -> !c.isVirtual())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        List<String> dictColumns = dictionary.table().columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .filter(n -> !n.equals("fts_doc_id")).toList();
        List<String> findings = new ArrayList<>(frm.findings());
        if (!frmColumns.equals(dictColumns)) {
            findings.add("the dictionary (table id " + dictionary.tableId() + ") lists columns " + dictColumns
                    + ", the .frm " + frmColumns + ": ids not taken over");
            return new FoundTable(frm.schema(), frm.table(), frm.file(), frm.source(), -1, -1, List.of(), frm.ddl(),
                    findings, frm.errors(), frm.engineHidden());
        }
        return new FoundTable(frm.schema(), frm.table(), frm.file(), "frm+dictionary", dictionary.tableId(),
                dictionary.spaceId(), dictionary.indexes(), frm.ddl(), findings, frm.errors(), frm.engineHidden());
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
