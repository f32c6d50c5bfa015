package dev.salvage.dict;

import dev.salvage.innodb.fil.Mach;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record of a dictionary table, its fields copied out of the page.
 *
 * @param fields  field values in record order, null for SQL NULL or a field the record does not store
 * @param deleted delete-marked in the record list, or found on the page's free list (purged)
 * @param garbage found on the free list: purge already removed it, the bytes just were not reused yet
 * @param page    page number it was read from
 * @param origin  record origin on that page
 */
record DictRecord(SysTable table, byte[][] fields, boolean deleted, boolean garbage, long page, int origin) {

    /** Unsigned big-endian integer of a 4- or 8-byte field; -1 when NULL or of another length. */
    long number(String name) {
        byte[] v = fields[table.field(name)];
        if (v == null) {
            return -1;
        }
        return switch (v.length) {
            case 4 -> Mach.read4(v, 0);
            case 8 -> Mach.read8(v, 0);
            default -> -1;
        };
    }

    /**
     * A name field: the dictionary keeps names as the server gave them, UTF-8 (MySQL's system character set
     * utf8mb3; table names are additionally filename-encoded).
     */
    String text(String name) {
        byte[] v = fields[table.field(name)];
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    long trxId() {
        byte[] v = fields[table.trxIdField()];
        return v == null || v.length != 6 ? 0 : Mach.read8(new byte[] {0, 0, v[0], v[1], v[2], v[3], v[4], v[5]}, 0);
    }

    /** The clustered key as bytes, to tell versions of one row from different rows. */
    String key() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < table.keyFields(); i++) {
            out.append(fields[i] == null ? "null" : Arrays.toString(fields[i])).append('|');
        }
        return out.toString();
    }

    /** Where it came from, for findings and provenance. */
    String where() {
        return table + " record at page " + page + " offset " + origin
                + (garbage ? " (free list)" : deleted ? " (delete-marked)" : "");
    }
}
