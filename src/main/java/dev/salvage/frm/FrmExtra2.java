package dev.salvage.frm;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * MariaDB's "extra2" segment right after the 64-byte header (length at header bytes 4-5): type-length-value
 * entries (MariaDB sql/table.cc {@code read_extra2}). Salvage uses the per-field flags (invisible columns) and
 * the per-field data type names (INET6, UUID, ...). A segment that starts with '/' is the old form position
 * block, not extra2.
 *
 * @param fieldFlags    one byte per field (bits 0-1: invisibility), null when absent
 * @param dataTypeNames field number → data type name
 * @param indexFlags    one byte per key (bit 0: IGNORED), null when absent
 */
record FrmExtra2(byte[] fieldFlags, Map<Integer, String> dataTypeNames, byte[] indexFlags) {

    static final int TABLEDEF_VERSION = 0, INDEX_FLAGS = 5, FIELD_FLAGS = 129, FIELD_DATA_TYPE_INFO = 130;

    static FrmExtra2 read(FrmBytes b, int length, java.util.List<FrmFinding> findings) {
        Map<Integer, String> names = new HashMap<>();
        byte[] fieldFlags = null, indexFlags = null;
        long pos = FrmHeader.SIZE;
        long end = pos + length;
        if (length == 0 || b.u8(pos) == '/') {
            return new FrmExtra2(null, names, null);
        }
        if (!b.has(pos, length)) {
            findings.add(new FrmFinding(FrmFinding.Severity.WARNING, pos, "FRM_EXTRA2_TRUNCATED",
                    "the extra2 segment runs past the end of the file"));
            end = b.length();
        }
        while (pos + 3 <= end) {
            int type = b.u8(pos++);
            long valueLength = b.u8(pos++);
            if (valueLength == 0) {
                valueLength = b.u16(pos);
                pos += 2;
            }
            if (valueLength == 0 || pos + valueLength > end) {
                findings.add(new FrmFinding(FrmFinding.Severity.WARNING, pos, "FRM_EXTRA2_BAD",
                        "unreadable extra2 entry of type " + type + "; rest of extra2 ignored"));
                break;
            }
            switch (type) {
                case FIELD_FLAGS -> fieldFlags = b.slice(pos, valueLength);
                case INDEX_FLAGS -> indexFlags = b.slice(pos, valueLength);
                case FIELD_DATA_TYPE_INFO -> readDataTypes(b.slice(pos, valueLength), names);
                default -> {
                    // table version, engine options, GIS, periods: not needed for the definition salvage writes
                }
            }
            pos += valueLength;
        }
        return new FrmExtra2(fieldFlags, names, indexFlags);
    }

    /** Pairs of (field number, name) in the client protocol's length-encoded integers and strings. */
    private static void readDataTypes(byte[] data, Map<Integer, String> names) {
        int[] pos = {0};
        while (pos[0] < data.length) {
            long field = lengthEncoded(data, pos);
            long length = lengthEncoded(data, pos);
            if (field < 0 || length <= 0 || pos[0] + length > data.length) {
                return;
            }
            names.put((int) field, new String(data, pos[0], (int) length, StandardCharsets.UTF_8));
            pos[0] += (int) length;
        }
    }

    private static long lengthEncoded(byte[] data, int[] pos) {
        if (pos[0] >= data.length) {
            return -1;
        }
        int first = data[pos[0]++] & 0xFF;
        int extra = switch (first) {
            case 252 -> 2;
            case 253 -> 3;
            case 254 -> 8;
            case 251, 255 -> -1;
            default -> 0;
        };
        if (extra < 0 || pos[0] + extra > data.length) {
            return -1;
        }
        if (extra == 0) {
            return first;
        }
        long value = 0;
        for (int i = extra - 1; i >= 0; i--) {
            value = value << 8 | (data[pos[0] + i] & 0xFF);
        }
        pos[0] += extra;
        return value;
    }

    boolean invisible(int field) {
        return fieldFlags != null && field < fieldFlags.length && (fieldFlags[field] & 3) != 0;
    }

    boolean ignoredIndex(int key) {
        return indexFlags != null && key < indexFlags.length && (indexFlags[key] & 1) != 0;
    }
}
