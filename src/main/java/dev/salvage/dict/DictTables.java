package dev.salvage.dict;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.schema.Column;
import dev.salvage.schema.DdlWriter;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.SqlText;
import dev.salvage.schema.TableConstraint;
import dev.salvage.schema.TableDef;
import dev.salvage.sdi.FoundTable;
import dev.salvage.sdi.SdiIndexIds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles tables from the dictionary records: one version of each row (see {@link Versions}), a table's
 * columns, indexes and index fields joined by table id and index id, a live table from live rows and a
 * dropped one from whatever copies are left.
 */
final class DictTables {

    private static final String GEN_CLUST_INDEX = "GEN_CLUST_INDEX";
    /** TEMP_INDEX_PREFIX: an index whose creation never committed. */
    private static final char TEMP_INDEX_PREFIX = '\u00ff';

    private final Map<SysTable, List<DictRecord>> records;
    private final List<Path> systemFiles;
    private final ServerDialect dialect;
    private final Map<Long, Long> freedRoots;
    private final Map<Long, List<DictRecord>> columnsByTable = new HashMap<>();
    private final Map<Long, List<DictRecord>> indexesByTable = new HashMap<>();
    private final Map<Long, List<DictRecord>> fieldsByIndex = new HashMap<>();
    private final Map<String, List<DictRecord>> foreignColsById = new HashMap<>();
    private final Map<String, List<DictRecord>> foreignByTable = new HashMap<>();

    DictTables(Map<SysTable, List<DictRecord>> records, List<Path> systemFiles, ServerDialect dialect,
            Map<Long, Long> freedRoots) {
        this.records = records;
        this.freedRoots = freedRoots;
        this.systemFiles = systemFiles;
        this.dialect = dialect;
        for (DictRecord r : Versions.pick(records.get(SysTable.SYS_COLUMNS)).values()) {
            columnsByTable.computeIfAbsent(r.number("TABLE_ID"), k -> new ArrayList<>()).add(r);
        }
        for (DictRecord r : Versions.pick(records.get(SysTable.SYS_INDEXES)).values()) {
            indexesByTable.computeIfAbsent(r.number("TABLE_ID"), k -> new ArrayList<>()).add(r);
        }
        for (DictRecord r : Versions.pick(records.get(SysTable.SYS_FIELDS)).values()) {
            fieldsByIndex.computeIfAbsent(r.number("INDEX_ID"), k -> new ArrayList<>()).add(r);
        }
        for (DictRecord r : Versions.pick(records.get(SysTable.SYS_FOREIGN_COLS)).values()) {
            foreignColsById.computeIfAbsent(r.text("ID"), k -> new ArrayList<>()).add(r);
        }
        for (DictRecord r : Versions.pick(records.get(SysTable.SYS_FOREIGN)).values()) {
            String child = r.text("FOR_NAME");
            if (child != null) {
                foreignByTable.computeIfAbsent(child.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** Every table, live ones first, each group by name. */
    List<FoundTable> tables() {
        // A table is its id: renames delete-mark the old NAME row and insert a new one with the same id, while a
        // table dropped and created again under its old name has a new id.
        Map<String, DictRecord> byId = Versions.pick(records.get(SysTable.SYS_TABLES), r -> String.valueOf(r.number("ID")));
        List<FoundTable> out = new ArrayList<>();
        java.util.Set<Long> named = new java.util.HashSet<>();
        for (DictRecord t : byId.values()) {
            out.add(table(t));
            named.add(t.number("ID"));
        }
        java.util.Set<Long> orphans = new java.util.TreeSet<>(columnsByTable.keySet());
        orphans.addAll(indexesByTable.keySet());
        orphans.removeAll(named);
        for (long id : orphans) {
            out.add(orphan(id));
        }
        out.sort(Comparator.comparing(FoundTable::dropped).thenComparing(FoundTable::qualifiedName)
                .thenComparingLong(FoundTable::tableId));
        return out;
    }

    private FoundTable table(DictRecord t) {
        return table(t.number("ID"), t.text("NAME"), t.deleted(), t.number("SPACE"),
                TableFlags.of(t.number("TYPE"), t.number("N_COLS")), new ArrayList<>());
    }

    /**
     * A table whose SYS_TABLES record is lost (damaged page) but whose columns or indexes survive: listed under a
     * made-up name with its id, so its rows can still be found. Dropped when every surviving record is deleted.
     */
    private FoundTable orphan(long tableId) {
        List<DictRecord> all = new ArrayList<>(columnsByTable.getOrDefault(tableId, List.of()));
        all.addAll(indexesByTable.getOrDefault(tableId, List.of()));
        boolean dropped = all.stream().allMatch(DictRecord::deleted);
        long space = indexesByTable.getOrDefault(tableId, List.of()).stream().mapToLong(i -> i.number("SPACE"))
                .filter(v -> v >= 0).findFirst().orElse(-1);
        int stored = (int) columnsByTable.getOrDefault(tableId, List.of()).stream()
                .filter(c -> c.number("POS") < 65536).count();
        List<String> findings = new ArrayList<>();
        findings.add("no SYS_TABLES record of table id " + tableId + " survives: name, row format and column count"
                + " unknown; named after its id");
        return table(tableId, "unknown_table_" + tableId, dropped, space, new TableFlags(null, 0, stored, 0), findings);
    }

    private FoundTable table(long tableId, String fullName, boolean dropped, long space, TableFlags flags,
            List<String> findings) {
        int slash = fullName.indexOf('/');
        String schema = slash < 0 ? null : decodeName(fullName.substring(0, slash));
        String name = decodeName(slash < 0 ? fullName : fullName.substring(slash + 1));
        List<String> losses = new ArrayList<>();
        boolean errors = !findings.isEmpty();

        // Columns: stored ones by position; virtual ones (POS >= 65536) cannot be written without their expression.
        TreeMap<Long, DictRecord> stored = new TreeMap<>();
        for (DictRecord c : columnsByTable.getOrDefault(tableId, List.of())) {
            long pos = c.number("POS");
            if (c.deleted() && !dropped && pos >= flags.storedColumns()) {
                continue; // a column the live table no longer has
            }
            if ((c.number("PRTYPE") & DataType.VIRTUAL) != 0 || pos >= 65536) {
                losses.add("virtual column " + SqlText.quoteIdentifier(c.text("NAME"))
                        + " left out: its expression is only in the .frm");
                continue;
            }
            stored.put(pos, c);
        }
        List<Column> columns = new ArrayList<>();
        Map<String, Column> columnByName = new HashMap<>();
        long expectPos = 0;
        for (Map.Entry<Long, DictRecord> e : stored.entrySet()) {
            if (e.getKey() != expectPos) {
                findings.add((e.getKey() - 1 == expectPos ? "column " + expectPos
                        : "columns " + expectPos + " to " + (e.getKey() - 1)) + " missing from SYS_COLUMNS");
                errors = true;
            }
            expectPos = e.getKey() + 1;
            DictRecord c = e.getValue();
            DictColumnType type = DictColumnType.of(c.text("NAME"), c.number("MTYPE"), c.number("PRTYPE"),
                    c.number("LEN"), dialect);
            columns.add(type.column());
            columnByName.put(type.column().name().toLowerCase(Locale.ROOT), type.column());
            for (String loss : type.losses()) {
                losses.add(SqlText.quoteIdentifier(type.column().name()) + ": " + loss);
            }
            if (c.deleted() && !dropped) {
                findings.add("column " + c.text("NAME") + " known only from a deleted copy (" + c.where() + ")");
            }
        }
        if (expectPos < flags.storedColumns()) {
            findings.add("SYS_TABLES says " + flags.storedColumns() + " columns, SYS_COLUMNS holds "
                    + stored.size() + (stored.isEmpty() ? "" : " (last position " + (expectPos - 1) + ")"));
            errors = true;
        }

        // Indexes: the clustered one first, then by id.
        List<DictRecord> indexRows = new ArrayList<>();
        for (DictRecord i : indexesByTable.getOrDefault(tableId, List.of())) {
            if (!i.deleted() || dropped) {
                indexRows.add(i); // a live table's deleted index rows are indexes dropped from it
            }
        }
        indexRows.sort(Comparator.comparing((DictRecord i) -> (i.number("TYPE") & DictIndexType.CLUSTERED) == 0)
                .thenComparingLong(i -> i.number("ID")));
        List<Index> indexes = new ArrayList<>();
        List<SdiIndexIds> ids = new ArrayList<>();
        for (DictRecord i : indexRows) {
            String indexName = i.text("NAME");
            long type = i.number("TYPE");
            long indexId = i.number("ID");
            if (!indexName.isEmpty() && indexName.charAt(0) == TEMP_INDEX_PREFIX) {
                findings.add("index id " + indexId + " (" + indexName.substring(1)
                        + ") was being created and never committed: left out");
                continue;
            }
            boolean hidden = GEN_CLUST_INDEX.equals(indexName);
            long root = i.number("PAGE_NO");
            if (root == Fil.FIL_NULL) { // MySQL frees a dropped index's tree and says so here
                Long found = freedRoots.get(indexId);
                root = found == null ? -1 : found;
                losses.add("index " + indexName + ": tree freed at DROP, " + (found == null
                        ? "root page unknown" : "root page " + found + " found among the freed pages"));
            }
            ids.add(new SdiIndexIds(indexName, null, hidden, indexId, root,
                    i.number("SPACE"), tableId));
            if (hidden) {
                continue;
            }
            List<IndexPart> parts = parts(i, columnByName, findings);
            if (parts.isEmpty()) {
                findings.add("index " + indexName + " (id " + indexId + "): no fields found in SYS_FIELDS");
                errors = true;
                continue;
            }
            IndexKind kind = (type & DictIndexType.FTS) != 0 ? IndexKind.FULLTEXT
                    : (type & DictIndexType.SPATIAL) != 0 ? IndexKind.SPATIAL
                    : (type & DictIndexType.CLUSTERED) != 0 && indexName.equals("PRIMARY") ? IndexKind.PRIMARY
                    : (type & DictIndexType.UNIQUE) != 0 ? IndexKind.UNIQUE : IndexKind.KEY;
            indexes.add(new Index(kind == IndexKind.PRIMARY ? "PRIMARY" : indexName, kind, parts, true, null));
        }
        if (ids.isEmpty()) {
            findings.add("no index of table id " + tableId + " found in SYS_INDEXES");
            errors = true;
        }

        List<TableConstraint> constraints = foreignKeys(fullName, dropped, losses);
        Map<String, String> options = new LinkedHashMap<>();
        if (flags.zipKiB() > 0) {
            options.put("KEY_BLOCK_SIZE", String.valueOf(flags.zipKiB()));
        }
        TableDef def = new TableDef(null, name, columns, indexes, constraints, null, null, flags.rowFormat(),
                "InnoDB", null, null, options);
        boolean hiddenTable = schema == null && !name.startsWith("unknown_table_")
                || name.startsWith("FTS_") && name.length() > 20;
        String ddl = columns.isEmpty() ? "/* no column of this table survives in SYS_COLUMNS */"
                : header(tableId, space, dropped, losses) + DdlWriter.write(def);
        // A table of its own tablespace lives in <datadir>/<db>/<table>.ibd, next to ibdata1.
        Path systemFile = systemFiles.isEmpty() ? Path.of("ibdata1") : systemFiles.get(0);
        Path file = space == 0 || slash < 0 || systemFiles.isEmpty() ? systemFile : baseDir().resolve(fullName + ".ibd");
        return new FoundTable(schema, def, file, "dictionary", tableId, space, ids, ddl, findings, errors,
                hiddenTable, dropped);
    }

    private Path baseDir() {
        Path parent = systemFiles.get(0).toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /**
     * SYS_FIELDS.POS is the position, or, when any field of the index is a column prefix, position &lt;&lt; 16
     * plus the prefix length in bytes (dict0crea.cc).
     */
    private List<IndexPart> parts(DictRecord index, Map<String, Column> columns, List<String> findings) {
        List<DictRecord> fields = new ArrayList<>(fieldsByIndex.getOrDefault(index.number("ID"), List.of()));
        fields.sort(Comparator.comparingLong(f -> f.number("POS")));
        boolean prefixed = false;
        for (int k = 0; k < fields.size(); k++) {
            if (fields.get(k).number("POS") != k) {
                prefixed = true;
            }
        }
        List<IndexPart> parts = new ArrayList<>();
        for (int k = 0; k < fields.size(); k++) {
            DictRecord f = fields.get(k);
            String col = f.text("COL_NAME");
            long pos = f.number("POS");
            Integer prefix = null;
            if (prefixed) {
                long expectedPos = pos >>> 16;
                int bytes = (int) (pos & 0xFFFF);
                if (expectedPos != k) {
                    findings.add("index " + index.text("NAME") + ": field " + k + " has position " + expectedPos);
                }
                if (bytes > 0) {
                    prefix = prefixChars(columns.get(col.toLowerCase(Locale.ROOT)), bytes);
                }
            }
            parts.add(new IndexPart(col, prefix, false));
        }
        long declared = index.number("N_FIELDS");
        if (declared >= 0 && declared != parts.size() && !parts.isEmpty()) {
            findings.add("index " + index.text("NAME") + ": SYS_INDEXES says " + declared + " fields, SYS_FIELDS holds "
                    + parts.size());
        }
        return parts;
    }

    /** Prefix lengths are kept in bytes; DDL counts characters. */
    private Integer prefixChars(Column column, int bytes) {
        if (column == null || column.charset() == null) {
            return bytes;
        }
        int max = MysqlCharset.byName(column.charset(), dialect).map(MysqlCharset::maxBytesPerChar).orElse(1);
        return Math.max(1, bytes / Math.max(1, max));
    }

    private List<TableConstraint> foreignKeys(String fullName, boolean dropped, List<String> losses) {
        List<TableConstraint> out = new ArrayList<>();
        for (DictRecord fk : foreignByTable.getOrDefault(fullName.toLowerCase(Locale.ROOT), List.of())) {
            if (fk.deleted() != dropped) {
                continue;
            }
            String id = fk.text("ID");
            List<DictRecord> cols = new ArrayList<>(foreignColsById.getOrDefault(id, List.of()));
            cols.sort(Comparator.comparingLong(c -> c.number("POS")));
            if (cols.isEmpty()) {
                losses.add("foreign key " + id + ": its columns are not in SYS_FOREIGN_COLS");
                continue;
            }
            // Checked before quoting: a damaged or partly reused record may store NULL in a name field.
            String ref = fk.text("REF_NAME");
            if (ref == null || cols.stream().anyMatch(c -> c.text("FOR_COL_NAME") == null || c.text("REF_COL_NAME") == null)) {
                losses.add("foreign key " + id + ": its record is incomplete");
                continue;
            }
            List<String> mine = new ArrayList<>();
            List<String> theirs = new ArrayList<>();
            for (DictRecord c : cols) {
                mine.add(SqlText.quoteIdentifier(c.text("FOR_COL_NAME")));
                theirs.add(SqlText.quoteIdentifier(c.text("REF_COL_NAME")));
            }
            int slash = ref.indexOf('/');
            String refTable = (slash < 0 ? "" : SqlText.quoteIdentifier(decodeName(ref.substring(0, slash))) + ".")
                    + SqlText.quoteIdentifier(decodeName(ref.substring(slash + 1)));
            long actions = fk.number("N_COLS") >>> 24;
            StringBuilder def = new StringBuilder("FOREIGN KEY (").append(String.join(", ", mine))
                    .append(") REFERENCES ").append(refTable).append(" (").append(String.join(", ", theirs)).append(')');
            if ((actions & 1) != 0) {
                def.append(" ON DELETE CASCADE");
            } else if ((actions & 2) != 0) {
                def.append(" ON DELETE SET NULL");
            } else if ((actions & 16) != 0) {
                def.append(" ON DELETE NO ACTION");
            }
            if ((actions & 4) != 0) {
                def.append(" ON UPDATE CASCADE");
            } else if ((actions & 8) != 0) {
                def.append(" ON UPDATE SET NULL");
            } else if ((actions & 32) != 0) {
                def.append(" ON UPDATE NO ACTION");
            }
            int idSlash = id.indexOf('/');
            out.add(new TableConstraint(decodeName(idSlash < 0 ? id : id.substring(idSlash + 1)), def.toString()));
        }
        return out;
    }

    private static String header(long tableId, long space, boolean dropped, List<String> losses) {
        StringBuilder out = new StringBuilder("/* From the InnoDB dictionary: table id ").append(tableId)
                .append(", space ").append(space).append(dropped ? ", DROPPED" : "").append(".\n")
                .append("   Not kept there: DEFAULT values, comments, AUTO_INCREMENT, integer display widths,")
                .append(" the table's default character set");
        for (String loss : losses) {
            out.append("\n   ").append(loss.replace("*/", "* /"));
        }
        return out.append(" */\n").toString();
    }

    /**
     * Table and database names are kept as file names: characters outside [0-9A-Za-z_] as {@code @xxxx}
     * (four hex digits of the code point, strings.h / my_charset_filename).
     */
    static String decodeName(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '@' && i + 4 < encoded.length() && encoded.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                out.append((char) Integer.parseInt(encoded.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
