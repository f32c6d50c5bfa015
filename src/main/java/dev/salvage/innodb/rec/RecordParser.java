package dev.salvage.innodb.rec;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.lob.ExternRef;

/**
 * Locates the fields of one user record (rem0rec.cc {@code rec_init_offsets}): COMPACT records through their
 * null bitmap and variable-length bytes read backwards from the origin, REDUNDANT records through their field
 * end-offset array. Every byte read is first checked against the heap bounds, so a corrupt record gives a
 * {@link RecordVerdict} in the output instead of an exception; nothing is allocated per record.
 */
public final class RecordParser {

    private RecordParser() {
    }

    /**
     * Parses with the widest plausible bounds: record bytes between the end of the supremum and the page
     * trailer.
     *
     * @return true when every field was located; otherwise {@code out.verdict()} says why not
     */
    public static boolean parse(byte[] page, int pageSize, int origin, RecordFormat format, FieldLayout layout,
            RecordOffsets out) {
        return parse(page, origin, format, layout, format.heapStart(), pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM, out);
    }

    /**
     * Parses the record at {@code origin} with {@code layout} (a leaf layout, or a {@link FieldLayout#nodePointer}
     * layout on non-leaf pages).
     *
     * @param heapStart lowest page offset a record byte may occupy (header and extra bytes included)
     * @param heapEnd   page offset no record byte may reach
     */
    public static boolean parse(byte[] page, int origin, RecordFormat format, FieldLayout layout, int heapStart,
            int heapEnd, RecordOffsets out) {
        out.reset(origin, layout.size());
        if (page == null || heapEnd > page.length || heapStart < 0
                || origin - format.headerBytes() < heapStart || origin >= heapEnd) {
            return out.fail(RecordVerdict.HEADER_OUTSIDE_PAGE, -1);
        }
        return format == RecordFormat.COMPACT
                ? parseCompact(page, origin, layout, heapStart, heapEnd, out)
                : parseRedundant(page, origin, layout, heapStart, heapEnd, out);
    }

    private static boolean parseCompact(byte[] page, int origin, FieldLayout layout, int heapStart, int heapEnd,
            RecordOffsets out) {
        int info = RecordHeader.infoBits(page, origin, RecordFormat.COMPACT);
        RecordStatus status = RecordHeader.status(page, origin);
        out.header(info, status);
        boolean nodePointer = layout.isNodePointer();
        switch (status) {
            case INFIMUM, SUPREMUM:
                return out.fail(RecordVerdict.SYSTEM_RECORD, -1);
            case INVALID:
                return out.fail(RecordVerdict.BAD_STATUS, -1);
            case NODE_PTR:
                if (!nodePointer) {
                    return out.fail(RecordVerdict.BAD_STATUS, -1);
                }
                break;
            default:
                if (nodePointer) {
                    return out.fail(RecordVerdict.BAD_STATUS, -1);
                }
        }
        int nulls = origin - RecordFormat.COMPACT.headerBytes() - 1; // highest null bitmap byte; the bitmap grows down
        int stored;
        int nullBytes;
        if (nodePointer) {
            stored = layout.size();
            nullBytes = layout.nullBitmapBytes();
        } else if (status == RecordStatus.INSTANT) {
            // MariaDB 10.3+: the record stores how many fields were added after the core ones, minus one.
            if ((info & RecordHeader.MIN_REC_FLAG) != 0 && (info & RecordHeader.DELETED_FLAG) != 0) {
                // The ALTER metadata record carries an extra metadata BLOB field after DB_ROLL_PTR; it describes
                // the table, it is not a row (recover/MariadbInstantMetadata reads it).
                return out.fail(RecordVerdict.UNSUPPORTED_METADATA, -1);
            }
            if (nulls < heapStart) {
                return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
            }
            int added = page[nulls--] & 0xFF;
            if (added >= 0x80) {
                if (nulls < heapStart) {
                    return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
                }
                added = (added & 0x7F) | (page[nulls--] & 0xFF) << 7;
            }
            stored = layout.coreFields() + 1 + added;
            if (stored > layout.size()) {
                return out.fail(RecordVerdict.FIELD_COUNT, -1);
            }
            nullBytes = (layout.nullableBefore(stored) + 7) / 8;
        } else if ((info & RecordHeader.INSTANT_FLAG) != 0 && layout.coreFields() < layout.size()) {
            // MySQL 8.0.13+: a record inserted after instant ADD COLUMN stores its field count (1 or 2 bytes).
            if (nulls < heapStart) {
                return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
            }
            int count = page[nulls--] & 0xFF;
            if ((count & 0x80) != 0) {
                if (nulls < heapStart) {
                    return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
                }
                count = (count & 0x7F) << 8 | (page[nulls--] & 0xFF);
            }
            stored = count;
            if (stored < 1 || stored > layout.size()) {
                return out.fail(RecordVerdict.FIELD_COUNT, -1);
            }
            nullBytes = (layout.nullableBefore(stored) + 7) / 8;
        } else {
            stored = layout.coreFields();
            nullBytes = layout.coreNullBitmapBytes();
        }
        int lowestNullByte = nulls - nullBytes + 1;
        if (lowestNullByte < heapStart) {
            return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
        }
        int lens = nulls - nullBytes; // next variable-length byte to read, moving down
        int nullAt = nulls;
        int nullMask = 1;
        int offs = 0;
        for (int i = 0; i < stored; i++) {
            if (layout.isNullable(i)) {
                if ((nullMask & 0xFF) == 0) {
                    nullAt--;
                    nullMask = 1;
                }
                if (nullAt < lowestNullByte) {
                    return out.fail(RecordVerdict.FIELD_COUNT, i); // more nullable fields than bitmap bits
                }
                boolean isNull = (page[nullAt] & nullMask) != 0;
                nullMask <<= 1;
                if (isNull) {
                    out.set(i, origin + offs, 0, RecordOffsets.NULL);
                    continue;
                }
            }
            int len = layout.fixedLength(i);
            byte flag = 0;
            if (len == 0) {
                if (lens < heapStart) {
                    return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, i);
                }
                len = page[lens--] & 0xFF;
                if ((len & 0x80) != 0 && layout.isBig(i)) {
                    if (lens < heapStart) {
                        return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, i);
                    }
                    len = len << 8 | (page[lens--] & 0xFF);
                    if ((len & 0x4000) != 0) {
                        if (nodePointer) {
                            return out.fail(RecordVerdict.EXTERN_NOT_ALLOWED, i);
                        }
                        flag = RecordOffsets.EXTERN;
                    }
                    len &= 0x3FFF;
                }
                if (flag == RecordOffsets.EXTERN ? len < ExternRef.SIZE : len > layout.maxLength(i)) {
                    return out.fail(flag == RecordOffsets.EXTERN ? RecordVerdict.EXTERN_TOO_SHORT
                            : RecordVerdict.LENGTH_EXCEEDS_MAX, i);
                }
            }
            out.set(i, origin + offs, len, flag);
            offs += len;
            if (origin + offs > heapEnd) {
                return out.fail(RecordVerdict.DATA_OUTSIDE_PAGE, i);
            }
        }
        for (int i = stored; i < layout.size(); i++) {
            out.set(i, origin + offs, 0, RecordOffsets.DEFAULT);
        }
        out.extent(lens + 1, origin + offs);
        return true;
    }

    private static boolean parseRedundant(byte[] page, int origin, FieldLayout layout, int heapStart, int heapEnd,
            RecordOffsets out) {
        int info = RecordHeader.infoBits(page, origin, RecordFormat.REDUNDANT);
        boolean nodePointer = layout.isNodePointer();
        out.header(info, nodePointer ? RecordStatus.NODE_PTR : RecordStatus.ORDINARY);
        if (RecordHeader.heapNo(page, origin, RecordFormat.REDUNDANT) < 2) {
            return out.fail(RecordVerdict.SYSTEM_RECORD, -1);
        }
        int n = RecordHeader.redundantFieldCount(page, origin);
        // Fewer stored fields than the layout: MariaDB instant ADD COLUMN on a REDUNDANT table (the rest are defaults).
        if (n == 0 || n > layout.size() || nodePointer && n != layout.size()) {
            return out.fail(RecordVerdict.FIELD_COUNT, -1);
        }
        int width = RecordHeader.redundantShortOffsets(page, origin) ? 1 : 2;
        int offsetsStart = origin - RecordFormat.REDUNDANT.headerBytes() - n * width;
        if (offsetsStart < heapStart) {
            return out.fail(RecordVerdict.EXTRA_BYTES_OUTSIDE_HEAP, -1);
        }
        int prevEnd = 0;
        for (int i = 0; i < n; i++) {
            int at = origin - RecordFormat.REDUNDANT.headerBytes() - (i + 1) * width;
            int end;
            boolean isNull;
            boolean extern = false;
            if (width == 1) {
                int v = page[at] & 0xFF;
                isNull = (v & 0x80) != 0;
                end = v & 0x7F;
            } else {
                int v = Mach.read2(page, at);
                isNull = (v & 0x8000) != 0;
                extern = (v & 0x4000) != 0;
                end = v & 0x3FFF;
            }
            if (end < prevEnd) {
                return out.fail(RecordVerdict.OFFSETS_DESCENDING, i);
            }
            if (origin + end > heapEnd) {
                return out.fail(RecordVerdict.DATA_OUTSIDE_PAGE, i);
            }
            int len = end - prevEnd;
            if (isNull) {
                // A NULL fixed-length field still occupies its length (zero-filled); the value is NULL.
                out.set(i, origin + prevEnd, 0, RecordOffsets.NULL);
            } else if (extern) {
                if (!layout.isBig(i) || nodePointer) {
                    return out.fail(RecordVerdict.EXTERN_NOT_ALLOWED, i);
                }
                if (len < ExternRef.SIZE) {
                    return out.fail(RecordVerdict.EXTERN_TOO_SHORT, i);
                }
                out.set(i, origin + prevEnd, len, RecordOffsets.EXTERN);
            } else {
                int fixed = layout.fixedLength(i);
                if (fixed > 0 && len != fixed) {
                    return out.fail(RecordVerdict.FIXED_LENGTH_MISMATCH, i);
                }
                if (len > layout.maxLength(i)) {
                    return out.fail(RecordVerdict.LENGTH_EXCEEDS_MAX, i);
                }
                out.set(i, origin + prevEnd, len, (byte) 0);
            }
            prevEnd = end;
        }
        for (int i = n; i < layout.size(); i++) {
            out.set(i, origin + prevEnd, 0, RecordOffsets.DEFAULT);
        }
        out.extent(offsetsStart, origin + prevEnd);
        return true;
    }
}
