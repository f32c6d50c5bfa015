package dev.salvage.catalog;

import dev.salvage.dict.DictionarySchema;
import dev.salvage.frm.FrmFinding;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SdiFile;
import dev.salvage.sdi.SdiIndexIds;
import dev.salvage.sdi.SdiTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pairs definitions with files. The .frm wins for types (it has precision, ENUM labels, charsets the
 * dictionary lacks); the SDI and the InnoDB dictionary give the clustered index id, which a tablespace holding
 * several tables (ibdata1, a general tablespace) needs to tell its tables apart. Without an id the recovery
 * finds the clustered index by decoding sample pages, which is reliable for a file-per-table .ibd.
 */
final class CatalogBuilder {

    /** InnoDB's own FULLTEXT auxiliary tables (5.6+, MariaDB) have an .ibd and no .frm: not user tables. */
    private static final Pattern FTS_AUX = Pattern.compile("(?i)fts_[0-9a-f]{16}_.*\\.ibd");

    private final InputFiles inputs;
    private final List<CatalogTable> tables = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** .ibd files some definition has taken. */
    private final Set<Path> claimed = new HashSet<>();
    /** Live dictionary tables by normalised "db/name" (partitions keep their {@code #P#} suffix). */
    private final Map<String, FoundTable> dictionary = new LinkedHashMap<>();
    private final List<FoundTable> dictionaryTables = new ArrayList<>();
    private final Set<FoundTable> dictionaryUsed = new HashSet<>();

    CatalogBuilder(InputFiles inputs) {
        this.inputs = inputs;
    }

    Catalog build() throws IOException {
        readDictionary();
        for (Path frm : inputs.frm()) {
            fromFrm(frm);
        }
        fromSdi();
        fromDictionaryAlone();
        for (Path ibd : inputs.ibd()) {
            if (!claimed.contains(ibd) && !FTS_AUX.matcher(ibd.getFileName().toString()).matches()) {
                problems.add(ibd + ": no .frm next to it, no SDI in it and no entry in the InnoDB dictionary:"
                        + " its records cannot be decoded without a definition (give one with --ddl); skipped");
            }
        }
        if (!inputs.carved().isEmpty() && inputs.frm().isEmpty()) {
            inputs.carved().forEach(c -> problems.add(c + ": a carve folder carries no definitions: give the"
                    + " tables' .frm files with it, or --ddl; skipped"));
        }
        tables.sort(Comparator.comparing((CatalogTable t) -> t.schema() == null ? "" : t.schema())
                .thenComparing(CatalogTable::name).thenComparing(CatalogTable::dropped));
        return new Catalog(tables, problems, notes);
    }

    private void readDictionary() {
        if (inputs.system().isEmpty()) {
            return;
        }
        try {
            DictionarySchema schema = DictionarySchema.read(inputs.system());
            schema.findings().forEach(f -> notes.add("dictionary: " + f));
            for (FoundTable t : schema.tables()) {
                dictionaryTables.add(t);
                if (!t.dropped()) {
                    dictionary.putIfAbsent(key(t.schema(), t.table().name()), t);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A system tablespace the dictionary reader cannot use still holds pages: tables keep their .frm.
            notes.add(inputs.system().get(0) + ": the InnoDB dictionary could not be read (" + e.getMessage() + ")");
        }
    }

    // ---- .frm: MySQL 5.x and MariaDB ----

    private void fromFrm(Path frm) throws IOException {
        FrmResult result;
        try {
            result = FrmReader.read(frm);
        } catch (IOException e) {
            problems.add(frm + ": unreadable: " + e.getMessage());
            return;
        }
        if (result.findings().stream().anyMatch(f -> f.code().equals("FRM_IS_VIEW"))) {
            return; // a view has no rows of its own
        }
        TableDef def = result.table();
        String schema = folderName(frm);
        if (def.engine() != null && !def.engine().equalsIgnoreCase("InnoDB")) {
            if (!CatalogTable.SYSTEM_SCHEMAS.contains(schema == null ? "" : schema.toLowerCase(Locale.ROOT))) {
                notes.add(frm + ": ENGINE=" + def.engine() + ", not InnoDB (MyISAM tables: salvage myisam rows)");
            }
            return;
        }
        List<String> findings = new ArrayList<>();
        for (FrmFinding f : result.findings()) {
            findings.add(f.toString());
        }
        if (def.columns().isEmpty()) {
            problems.add(frm + ": no column could be read from it " + findings + "; skipped");
            return;
        }
        List<TablePart> parts = new ArrayList<>();
        String base = stem(frm);
        Path own = sibling(frm, base + ".ibd");
        if (own != null) {
            parts.add(part(null, List.of(own), key(schema, def.name())));
        } else {
            for (Path p : inputs.ibd()) {
                String name = p.getFileName().toString();
                int mark = name.toUpperCase(Locale.ROOT).indexOf("#P#");
                if (samePlace(p, frm) && mark > 0 && name.substring(0, mark).equals(base)) {
                    String partition = name.substring(mark + 3, name.length() - 4);
                    parts.add(part(partition, List.of(p), key(schema, def.name()) + "#p#" + partition));
                }
            }
        }
        if (parts.isEmpty()) {
            parts.addAll(sharedSpaceParts(key(schema, def.name()), findings));
        }
        if (parts.isEmpty()) {
            problems.add(frm + ": no .ibd for this table among the inputs, nor ibdata files or a carve folder that"
                    + " could hold its pages; skipped");
            return;
        }
        parts.forEach(p -> claimed.addAll(p.files()));
        tables.add(new CatalogTable(schema, def.withName(null, def.name()), result.dialect(), "frm", frm, parts,
                false, -1, findings));
    }

    /** A part in an .ibd: the dictionary, when it knows the table, says which index is clustered. */
    private TablePart part(String partition, List<Path> files, String dictKey) {
        FoundTable known = dictionary.get(normalise(dictKey));
        Long id = known == null ? null : clusteredId(known.indexes(), null);
        if (known != null) {
            dictionaryUsed.add(known);
        }
        return new TablePart(partition, files, id, id == null ? null : "dictionary");
    }

    /**
     * A table with a .frm and no .ibd lives in the system tablespace (innodb_file_per_table=OFF), or, after a
     * carve, in the carve folders given.
     */
    private List<TablePart> sharedSpaceParts(String dictKey, List<String> findings) {
        List<TablePart> parts = new ArrayList<>();
        for (Path carved : inputs.carved()) {
            parts.add(new TablePart(null, List.of(carved), null, null));
        }
        if (!parts.isEmpty() || inputs.system().isEmpty()) {
            return parts;
        }
        FoundTable known = dictionary.get(normalise(dictKey));
        Long id = known == null ? null : clusteredId(known.indexes(), null);
        if (known != null) {
            dictionaryUsed.add(known);
        } else {
            findings.add("no .ibd and no dictionary entry: the table is looked for in the system tablespace, its"
                    + " clustered index found by decoding sample pages");
        }
        parts.add(new TablePart(null, inputs.system(), id, id == null ? null : "dictionary"));
        return parts;
    }

    // ---- SDI: MySQL 8.0 ----

    private void fromSdi() {
        Map<Path, SdiFile> read = new LinkedHashMap<>();
        for (Path ibd : inputs.ibd()) {
            if (claimed.contains(ibd) || FTS_AUX.matcher(ibd.getFileName().toString()).matches()) {
                continue;
            }
            try {
                read.put(ibd, SdiFile.read(ibd));
            } catch (UnreadableInputException e) {
                problems.add(ibd + ": unreadable: " + e.getMessage());
                claimed.add(ibd);
            } catch (IOException | RuntimeException e) {
                problems.add(ibd + ": its SDI could not be read: " + e.getMessage());
                claimed.add(ibd);
            }
        }
        for (SdiFile sdi : read.values()) {
            for (SdiTable t : sdi.tables()) {
                if (!t.engineHidden()) {
                    fromSdiTable(sdi, t);
                }
            }
        }
    }

    private void fromSdiTable(SdiFile sdi, SdiTable t) {
        List<String> findings = new ArrayList<>();
        sdi.findings().stream().filter(f -> !f.code().equals("SDI_NOT_FOUND")).forEach(f -> findings.add(f.toString()));
        t.findings().forEach(f -> findings.add(f.toString()));
        List<TablePart> parts = new ArrayList<>();
        List<String> partitions = t.indexes().stream().map(SdiIndexIds::partition).filter(p -> p != null)
                .distinct().toList();
        if (partitions.isEmpty()) {
            parts.add(new TablePart(null, List.of(sdi.file()), clusteredId(t.indexes(), null), "sdi"));
        } else {
            // MySQL keeps a partitioned table's SDI in its first partition's file: the others are its siblings.
            String name = sdi.file().getFileName().toString();
            int mark = name.toLowerCase(Locale.ROOT).indexOf("#p#");
            String base = mark > 0 ? name.substring(0, mark) : stem(sdi.file());
            for (String partition : partitions) {
                Path file = null;
                for (Path p : inputs.ibd()) {
                    if (samePlace(p, sdi.file())
                            && p.getFileName().toString().equalsIgnoreCase(base + "#p#" + partition + ".ibd")) {
                        file = p;
                    }
                }
                if (file == null) {
                    findings.add("partition " + partition + ": no file " + base + "#p#" + partition
                            + ".ibd among the inputs: its rows are missing");
                    continue;
                }
                Long id = clusteredId(t.indexes(), partition);
                parts.add(new TablePart(partition, List.of(file), id, id == null ? null : "sdi"));
            }
        }
        parts.forEach(p -> claimed.addAll(p.files()));
        claimed.add(sdi.file());
        if (parts.isEmpty()) {
            problems.add(sdi.file() + ": " + t.qualifiedName() + ": none of its partitions' files is among the inputs");
            return;
        }
        tables.add(new CatalogTable(t.schema(), t.table(), ServerDialect.MYSQL_8_0, "sdi", sdi.file(), parts, false,
                t.tableId(), findings));
    }

    // ---- the InnoDB dictionary alone: tables without a .frm, dropped ones included ----

    private void fromDictionaryAlone() {
        for (FoundTable t : dictionaryTables) {
            if (dictionaryUsed.contains(t) || t.engineHidden() || t.table().name().toUpperCase(Locale.ROOT).contains("#P#")) {
                continue;
            }
            List<TablePart> parts = new ArrayList<>();
            Long id = clusteredId(t.indexes(), null);
            if (t.spaceId() == 0) {
                parts.add(new TablePart(null, inputs.system(), id, id == null ? null : "dictionary"));
            } else if (!t.dropped()) {
                for (Path ibd : inputs.ibd()) {
                    if (!claimed.contains(ibd) && stem(ibd).equalsIgnoreCase(t.table().name())
                            && (folderName(ibd) == null || folderName(ibd).equalsIgnoreCase(t.schema()))) {
                        parts.add(new TablePart(null, List.of(ibd), id, id == null ? null : "dictionary"));
                    }
                }
            }
            if (parts.isEmpty()) {
                if (!CatalogTable.SYSTEM_SCHEMAS.contains(t.schema() == null ? "" : t.schema().toLowerCase(Locale.ROOT))) {
                    notes.add("dictionary: " + t.qualifiedName() + (t.dropped() ? " (dropped)" : "") + " lived in space "
                            + t.spaceId() + ", whose file is not among the inputs");
                }
                continue;
            }
            parts.forEach(p -> claimed.addAll(p.files()));
            tables.add(new CatalogTable(t.schema(), t.table().withName(null, t.table().name()),
                    ServerDialect.MARIADB_10_11, "dictionary", t.file(), parts, t.dropped(), t.tableId(), t.findings()));
        }
    }

    // ---- helpers ----

    /** The clustered index: the first index the source lists (for one partition when {@code partition} is set). */
    static Long clusteredId(List<SdiIndexIds> indexes, String partition) {
        for (SdiIndexIds i : indexes) {
            boolean samePartition = partition == null ? i.partition() == null : partition.equalsIgnoreCase(i.partition());
            if (samePartition && i.indexId() >= 0) {
                return i.indexId();
            }
        }
        return null;
    }

    private Path sibling(Path file, String name) {
        for (Path p : inputs.ibd()) {
            if (samePlace(p, file) && p.getFileName().toString().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static boolean samePlace(Path a, Path b) {
        Path pa = a.toAbsolutePath().normalize().getParent();
        Path pb = b.toAbsolutePath().normalize().getParent();
        return pa == null ? pb == null : pa.equals(pb);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String folderName(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    private static String key(String schema, String table) {
        return normalise((schema == null ? "" : schema) + "/" + table);
    }

    /**
     * Names compared as the server compares file names: case-insensitive, with the {@code @xxxx} escapes of
     * file names decoded, so "db/t@002d1" and "db/t-1" meet.
     */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@' && i + 5 <= name.length() && name.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                out.append((char) Integer.parseInt(name.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
