package dev.salvage.sdi;

import dev.salvage.schema.TableDef;

import java.util.List;

/**
 * A table described by an SDI record.
 *
 * @param schema  the database (schema_ref)
 * @param table   the definition, unqualified (schema null) so that its CREATE TABLE can run in any database
 * @param tableId InnoDB table id (se_private_id), -1 for a partitioned table (each partition has its own)
 * @param spaceId tablespace id of the first index, -1 when unknown
 * @param indexes ids and root pages of every index, per partition for partitioned tables
 * @param findings what could not be turned into the model (unknown types, missing columns, ...)
 * @param engineHidden a table the storage engine made for itself (FULLTEXT auxiliary tables): no SQL types, no
 *                     CREATE TABLE a user could run
 */
public record SdiTable(String schema, TableDef table, long tableId, long spaceId, List<SdiIndexIds> indexes,
        List<SdiFinding> findings, boolean engineHidden) {

    public SdiTable {
        indexes = List.copyOf(indexes);
        findings = List.copyOf(findings);
    }

    public String qualifiedName() {
        return (schema == null ? "" : schema + ".") + table.name();
    }
}
