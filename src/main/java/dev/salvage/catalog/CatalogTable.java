package dev.salvage.catalog;

import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One table to recover, as the files describe it.
 *
 * @param schema           the database (the .frm's folder, the SDI's schema_ref, the dictionary's name)
 * @param definition       the columns and keys that decode its records
 * @param dialect          the server family that wrote the definition (charset maxima, defaults)
 * @param definitionSource "frm", "sdi" or "dictionary"
 * @param definitionFile   the file the definition was read from
 * @param parts            where its pages are: one part, or one per partition
 * @param dropped          the dictionary marks the table as dropped
 * @param tableId          InnoDB table id when a source says it, else -1
 * @param findings         what is doubtful about the definition or where its pages are
 */
public record CatalogTable(String schema, TableDef definition, ServerDialect dialect, String definitionSource,
        Path definitionFile, List<TablePart> parts, boolean dropped, long tableId, List<String> findings) {

    /** Databases the server keeps for itself: recovered only when asked for by name. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "performance_schema", "information_schema");

    public CatalogTable {
        parts = List.copyOf(parts);
        findings = List.copyOf(findings);
    }

    public String name() {
        return definition.name();
    }

    /** {@code db/table}, as InnoDB's dictionary names tables. */
    public String qualifiedName() {
        return (schema == null ? "" : schema + "/") + name();
    }

    /** A server's own table (mysql.*, sys.*, …): left out of "every table" runs. */
    public boolean system() {
        return schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
    }

    /**
     * True for {@code wanted} written {@code db/table}, {@code db.table} or plain {@code table} (any case):
     * how a user names a table on the command line.
     */
    public boolean matches(String wanted) {
        String w = wanted.trim();
        int slash = w.indexOf('/');
        if (slash < 0 && schema != null && w.toLowerCase(Locale.ROOT).startsWith(schema.toLowerCase(Locale.ROOT) + ".")
                && w.substring(schema.length() + 1).equalsIgnoreCase(name())) {
            return true;
        }
        if (slash < 0) {
            return w.equalsIgnoreCase(name());
        }
        return schema != null && w.substring(0, slash).equalsIgnoreCase(schema)
                && w.substring(slash + 1).equalsIgnoreCase(name());
    }

    /**
     * The folder this table's output goes to: {@code out/<db>}, the database name made a safe single path
     * element, so that tables of the same name in two databases never share a file.
     */
    public Path outputDir(Path out) {
        Path dir = out.resolve(fileStem(schema == null ? "unknown_db" : schema));
        // A dropped table may share its name with a live one, or with another dropped one: its table id tells.
        return dropped ? dir.resolve("dropped-" + (tableId >= 0 ? Long.toString(tableId) : "unknown-id")) : dir;
    }

    /** As the server names its files: letters, digits, '_', '-', '$' stay; the rest becomes {@code @xxxx}. */
    static String fileStem(String name) {
        StringBuilder s = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_'
                    || cp == '-' || cp == '$') {
                s.appendCodePoint(cp);
            } else {
                s.append('@').append(String.format("%04x", cp));
            }
        });
        return s.length() == 0 ? "@" : s.toString();
    }
}
