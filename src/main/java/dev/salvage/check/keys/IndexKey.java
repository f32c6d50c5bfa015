package dev.salvage.check.keys;

import java.util.Arrays;

/**
 * The ordering fields of one index record, copied out of the page ({@code null} = SQL NULL). Equality and hash
 * are by content, so keys can be counted and compared across pages. {@link IndexShape#describe} renders them
 * with decoded values; {@link #toString()} works without the shape (printable text, else hex).
 */
public record IndexKey(byte[][] fields) {

    public IndexKey {
        fields = fields.clone();
    }

    public int size() {
        return fields.length;
    }

    /** Field {@code i}'s bytes, null for SQL NULL. */
    public byte[] field(int i) {
        return fields[i];
    }

    /** The first {@code n} fields (a unique index's user columns, a node pointer's key). */
    public IndexKey prefix(int n) {
        return n >= fields.length ? this : new IndexKey(Arrays.copyOf(fields, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexKey k && Arrays.deepEquals(fields, k.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(fields);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < fields.length; i++) {
            out.append(i == 0 ? "" : ", ").append(raw(fields[i]));
        }
        return out.append(')').toString();
    }

    /** Printable ASCII as a quoted string, anything else as 0x hex. */
    static String raw(byte[] value) {
        if (value == null) {
            return "NULL";
        }
        boolean printable = true;
        for (byte b : value) {
            printable &= b >= 0x20 && b < 0x7F;
        }
        if (printable) {
            return "'" + new String(value, java.nio.charset.StandardCharsets.US_ASCII).replace("'", "''") + "'";
        }
        return "0x" + java.util.HexFormat.of().formatHex(value);
    }
}
