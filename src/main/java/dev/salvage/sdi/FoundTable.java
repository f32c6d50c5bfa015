package dev.salvage.sdi;

import dev.salvage.schema.TableDef;

import java.nio.file.Path;
import java.util.List;

/**
 * A table definition found in a file, whatever the file's kind: what {@code salvage schema} prints.
 *
 * @param schema   the database: schema_ref of the SDI, the .frm's directory name
 * @param source   where the definition came from: "sdi", "frm", "dictionary" (SYS_* in ibdata1) or
 *                 "frm+dictionary" (types from the .frm, ids from the dictionary)
 * @param tableId  InnoDB table id, -1 when the source does not say (.frm, partitioned table)
 * @param spaceId  tablespace id, -1 when the source does not say
 * @param indexes  InnoDB ids and root pages (SDI and dictionary), the clustered index first
 * @param ddl      CREATE TABLE without the trailing semicolon
 * @param findings what was damaged or left out, as text
 * @param errors   true when a finding is an error (part of the definition missing or guessed)
 * @param engineHidden an InnoDB-internal table (FULLTEXT auxiliary): listed for its ids, its DDL is not runnable
 * @param dropped  the definition survives only in delete-marked or freed dictionary records: the table was dropped
 */
public record FoundTable(String schema, TableDef table, Path file, String source, long tableId, long spaceId,
        List<SdiIndexIds> indexes, String ddl, List<String> findings, boolean errors, boolean engineHidden,
        boolean dropped) {

    public FoundTable {
        indexes = List.copyOf(indexes);
        findings = List.copyOf(findings);
    }

    /** A table that still exists (every source but the dictionary can only describe those). */
    public FoundTable(String schema, TableDef table, Path file, String source, long tableId, long spaceId,
            List<SdiIndexIds> indexes, String ddl, List<String> findings, boolean errors, boolean engineHidden) {
        this(schema, table, file, source, tableId, spaceId, indexes, ddl, findings, errors, engineHidden, false);
    }

    public String qualifiedName() {
        return (schema == null ? "" : schema + ".") + table.name();
    }
}
