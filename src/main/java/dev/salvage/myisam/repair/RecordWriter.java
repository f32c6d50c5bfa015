package dev.salvage.myisam.repair;

import dev.salvage.myisam.ColumnDef;
import dev.salvage.myisam.MyiFile;
import dev.salvage.myisam.RecordFormat;
import dev.salvage.myisam.RecordImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Writes records into a new, compact .MYD, one after another with no deleted space: FIXED records as their
 * {@code pack_reclength}-byte images ({@code _mi_write_static_record}), DYNAMIC records packed as
 * {@code _mi_rec_pack} packs them and each put in one block sized as {@code _mi_find_writepos} sizes a new block
 * at the end of the file, with the header {@code _mi_write_part_record} gives it (type 1 when the block is exactly
 * full, else type 3 with the unused byte count; types 2 and 4 for long records). Tables with CHECKSUM=1 get the
 * per-record checksum byte and a running table checksum, as {@code mi_checksum}/{@code mi_static_checksum} compute.
 */
final class RecordWriter {
    static final int HA_OPTION_CHECKSUM = 32;
    static final int HA_OPTION_NULL_FIELDS = 1024;
    /** {@code MI_MAX_BLOCK_LENGTH}: the largest block (a longer record would have to be split). */
    static final long MAX_BLOCK_LENGTH = ((1L << 24) - 1) & ~3L;
    private static final int BLOB_POINTER = 8;

    private final MyiFile myi;
    private final OutputStream out;
    private final boolean fixed;
    private final boolean checksums;
    private long position;
    private long records;
    private int tableChecksum;

    RecordWriter(MyiFile myi, OutputStream out) throws RepairRefusedException {
        this.myi = myi;
        this.out = out;
        if (myi.format() == RecordFormat.COMPRESSED) {
            throw new RepairRefusedException("compressed (myisampack) tables are not rebuilt");
        }
        this.fixed = myi.format() == RecordFormat.FIXED;
        // mi_create gives every DYNAMIC table 20-byte smallest blocks, and a block header keeps its unused bytes in
        // one byte: a larger value comes from a damaged header and would make every written block lie.
        long minBlock = myi.base().minBlockLength();
        if (!fixed && minBlock > 255) {
            throw new RepairRefusedException("the smallest block length " + minBlock + " in the .MYI header is"
                    + " impossible (damaged header)");
        }
        this.checksums = (myi.options() & HA_OPTION_CHECKSUM) != 0;
    }

    /**
     * Appends one record; returns what keys store as its pointer (the record number for FIXED, the block's byte
     * offset for DYNAMIC), or -1 when the record cannot be written as one block (it is then left out).
     */
    long write(RecordImage record) throws IOException {
        if (fixed) {
            byte[] image = record.image();
            out.write(image);
            if (checksums) {
                // MariaDB (HA_OPTION_NULL_FIELDS) sums mi_checksum here too; MySQL sums mi_static_checksum.
                if ((myi.options() & HA_OPTION_NULL_FIELDS) != 0) {
                    tableChecksum += columnChecksum(record);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(image, 0, (int) Math.min(image.length, myi.base().reclength()));
                    tableChecksum += (int) crc.getValue();
                }
            }
            position += image.length;
            return records++;
        }
        int rowChecksum = checksums ? columnChecksum(record) : 0;
        byte[] packed = pack(record, rowChecksum);
        long reclength = packed.length;
        long length = reclength + 3 + (reclength >= 65520 - 3 ? 1 : 0);
        length = length < myi.base().minBlockLength() ? myi.base().minBlockLength() : (length + 3) & ~3L;
        if (length > MAX_BLOCK_LENGTH) {
            return -1;
        }
        int longBlock = length < 65520 && reclength < 65520 ? 0 : 1;
        byte[] header;
        long unused;
        if (length == reclength + 3 + longBlock) {
            header = new byte[3 + longBlock];
            header[0] = (byte) (1 + longBlock);
            putBe(header, 1, reclength, 2 + longBlock);
            unused = 0;
        } else {
            header = new byte[4 + longBlock];
            header[0] = (byte) (3 + longBlock);
            putBe(header, 1, reclength, 2 + longBlock);
            unused = length - reclength - header.length;
            header[3 + longBlock] = (byte) unused;
        }
        long start = position;
        out.write(header);
        out.write(packed);
        out.write(new byte[(int) unused]);
        position += length;
        tableChecksum += rowChecksum;
        records++;
        return start;
    }

    long length() {
        return position;
    }

    long records() {
        return records;
    }

    /** The state's table checksum: the sum of the records' checksums (0 without CHECKSUM=1). */
    long tableChecksum() {
        return checksums ? tableChecksum & 0xffffffffL : 0;
    }

    private static void putBe(byte[] b, int off, long v, int len) {
        for (int i = len - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** {@code _mi_rec_pack}: the "empty field" bitmap, then each column in its packed form. */
    private byte[] pack(RecordImage record, int rowChecksum) {
        byte[] from = record.image();
        ByteArrayOutputStream to = new ByteArrayOutputStream(from.length + 16);
        int bits = myi.base().packBits();
        byte[] flags = new byte[bits];
        to.write(flags, 0, bits);
        int flagIndex = 0;
        int flag = 0;
        int bit = 1;
        int p = 0;
        int blob = 0;
        for (ColumnDef c : myi.columns()) {
            int length = c.length();
            int type = c.type();
            boolean usesBit = true;
            switch (type) {
                case ColumnDef.FIELD_BLOB -> {
                    byte[] value = blob < record.blobs().size() ? record.blobs().get(blob) : new byte[0];
                    blob++;
                    if (value.length == 0) {
                        flag |= bit;
                    } else {
                        to.write(from, p, length - BLOB_POINTER);
                        to.write(value, 0, value.length);
                    }
                }
                case ColumnDef.FIELD_SKIP_ZERO -> {
                    if (allZero(from, p, length)) {
                        flag |= bit;
                    } else {
                        to.write(from, p, length);
                    }
                }
                case ColumnDef.FIELD_SKIP_ENDSPACE, ColumnDef.FIELD_SKIP_PRESPACE -> {
                    int start = p;
                    int end = p + length;
                    if (type == ColumnDef.FIELD_SKIP_ENDSPACE) {
                        while (end > p && from[end - 1] == ' ') {
                            end--;
                        }
                    } else {
                        while (start < end && from[start] == ' ') {
                            start++;
                        }
                    }
                    int n = end - start;
                    boolean twoBytes = length > 255 && n > 127;
                    if (n + 1 + (twoBytes ? 1 : 0) < length) {
                        if (twoBytes) {
                            to.write((n & 127) + 128);
                            to.write(n >>> 7);
                        } else {
                            to.write(n);
                        }
                        to.write(from, start, n);
                        flag |= bit;
                    } else {
                        to.write(from, p, length);
                    }
                }
                case ColumnDef.FIELD_VARCHAR -> {
                    usesBit = false;
                    if (length - 1 <= 255) {
                        int n = from[p] & 0xff;
                        to.write(n);
                        to.write(from, p + 1, n);
                    } else {
                        int n = (from[p] & 0xff) | (from[p + 1] & 0xff) << 8;
                        if (n < 255) {
                            to.write(n);
                        } else {
                            to.write(255);
                            to.write(n >>> 8);
                            to.write(n);
                        }
                        to.write(from, p + 2, n);
                    }
                }
                default -> {
                    usesBit = false;
                    to.write(from, p, length);
                }
            }
            p += length;
            if (usesBit) {
                bit <<= 1;
                if (bit >= 256) {
                    flags[flagIndex++] = (byte) flag;
                    bit = 1;
                    flag = 0;
                }
            }
        }
        if (bit != 1) {
            flags[flagIndex] = (byte) flag;
        }
        if (checksums) {
            to.write(rowChecksum);
        }
        byte[] packed = to.toByteArray();
        System.arraycopy(flags, 0, packed, 0, bits);
        return packed;
    }

    private static boolean allZero(byte[] b, int p, int length) {
        for (int i = p; i < p + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code mi_checksum}: CRC-32 over each column's value (a VARCHAR's bytes, a BLOB's contents). */
    private int columnChecksum(RecordImage record) {
        byte[] rec = record.image();
        boolean skipNulls = (myi.options() & HA_OPTION_NULL_FIELDS) != 0;
        CRC32 crc = new CRC32();
        int p = 0;
        int blob = 0;
        for (ColumnDef c : myi.columns()) {
            int length = c.length();
            boolean isNull = c.nullBit() != 0 && c.nullPos() < rec.length && (rec[c.nullPos()] & c.nullBit()) != 0;
            if (c.type() == ColumnDef.FIELD_BLOB) {
                byte[] value = blob < record.blobs().size() ? record.blobs().get(blob) : new byte[0];
                blob++;
                if (!(isNull && skipNulls)) {
                    crc.update(value, 0, value.length);
                }
            } else if (!(isNull && skipNulls)) {
                if (c.type() == ColumnDef.FIELD_VARCHAR) {
                    int pack = length - 1 > 255 ? 2 : 1;
                    int n = pack == 1 ? rec[p] & 0xff : (rec[p] & 0xff) | (rec[p + 1] & 0xff) << 8;
                    crc.update(rec, p + pack, Math.min(n, length - pack));
                } else {
                    crc.update(rec, p, length);
                }
            }
            p += length;
        }
        return (int) crc.getValue();
    }
}
