package dev.salvage.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper, deliberately independent of the record layer: the stored bytes of column {@code v} in a table
 * {@code (id INT PRIMARY KEY, v <type> NOT NULL)} in COMPACT or DYNAMIC row format, read from its clustered
 * index root page while that page is also the only leaf. Such a record is: variable-length bytes (only when
 * {@code v} is variable-length: one length byte, or two when the column can exceed 255 bytes and the first
 * byte has its 0x80 bit set), 5 header bytes, then at the origin: id (4), DB_TRX_ID (6), DB_ROLL_PTR (7), v.
 * No NULL bitmap, since no column is nullable.
 */
final class SingleColumnLeaf {
    static final int PAGE_SIZE = 16384;
    private static final int INFIMUM = 99;
    private static final int SUPREMUM = 112;
    private static final int VALUE_OFFSET = 4 + 6 + 7;

    /** One user record: the primary key and where the value's bytes lie in the page. */
    record Field(int id, int offset, int length) {
    }

    private SingleColumnLeaf() {
    }

    /**
     * @param fixedLength the value's length when it is fixed-length; 0 when it is variable-length
     * @param longColumn  for variable-length values: whether the column can exceed 255 bytes (two length bytes
     *                    possible)
     */
    static List<Field> fields(byte[] page, int fixedLength, boolean longColumn) {
        int pageType = ((page[24] & 0xFF) << 8) | (page[25] & 0xFF);
        int level = ((page[64] & 0xFF) << 8) | (page[65] & 0xFF);
        if (pageType != 17855 || level != 0 || (page[38 + 4] & 0x80) == 0) {
            throw new IllegalStateException("not a COMPACT leaf index page: type " + pageType + " level " + level);
        }
        List<Field> fields = new ArrayList<>();
        int origin = INFIMUM;
        for (int guard = 0; guard < 2000; guard++) {
            short next = (short) (((page[origin - 2] & 0xFF) << 8) | (page[origin - 1] & 0xFF));
            origin = (origin + next) & (PAGE_SIZE - 1);
            if (origin == SUPREMUM) {
                return fields;
            }
            int id = (int) (IntegerCodecAccess.raw4(page, origin) ^ 0x80000000L);
            int length = fixedLength;
            if (fixedLength == 0) {
                int first = page[origin - 6] & 0xFF;
                length = longColumn && (first & 0x80) != 0 ? ((first & 0x3F) << 8) | (page[origin - 7] & 0xFF) : first;
            }
            fields.add(new Field(id, origin + VALUE_OFFSET, length));
        }
        throw new IllegalStateException("record list does not reach the supremum");
    }

    /** Tiny shim so the helper does not depend on non-test code for a 4-byte read. */
    private static final class IntegerCodecAccess {
        static long raw4(byte[] b, int off) {
            return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        }
    }
}
