package dev.salvage.check;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;

/**
 * The child page number of a REDUNDANT node pointer without knowing the index's fields: the record's own
 * end-offset array gives where its last field (the 4-byte child page number) ends. COMPACT records need the
 * field lengths, i.e. the index shape.
 */
final class NodePointers {

    private NodePointers() {
    }

    /** The child page number, or -1 when the record's offsets do not fit the heap. */
    static long redundantChild(byte[] page, int origin, int heapStart, int heapEnd) {
        if (origin - RecordFormat.REDUNDANT.headerBytes() < heapStart || origin >= heapEnd) {
            return -1;
        }
        int fields = RecordHeader.redundantFieldCount(page, origin);
        boolean shortOffsets = RecordHeader.redundantShortOffsets(page, origin);
        int width = shortOffsets ? 1 : 2;
        if (fields < 2) {
            return -1;
        }
        int at = origin - RecordFormat.REDUNDANT.headerBytes() - fields * width;
        if (at < heapStart) {
            return -1;
        }
        int end = shortOffsets ? page[at] & 0x7F : Mach.read2(page, at) & 0x3FFF;
        if (end < 4 || origin + end > heapEnd) {
            return -1;
        }
        return Mach.read4(page, origin + end - 4);
    }
}
