package dev.salvage.recover;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.innodb.lob.ExternRef;
import dev.salvage.innodb.lob.LobRead;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.innodb.rec.InstantFieldMap;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;

/**
 * MariaDB 10.4+ instant DROP/reorder: the ALTER metadata record (first record of the leftmost leaf, flags
 * MIN_REC and DELETED) carries, right after DB_ROLL_PTR, a 20-byte reference to the metadata BLOB that maps
 * physical fields to columns (btr0cur.cc {@code btr_cur_instant_init_low}). The record's other fields are
 * laid out by that very map, so only the key fields are parsed to find the reference: COMPACT records keep
 * the key lengths below a null bitmap whose size is not known yet, so each plausible size is tried until the
 * reference leads to a BLOB that parses as a field map.
 */
final class MariadbInstantMetadata {

    private static final int MAX_NULL_BYTES = (FieldLayout.MAX_FIELDS + 7) / 8;
    private static final int MAX_BLOB_BYTES = 64 * 1024;

    private MariadbInstantMetadata() {
    }

    /** True when the first record of {@code page} (a leaf) is an ALTER metadata record with a metadata BLOB. */
    static boolean hasAlterMetadata(byte[] page, int pageSize, RecordFormat format) {
        int origin = firstRecord(page, pageSize, format);
        if (origin <= 0) {
            return false;
        }
        int info = RecordHeader.infoBits(page, origin, format);
        return (info & RecordHeader.MIN_REC_FLAG) != 0 && (info & RecordHeader.DELETED_FLAG) != 0;
    }

    /** The field map of the metadata record on {@code page}; null when it cannot be read. */
    static InstantFieldMap fieldMap(byte[] page, int pageSize, ClusteredLayout layout, PageReader blobs) {
        RecordFormat format = layout.format();
        int origin = firstRecord(page, pageSize, format);
        if (origin <= 0 || !hasAlterMetadata(page, pageSize, format)) {
            return null;
        }
        int columns = layout.outputColumns().size();
        if (format == RecordFormat.REDUNDANT) {
            // Field end offsets: DB_ROLL_PTR ends where the reference starts.
            int n = RecordHeader.redundantFieldCount(page, origin);
            int roll = layout.keyFields() + 1;
            if (RecordHeader.redundantShortOffsets(page, origin) || n <= roll + 1) {
                return null; // a record holding a 20-byte extern field always has 2-byte offsets
            }
            int at = origin - RecordFormat.REDUNDANT.headerBytes() - (roll + 1) * 2;
            int at2 = at - 2;
            if (at2 < 0) {
                return null;
            }
            int start = Mach.read2(page, at) & 0x3FFF;
            int end = Mach.read2(page, at2) & 0x3FFF;
            return end - start == ExternRef.SIZE ? read(page, pageSize, origin + start, blobs, columns) : null;
        }
        // COMPACT: header, the added-field count (1 or 2 bytes), the null bitmap, then key lengths going down.
        int addAt = origin - RecordFormat.COMPACT.headerBytes() - 1;
        if (addAt < 0) {
            return null;
        }
        int addBytes = (page[addAt] & 0x80) != 0 ? 2 : 1;
        FieldLayout leaf = layout.leaf();
        boolean fixedKey = true;
        for (int i = 0; i < layout.keyFields(); i++) {
            fixedKey &= leaf.fixedLength(i) > 0;
        }
        for (int nullBytes = 0; nullBytes <= (fixedKey ? 0 : MAX_NULL_BYTES); nullBytes++) {
            int lens = addAt - addBytes + 1 - nullBytes - 1;
            int offs = 0;
            for (int i = 0; i < layout.keyFields() && offs >= 0; i++) {
                int len = leaf.fixedLength(i);
                if (len == 0) {
                    if (lens < 0) {
                        offs = -1;
                        break;
                    }
                    len = page[lens--] & 0xFF;
                    if ((len & 0x80) != 0 && leaf.isBig(i)) {
                        if (lens < 0) {
                            offs = -1;
                            break;
                        }
                        len = ((len << 8) | (page[lens--] & 0xFF)) & 0x3FFF;
                    }
                }
                offs += len;
            }
            if (offs < 0) {
                return null;
            }
            int ref = origin + offs + FieldLayout.DB_TRX_ID_BYTES + FieldLayout.DB_ROLL_PTR_BYTES;
            InstantFieldMap map = read(page, pageSize, ref, blobs, columns);
            if (map != null) {
                return map;
            }
        }
        return null;
    }

    private static InstantFieldMap read(byte[] page, int pageSize, int ref, PageReader blobs, int columns) {
        if (ref < 0 || ref + ExternRef.SIZE > pageSize) {
            return null;
        }
        LobRead blob = ExternReader.readField(blobs, page, ref, ExternRef.SIZE, pageSize, MAX_BLOB_BYTES);
        return blob.complete() ? InstantFieldMap.parse(blob.data(), columns) : null;
    }

    private static int firstRecord(byte[] page, int pageSize, RecordFormat format) {
        int next = RecordHeader.next(page, pageSize, format.infimum(), format);
        return next == format.supremum() || next < format.heapStart() + format.headerBytes() ? -1 : next;
    }
}
