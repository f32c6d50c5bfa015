package dev.salvage.innodb.rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The physical fields of one kind of index record, in record order, as the COMPACT format needs them to find
 * field boundaries (the REDUNDANT format stores its own end offsets and uses the layout only to check them).
 *
 * <p>Clustered index leaf: the PRIMARY KEY columns (or DB_ROW_ID, 6 bytes, when there is none), DB_TRX_ID (6),
 * DB_ROLL_PTR (7), then the other columns. Node pointers: the key fields and the 4-byte child page number,
 * see {@link #nodePointer(int)}.
 *
 * <p>Per field: fixed length ({@code > 0}) or variable ({@code 0}) with a maximum length in bytes; nullable;
 * "big" (InnoDB's DATA_BIG_COL: maximum length above 255 bytes, or a BLOB/TEXT/GEOMETRY type), which is what
 * allows a 2-byte length and the extern (off-page) flag.
 *
 * <p>{@link #nullBitmapBytes()} is usually the bytes for {@link #nullableCount()} bits; node pointer layouts
 * keep the leaf's value because the servers size a node pointer's bitmap by the whole index (rem0rec.cc:
 * "useless garbage, only reserved because of file format compatibility"). {@link #coreFields()} is the field
 * count before any instant ADD COLUMN (MariaDB {@code n_core_fields}; MySQL 8.0 {@code n_instant_cols}).
 */
public final class FieldLayout {

    /** REC_NODE_PTR_SIZE: the child page number ending a node pointer record. */
    public static final int CHILD_PAGE_NO_BYTES = 4;
    public static final int DB_ROW_ID_BYTES = 6;
    public static final int DB_TRX_ID_BYTES = 6;
    public static final int DB_ROLL_PTR_BYTES = 7;
    /** REC_MAX_N_FIELDS: a record can hold at most 1023 fields. */
    public static final int MAX_FIELDS = 1023;

    private final String[] names;
    private final int[] fixedLength;
    private final int[] maxLength;
    private final boolean[] nullable;
    private final boolean[] big;
    private final int nullableCount;
    private final int nullBitmapBytes;
    private final int coreFields;
    private final int coreNullBitmapBytes;
    private final boolean nodePointer;

    private FieldLayout(String[] names, int[] fixedLength, int[] maxLength, boolean[] nullable, boolean[] big,
            int nullBitmapBytes, int coreFields, boolean nodePointer) {
        this.names = names;
        this.fixedLength = fixedLength;
        this.maxLength = maxLength;
        this.nullable = nullable;
        this.big = big;
        int count = 0;
        for (boolean n : nullable) {
            count += n ? 1 : 0;
        }
        this.nullableCount = count;
        this.nullBitmapBytes = nullBitmapBytes < 0 ? (count + 7) / 8 : nullBitmapBytes;
        this.coreFields = coreFields < 0 ? names.length : coreFields;
        this.coreNullBitmapBytes = nodePointer ? this.nullBitmapBytes : (nullableBefore(this.coreFields) + 7) / 8;
        this.nodePointer = nodePointer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** Fixed length in bytes, 0 for variable-length fields. */
    public int fixedLength(int i) {
        return fixedLength[i];
    }

    /** Maximum length in bytes (equal to the fixed length for fixed fields). */
    public int maxLength(int i) {
        return maxLength[i];
    }

    public boolean isNullable(int i) {
        return nullable[i];
    }

    /** DATA_BIG_COL: the length may take 2 bytes and the field may be stored off-page. */
    public boolean isBig(int i) {
        return big[i];
    }

    public int nullableCount() {
        return nullableCount;
    }

    /** Nullable fields among the first {@code n}. */
    public int nullableBefore(int n) {
        int count = 0;
        for (int i = 0; i < n && i < nullable.length; i++) {
            count += nullable[i] ? 1 : 0;
        }
        return count;
    }

    /** Null bitmap bytes of a record with all fields (node pointers: the leaf's core value). */
    public int nullBitmapBytes() {
        return nullBitmapBytes;
    }

    /** Fields present in records written before the first instant ADD COLUMN. */
    public int coreFields() {
        return coreFields;
    }

    /** Null bitmap bytes of a record holding only the core fields (MariaDB {@code n_core_null_bytes}). */
    public int coreNullBitmapBytes() {
        return coreNullBitmapBytes;
    }

    public boolean isNodePointer() {
        return nodePointer;
    }

    /**
     * The layout of this index's node pointer records: the first {@code keyFields} fields (the PRIMARY KEY
     * columns of a clustered index, or DB_ROW_ID; for a secondary index its columns plus the PRIMARY KEY
     * columns, or fewer when the index is UNIQUE and NOT NULL) and the child page number.
     */
    public FieldLayout nodePointer(int keyFields) {
        if (keyFields < 1 || keyFields > size()) {
            throw new IllegalArgumentException("key fields " + keyFields + " of " + size());
        }
        int n = keyFields + 1;
        String[] nm = Arrays.copyOf(names, n);
        int[] fixed = Arrays.copyOf(fixedLength, n);
        int[] max = Arrays.copyOf(maxLength, n);
        boolean[] nul = Arrays.copyOf(nullable, n);
        boolean[] bg = Arrays.copyOf(big, n);
        nm[keyFields] = "child_page_no";
        fixed[keyFields] = CHILD_PAGE_NO_BYTES;
        max[keyFields] = CHILD_PAGE_NO_BYTES;
        nul[keyFields] = false;
        bg[keyFields] = false;
        return new FieldLayout(nm, fixed, max, nul, bg, coreNullBitmapBytes, n, true);
    }

    /** A copy where only the first {@code coreFields} fields predate an instant ADD COLUMN. */
    public FieldLayout withCoreFields(int coreFields) {
        if (coreFields < 1 || coreFields > size()) {
            throw new IllegalArgumentException("core fields " + coreFields + " of " + size());
        }
        return new FieldLayout(names, fixedLength, maxLength, nullable, big, -1, coreFields, nodePointer);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("FieldLayout[");
        for (int i = 0; i < size(); i++) {
            out.append(i == 0 ? "" : ", ").append(names[i]).append(fixedLength[i] > 0 ? "(" + fixedLength[i] + ")"
                    : "(var " + maxLength[i] + (big[i] ? " big" : "") + ")").append(nullable[i] ? "?" : "");
        }
        return out.append(']').toString();
    }

    /** Collects fields in record order. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<int[]> lengths = new ArrayList<>();
        private final List<boolean[]> flags = new ArrayList<>();

        /** A fixed-length field (INT, DATETIME, CHAR in a single-byte charset, DB_TRX_ID …). */
        public Builder fixed(String name, int length, boolean nullable) {
            if (length < 1 || length > 65535) {
                throw new IllegalArgumentException("fixed length " + length);
            }
            return add(name, length, length, nullable, false);
        }

        /** A variable-length field; big when {@code maxLength > 255}. */
        public Builder variable(String name, int maxLength, boolean nullable) {
            if (maxLength < 0) {
                throw new IllegalArgumentException("max length " + maxLength);
            }
            return add(name, 0, maxLength, nullable, maxLength > 255);
        }

        /** A BLOB/TEXT/JSON/GEOMETRY field: always big, may be stored off-page. */
        public Builder blob(String name, boolean nullable) {
            return add(name, 0, Integer.MAX_VALUE, nullable, true);
        }

        /** DB_ROW_ID, for tables without a PRIMARY KEY or UNIQUE NOT NULL key. */
        public Builder rowId() {
            return fixed("DB_ROW_ID", DB_ROW_ID_BYTES, false);
        }

        /** DB_TRX_ID and DB_ROLL_PTR, which follow the key in clustered index leaf records. */
        public Builder systemColumns() {
            return fixed("DB_TRX_ID", DB_TRX_ID_BYTES, false).fixed("DB_ROLL_PTR", DB_ROLL_PTR_BYTES, false);
        }

        private Builder add(String name, int fixed, int max, boolean nullable, boolean big) {
            if (names.size() >= MAX_FIELDS) {
                throw new IllegalArgumentException("more than " + MAX_FIELDS + " fields");
            }
            names.add(name);
            lengths.add(new int[] {fixed, max});
            flags.add(new boolean[] {nullable, big});
            return this;
        }

        public FieldLayout build() {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a record has at least one field");
            }
            int n = names.size();
            int[] fixed = new int[n];
            int[] max = new int[n];
            boolean[] nul = new boolean[n];
            boolean[] bg = new boolean[n];
            for (int i = 0; i < n; i++) {
                fixed[i] = lengths.get(i)[0];
                max[i] = lengths.get(i)[1];
                nul[i] = flags.get(i)[0];
                bg[i] = flags.get(i)[1];
            }
            return new FieldLayout(names.toArray(new String[0]), fixed, max, nul, bg, -1, -1, false);
        }
    }
}
