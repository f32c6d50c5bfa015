package dev.salvage.innodb.zip;

/**
 * The index description a ROW_FORMAT=COMPRESSED page carries at the start of its zlib stream
 * (page0zip.cc {@code page_zip_fields_encode} / {@code page_zip_fields_decode}): one entry per field, where
 * runs of NOT NULL fixed-length fields are merged into one entry of their summed length (so field numbers here
 * are not the table's), followed by the position of DB_TRX_ID (leaf pages; 0 = secondary index) or the
 * number of nullable fields (node pointer pages). The server decompresses with this description alone, and
 * so do we: it is what the bytes were written with, whatever the dictionary says.
 *
 * <p>Entry encoding: 0/1 = nullable / NOT NULL variable field of at most 255 bytes; 126/127 = the same with a
 * longer maximum (2-byte lengths, may be stored off-page); otherwise {@code length << 1 | notNull}, in two
 * bytes ({@code 0x80 | v >> 8, v}) when it does not fit in 7 bits.
 */
public final class ZipFields {

    /** REC_MAX_N_FIELDS. */
    static final int MAX_FIELDS = 1023;

    private final int[] fixedLength;
    private final boolean[] nullable;
    private final boolean[] big;
    private final int trxIdField;
    private final int nullableCount;

    private ZipFields(int[] fixedLength, boolean[] nullable, boolean[] big, int trxIdField, int nullableCount) {
        this.fixedLength = fixedLength;
        this.nullable = nullable;
        this.big = big;
        this.trxIdField = trxIdField;
        this.nullableCount = nullableCount;
    }

    /**
     * Decodes {@code buf[off, off+len)}; null when the bytes cannot be a description (too many fields, an entry
     * running past the end, a DB_TRX_ID position beyond the fields, fewer nullable fields than declared).
     */
    static ZipFields decode(byte[] buf, int off, int len, boolean leaf) {
        int end = off + len;
        int n = 0;
        int b = off;
        while (b < end) {
            if ((buf[b++] & 0x80) != 0) {
                b++;
            }
            n++;
        }
        n--; // the last entry is the trx_id position or the nullable count
        if (n < 1 || n > MAX_FIELDS || b > end) {
            return null;
        }
        int[] fixed = new int[n];
        boolean[] nul = new boolean[n];
        boolean[] bg = new boolean[n];
        int nullables = 0;
        b = off;
        for (int i = 0; i < n; i++) {
            int val = buf[b++] & 0xFF;
            if ((val & 0x80) != 0) {
                val = (val & 0x7F) << 8 | buf[b++] & 0xFF;
                fixed[i] = val >> 1;
                if (fixed[i] == 0) {
                    return null;
                }
            } else if (val >= 126) {
                bg[i] = true;
            } else if (val > 1) {
                fixed[i] = val >> 1;
            }
            nul[i] = (val & 1) == 0;
            nullables += nul[i] ? 1 : 0;
        }
        int val = buf[b++] & 0xFF;
        if ((val & 0x80) != 0) {
            if (b >= end) {
                return null;
            }
            val = (val & 0x7F) << 8 | buf[b] & 0xFF;
        }
        if (leaf) {
            if (val >= n) {
                return null;
            }
            return new ZipFields(fixed, nul, bg, val == 0 ? -1 : val, nullables);
        }
        if (nullables > val) {
            return null;
        }
        return new ZipFields(fixed, nul, bg, -1, val);
    }

    public int size() {
        return fixedLength.length;
    }

    /** Fixed length, 0 for a variable-length field. */
    public int fixedLength(int i) {
        return fixedLength[i];
    }

    public boolean isNullable(int i) {
        return nullable[i];
    }

    /** DATA_BIG_COL: 2-byte lengths possible, may be stored off-page. */
    public boolean isBig(int i) {
        return big[i];
    }

    /** The (merged) field that starts with DB_TRX_ID on clustered leaf pages, -1 elsewhere. */
    public int trxIdField() {
        return trxIdField;
    }

    /** Bits in the null bitmap of each record. */
    public int nullableCount() {
        return nullableCount;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ZipFields[");
        for (int i = 0; i < size(); i++) {
            out.append(i == 0 ? "" : ",").append(fixedLength[i] > 0 ? String.valueOf(fixedLength[i]) : big[i] ? "VAR+" : "VAR")
                    .append(nullable[i] ? "?" : "").append(i == trxIdField ? "(trx)" : "");
        }
        return out.append(" nullable=").append(nullableCount).append(']').toString();
    }
}
