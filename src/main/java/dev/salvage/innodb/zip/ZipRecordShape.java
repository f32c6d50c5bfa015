package dev.salvage.innodb.zip;

/**
 * Field boundaries of one COMPACT record under a {@link ZipFields} description, as {@code rec_get_offsets}
 * (read from the page, extra bytes going down from the origin) and {@code rec_get_offsets_reverse} (read from
 * the modification log, where the same extra bytes are stored in ascending order) compute them. One instance is
 * reused from record to record.
 */
final class ZipRecordShape {

    /** REC_N_NEW_EXTRA_BYTES: info bits + n_owned, heap number + status, next pointer. */
    static final int FIXED_EXTRA = 5;
    /** REC_NODE_PTR_SIZE. */
    static final int CHILD_PAGE_NO = 4;

    private int[] ends = new int[16];
    private boolean[] extern = new boolean[16];
    private int fields;
    private int extraSize;
    private boolean anyExtern;

    /**
     * Reads the null bitmap and lengths; byte {@code k} of the variable header (0 = the one next to the fixed
     * 5 bytes) is {@code src[base + step * k]}, which must lie in {@code [low, high)}.
     *
     * @return false when the header would leave those bounds or a length is impossible
     */
    boolean read(ZipFields f, boolean nodePointer, byte[] src, int base, int step, int low, int high) {
        fields = f.size() + (nodePointer ? 1 : 0);
        if (ends.length < fields) {
            ends = new int[fields];
            extern = new boolean[fields];
        }
        anyExtern = false;
        int nullBytes = (f.nullableCount() + 7) / 8;
        int k = nullBytes; // next length byte
        int nullBit = 0;
        int offs = 0;
        for (int i = 0; i < fields; i++) {
            extern[i] = false;
            if (i == f.size()) { // the child page number of a node pointer
                offs += CHILD_PAGE_NO;
                ends[i] = offs;
                continue;
            }
            if (f.isNullable(i)) {
                if (nullBit >= nullBytes * 8) {
                    return false;
                }
                int at = base + step * (nullBit >> 3);
                if (at < low || at >= high) {
                    return false;
                }
                boolean isNull = (src[at] >> (nullBit & 7) & 1) != 0;
                nullBit++;
                if (isNull) {
                    ends[i] = offs;
                    continue;
                }
            }
            if (f.fixedLength(i) > 0) {
                offs += f.fixedLength(i);
            } else {
                int at = base + step * k++;
                if (at < low || at >= high) {
                    return false;
                }
                int len = src[at] & 0xFF;
                if (f.isBig(i) && (len & 0x80) != 0) {
                    at = base + step * k++;
                    if (at < low || at >= high) {
                        return false;
                    }
                    len = (len << 8 | src[at] & 0xFF);
                    extern[i] = (len & 0x4000) != 0;
                    anyExtern |= extern[i];
                    len &= 0x3FFF;
                }
                offs += len;
            }
            ends[i] = offs;
        }
        extraSize = k + FIXED_EXTRA;
        return true;
    }

    int fields() {
        return fields;
    }

    /** Bytes before the origin: the variable header plus the fixed 5. */
    int extraSize() {
        return extraSize;
    }

    int dataSize() {
        return fields == 0 ? 0 : ends[fields - 1];
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int length(int i) {
        return ends[i] - start(i);
    }

    int end(int i) {
        return ends[i];
    }

    boolean isExtern(int i) {
        return extern[i];
    }

    boolean anyExtern() {
        return anyExtern;
    }
}
