package dev.salvage.myisam;

import dev.salvage.io.ByteRange;

import java.io.IOException;

/**
 * Reads every record of a .MYD front to back, as {@code chk_data_link} does, without trusting anything: block
 * headers are parsed defensively, split records are followed with a bound on their parts (so a loop ends),
 * lengths are checked against the file before anything is allocated, and a damaged region is skipped until
 * the next plausible block header. Problems become findings; intact records go to the {@link Visitor}.
 */
public final class MydReader {

    /** Receives what the scan finds, in file order. */
    public interface Visitor {
        void record(RecordImage record);

        default void deleted(long position, long length) {
        }
    }

    private final MyiFile myi;
    private final DataWindow data;
    private final FindingSink sink;
    private long records;
    private long deletedBlocks;
    private long deletedLength;
    private long used;
    private long linkUsed;
    private long unused;
    private long splits;
    private long broken;
    private long garbage;

    private MydReader(MyiFile myi, ByteRange myd, FindingSink sink) {
        this(myi, new DataWindow(myd), sink);
    }

    private MydReader(MyiFile myi, DataWindow data, FindingSink sink) {
        this.myi = myi;
        this.data = data;
        this.sink = sink;
    }

    /**
     * A reader for single records at known positions (the record pointers of keys): a small read window, and
     * problems counted but not kept (the front-to-back scan reports them).
     */
    static MydReader random(MyiFile myi, ByteRange myd) {
        return new MydReader(myi, new DataWindow(myd, 256), new FindingSink(0));
    }

    /** The intact record starting at {@code position}, or null when none starts there. */
    RecordImage recordAt(long position) throws IOException {
        long length = data.length();
        if (position < 0 || position >= length) {
            return null;
        }
        if (myi.format() == RecordFormat.FIXED) {
            long reclen = myi.base().packReclength();
            if (reclen <= 0 || reclen > Integer.MAX_VALUE - 8 || position + reclen > length) {
                return null;
            }
            byte[] rec = new byte[(int) reclen];
            if (data.read(position, rec, 0, rec.length) < rec.length || rec[0] == 0) {
                return null;
            }
            return new RecordImage(position, rec, java.util.List.of());
        }
        if (myi.format() != RecordFormat.DYNAMIC) {
            return null;
        }
        byte[] header = new byte[DynamicBlock.MAX_HEADER];
        int avail = data.read(position, header, 0, header.length);
        DynamicBlock block = DynamicBlock.parse(header, avail, position);
        return block == null || !block.first() ? null : readRecord(block, length);
    }

    /** Scans the whole data file. */
    public static MydScan scan(MyiFile myi, ByteRange myd, Visitor visitor) throws IOException {
        return scan(myi, myd, visitor, new FindingSink());
    }

    static MydScan scan(MyiFile myi, ByteRange myd, Visitor visitor, FindingSink sink) throws IOException {
        MydReader reader = new MydReader(myi, myd, sink);
        switch (myi.format()) {
            case FIXED -> reader.scanFixed(visitor);
            case DYNAMIC -> reader.scanDynamic(visitor);
            case COMPRESSED -> sink.add(MyisamFinding.info("compressed", "MYD", -1,
                    "Compressed (myisampack) records are not read yet; data file not checked"));
        }
        return new MydScan(reader.records, reader.deletedBlocks, reader.deletedLength, reader.used,
                reader.linkUsed, reader.unused, reader.splits, reader.broken, reader.garbage, reader.data.length(),
                sink.findings(), sink.suppressed());
    }

    private void scanFixed(Visitor visitor) throws IOException {
        long reclen = myi.base().packReclength();
        if (reclen <= 0 || reclen > Integer.MAX_VALUE - 8) {
            sink.add(MyisamFinding.error("record-length", "MYI", -1, "Impossible record length " + reclen));
            return;
        }
        long length = data.length();
        byte[] rec = new byte[(int) reclen];
        long pos = 0;
        for (; pos + reclen <= length; pos += reclen) {
            data.read(pos, rec, 0, rec.length);
            splits++;
            if (rec[0] == 0) {
                deletedBlocks++;
                deletedLength += reclen;
                visitor.deleted(pos, reclen);
                continue;
            }
            used += reclen;
            records++;
            visitor.record(new RecordImage(pos, rec.clone(), java.util.List.of()));
        }
        if (pos < length) {
            broken++;
            sink.add(MyisamFinding.error("record-cut", "MYD", pos, "got error: 127 when reading datafile at record: "
                    + records + " (the file ends " + (length - pos) + " bytes into a " + reclen + "-byte record)"));
        }
    }

    private void scanDynamic(Visitor visitor) throws IOException {
        long length = data.length();
        byte[] header = new byte[DynamicBlock.MAX_HEADER];
        long pos = 0;
        long garbageStart = -1;
        while (pos < length) {
            int avail = data.read(pos, header, 0, header.length);
            DynamicBlock block = DynamicBlock.parse(header, avail, pos);
            boolean plausible = block != null && (block.deleted() || block.first() || block.type() >= 7)
                    && block.end() > pos && (garbageStart < 0 || resyncsAt(block, length) && followedByBlock(block));
            if (!plausible) {
                if (garbageStart < 0) {
                    garbageStart = pos;
                    int headerLength = avail < 1 ? -1 : DynamicBlock.headerLength(header[0] & 0xff);
                    String what = avail < 1 ? "end of file" : block == null && headerLength > avail
                            ? "a block header cut by the end of the file"
                            : "Wrong bytesec: " + (header[0] & 0xff) + "-" + (avail > 1 ? header[1] & 0xff : 0)
                            + "-" + (avail > 2 ? header[2] & 0xff : 0);
                    sink.add(MyisamFinding.error("wrong-bytesec", "MYD", pos, what + " at linkstart: " + pos));
                }
                pos += DynamicBlock.ALIGN;
                continue;
            }
            if (garbageStart >= 0) {
                endGarbage(garbageStart, pos);
                garbageStart = -1;
            }
            if (block.deleted()) {
                checkDeletedBlock(block, length);
                deletedBlocks++;
                deletedLength += block.blockLen();
                splits++;
                visitor.deleted(pos, block.blockLen());
                pos = block.end();
                continue;
            }
            if (!block.first()) {
                // A middle or last part: counted when its record's first block was read.
                pos = block.end();
                continue;
            }
            RecordImage record = readRecord(block, length);
            if (record != null) {
                pos = Math.min(block.end(), Math.max(length, pos + 1));
                records++;
                visitor.record(record);
            } else {
                // The header that started a broken record cannot be trusted for where the next block begins:
                // look for the next plausible header from here (readRecord has already reported the record).
                broken++;
                garbageStart = pos;
                pos += DynamicBlock.ALIGN;
            }
        }
        if (garbageStart >= 0) {
            endGarbage(garbageStart, length);
        }
    }

    /**
     * After skipped bytes, a header found by scanning must also look like one the server wrote before the scan
     * trusts its length: a deleted block or a record's first block, inside the file, with delete or next links
     * that are unset or point at an aligned position inside the file. Data bytes often pass the header parse alone, and a false length would
     * jump over intact records.
     */
    private static boolean resyncsAt(DynamicBlock block, long length) {
        if (block.end() > length) {
            return false;
        }
        if (block.deleted()) {
            // Zeroed bytes parse as a deleted block linked to position 0 both ways, which no chain has.
            boolean selfLoop = block.next() == block.prev() && block.next() != -1;
            return !selfLoop && linkInside(block.next(), length) && linkInside(block.prev(), length);
        }
        // A middle or last part says nothing checkable about itself; only a first block, which readRecord then
        // verifies whole, ends the skipping.
        return block.first() && (block.last() || linkInside(block.next(), length));
    }

    /** A deleted block found by scanning must end where the file ends or another block begins. */
    private boolean followedByBlock(DynamicBlock block) throws IOException {
        if (!block.deleted() || block.end() == data.length()) {
            return true;
        }
        byte[] next = new byte[DynamicBlock.MAX_HEADER];
        int avail = data.read(block.end(), next, 0, next.length);
        DynamicBlock following = DynamicBlock.parse(next, avail, block.end());
        return following != null;
    }

    private static boolean linkInside(long link, long length) {
        return link == -1 || (link >= 0 && link < length && (link & (DynamicBlock.ALIGN - 1)) == 0);
    }

    private void endGarbage(long from, long to) {
        garbage += to - from;
        sink.add(MyisamFinding.error("garbage", "MYD", from, "Skipped " + (to - from)
                + " bytes without a valid block header (" + from + ".." + to + ")"));
    }

    private void checkDeletedBlock(DynamicBlock block, long length) {
        long min = myi.base().minBlockLength();
        if (block.blockLen() < min) {
            sink.add(MyisamFinding.error("deleted-block-length", "MYD", block.start(),
                    "Deleted block with impossible length " + block.blockLen() + " at " + block.start()));
        }
        if ((block.next() != -1 && Long.compareUnsigned(block.next(), length) >= 0)
                || (block.prev() != -1 && Long.compareUnsigned(block.prev(), length) >= 0)) {
            sink.add(MyisamFinding.error("delete-link-outside", "MYD", block.start(),
                    "Delete link points outside datafile at " + block.start()));
        }
    }

    /** Follows a record from its first block; null (with a finding) when it cannot be read back whole. */
    private RecordImage readRecord(DynamicBlock first, long length) throws IOException {
        long start = first.start();
        long recLen = first.recLen();
        if (recLen > myi.base().maxPackLength() || recLen > length || recLen == 0 || recLen > Integer.MAX_VALUE - 8) {
            sink.add(MyisamFinding.error("record-too-long", "MYD", start, "Found too long record (" + recLen
                    + ") at " + start));
            return null;
        }
        byte[] rec = new byte[(int) recLen];
        int filled = 0;
        DynamicBlock block = first;
        byte[] header = new byte[DynamicBlock.MAX_HEADER];
        // Every part carries at least one byte, so a record has at most recLen parts: this bounds any loop.
        for (int part = 0; ; part++) {
            if (block.dataStart() + block.blockLen() > length) {
                sink.add(MyisamFinding.error("record-outside", "MYD", start,
                        "Recordlink that points outside datafile at " + start));
                return null;
            }
            if (block.dataLen() > recLen - filled || (part > 0 && block.dataLen() == 0)) {
                sink.add(MyisamFinding.error("record-too-long", "MYD", start, "Found too long record ("
                        + block.dataLen() + ") at " + start));
                return null;
            }
            data.read(block.dataStart(), rec, filled, (int) block.dataLen());
            filled += (int) block.dataLen();
            splits++;
            linkUsed += block.dataStart() - block.start();
            used += block.dataStart() - block.start() + block.dataLen();
            unused += block.blockLen() - block.dataLen();
            if (filled == recLen) {
                break;
            }
            if (block.last()) {
                sink.add(MyisamFinding.error("record-length", "MYD", start, "Wrong record length " + filled + " of "
                        + recLen + " at " + start));
                return null;
            }
            long next = block.next();
            if (next < 0 || next >= length || part > recLen) {
                sink.add(MyisamFinding.error("next-link-outside", "MYD", block.dataStart(),
                        "Found next-recordlink that points outside datafile at " + block.dataStart()));
                return null;
            }
            if ((next & (DynamicBlock.ALIGN - 1)) != 0) {
                sink.add(MyisamFinding.error("misaligned", "MYD", next, "Wrong aligned block at " + next));
                return null;
            }
            int avail = data.read(next, header, 0, header.length);
            DynamicBlock nextBlock = DynamicBlock.parse(header, avail, next);
            if (nextBlock == null || nextBlock.deleted() || nextBlock.first()) {
                sink.add(MyisamFinding.error("unexpected-byte", "MYD", next, "Unexpected byte: "
                        + (avail > 0 ? header[0] & 0xff : -1) + " at link: " + next + " (record at " + start + ")"));
                return null;
            }
            block = nextBlock;
        }
        RecordImage image = PackedRecord.unpack(myi, start, rec, rec.length);
        if (image == null) {
            sink.add(MyisamFinding.error("wrong-record", "MYD", start, "Found wrong record at " + start));
        }
        return image;
    }
}
