package dev.salvage.frm;

import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.util.List;

/**
 * What a .frm file says about its table.
 *
 * @param table         the definition; on a damaged file whatever could be decoded (possibly no columns)
 * @param dialect       the server family that wrote the file (MySQL 5.x files map to {@link ServerDialect#MYSQL_5_7})
 * @param serverVersion MYSQL_VERSION_ID stored in the header (50722 for 5.7.22, 101106 for MariaDB 10.11.6), 0
 *                      when unreadable
 * @param fields        the physical layout of each column in the row (MyISAM needs it); same order as columns
 * @param keys          the keys as stored, with byte lengths and key types (MyISAM needs them)
 * @param findings      what was damaged, odd or left out; empty for a sound file
 */
public record FrmResult(TableDef table, ServerDialect dialect, long serverVersion, List<FieldLayout> fields,
        List<FrmKey> keys, List<FrmFinding> findings) {

    public FrmResult {
        fields = List.copyOf(fields);
        keys = List.copyOf(keys);
        findings = List.copyOf(findings);
    }

    /** True when nothing had to be guessed or left out. */
    public boolean complete() {
        return findings.stream().noneMatch(f -> f.severity() == FrmFinding.Severity.ERROR);
    }

    /**
     * Where one column lives in the server's row image (the .frm default record has this layout; MyISAM
     * static rows too).
     *
     * @param name          column name
     * @param fieldType     MYSQL_TYPE_* byte as stored (e.g. 15 VARCHAR, 246 NEWDECIMAL, 252 BLOB)
     * @param offset        0-based offset of the column's bytes in the record
     * @param length        the field length ({@code field_length}): bytes for strings, digits for numbers
     * @param packLength    bytes the column takes in the record, -1 when unknown
     * @param nullBit       bit number of the NULL flag counted from the start of the record (byte = nullBit / 8,
     *                      mask = 1 &lt;&lt; nullBit % 8), -1 for NOT NULL columns
     * @param virtual       a virtual generated column (no bytes in engine rows)
     */
    public record FieldLayout(String name, int fieldType, int offset, int length, int packLength, int nullBit,
            boolean virtual) {
    }
}
