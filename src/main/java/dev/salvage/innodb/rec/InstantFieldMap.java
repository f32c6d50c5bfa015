package dev.salvage.innodb.rec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MariaDB 10.4+ instant DROP COLUMN and column reordering: the metadata BLOB of the ALTER metadata record
 * (dict0mem.cc {@code dict_table_t::serialise_columns} / {@code deserialise_columns}). It describes the
 * clustered index fields after DB_ROLL_PTR in physical order: a 4-byte big-endian count, then 2 bytes per
 * field. A field either holds table column {@code data & 0x3FF} (the column's position among the table's
 * non-virtual columns), or, with bit 15 set, a dropped column whose bytes are still in old records: bit 14
 * when it was NOT NULL, and in the low bits 0 (variable, at most 255 bytes), 1 (variable, longer: 2-byte
 * lengths, may be off-page) or 1 + its fixed length.
 *
 * @param fields one entry per physical field after DB_ROLL_PTR
 */
public record InstantFieldMap(List<Field> fields) {

    private static final int DROPPED = 1 << 15;
    private static final int NOT_NULL = 1 << 14;
    private static final int IND = (1 << 10) - 1;
    /** DICT_MAX_FIXED_COL_LEN: longer fixed-length columns are stored as variable-length ones. */
    private static final int MAX_FIXED = 768;

    /**
     * One physical field.
     *
     * @param column   the table column (non-virtual position) it holds; -1 for a dropped column
     * @param nullable dropped columns: whether it was nullable; kept columns: unused (the column decides)
     * @param fixed    dropped columns: fixed length, 0 when variable
     * @param big      dropped variable columns: 2-byte lengths allowed, may be off-page
     */
    public record Field(int column, boolean nullable, int fixed, boolean big) {
        public boolean dropped() {
            return column < 0;
        }
    }

    public InstantFieldMap {
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /**
     * Parses the metadata BLOB; null when it cannot be one (bad count, short, a column number at or above
     * {@code columns}, an impossible fixed length).
     */
    public static InstantFieldMap parse(byte[] blob, int columns) {
        if (blob == null || blob.length < 4) {
            return null;
        }
        long count = (blob[0] & 0xFFL) << 24 | (blob[1] & 0xFF) << 16 | (blob[2] & 0xFF) << 8 | (blob[3] & 0xFF);
        if (count < 1 || count >= FieldLayout.MAX_FIELDS - 3 || blob.length < 4 + 2 * count) {
            return null;
        }
        List<Field> fields = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int data = (blob[4 + 2 * i] & 0xFF) << 8 | (blob[5 + 2 * i] & 0xFF);
            int ind = data & IND;
            if ((data & DROPPED) != 0) {
                if (ind > MAX_FIXED + 1) {
                    return null;
                }
                fields.add(new Field(-1, (data & NOT_NULL) == 0, ind > 1 ? ind - 1 : 0, ind == 1));
            } else {
                if ((data & NOT_NULL) != 0 || ind >= columns) {
                    return null;
                }
                fields.add(new Field(ind, true, 0, false));
            }
        }
        return new InstantFieldMap(fields);
    }
}
