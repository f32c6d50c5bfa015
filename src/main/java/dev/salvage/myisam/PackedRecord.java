package dev.salvage.myisam;

import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks a DYNAMIC record as {@code _mi_rec_unpack} does, refusing (null) anything that does not add up:
 * a bitmap of "empty" fields ({@code pack_bits} bytes), then each column as its {@link ColumnDef} type says.
 */
final class PackedRecord {
    /** {@code portable_sizeof_char_ptr}: a blob column in the record image is its length plus an 8-byte pointer. */
    static final int BLOB_POINTER = 8;

    private PackedRecord() {
    }

    static RecordImage unpack(MyiFile myi, long position, byte[] from, int length) {
        MyiBase base = myi.base();
        if (length < base.minPackLength() || base.reclength() > Integer.MAX_VALUE) {
            return null;
        }
        byte[] to = new byte[(int) base.reclength()];
        List<byte[]> blobs = new ArrayList<>();
        int end = length - (myi.rowChecksums() ? 1 : 0);
        int bits = base.packBits();
        if (bits > end) {
            return null;
        }
        int packPos = 0;
        int flag = from[0] & 0xff;
        int bit = 1;
        int p = bits;
        int t = 0;
        for (ColumnDef c : myi.columns()) {
            int len = c.length();
            if (t + len > to.length) {
                return null;
            }
            int type = c.type();
            if (type == ColumnDef.FIELD_NORMAL || type == ColumnDef.FIELD_CHECK) {
                if (p + len > end) {
                    return null;
                }
                System.arraycopy(from, p, to, t, len);
                p += len;
            } else if (type == ColumnDef.FIELD_VARCHAR) {
                // The record keeps 1 or 2 length bytes (len > 256 means 2); the packed form uses 1 or 3.
                if (p >= end) {
                    return null;
                }
                int lenBytes = len - 1 > 255 ? 2 : 1;
                int n = from[p] & 0xff;
                p++;
                // 255 escapes a 2-byte length only where the column keeps 2 length bytes (mi_dynrec.c's
                // get_key_length); with 1 length byte it is the length 255 itself.
                if (n == 255 && lenBytes == 2) {
                    if (p + 2 > end) {
                        return null;
                    }
                    n = Be.u16(from, p);
                    p += 2;
                }
                if (n > len - lenBytes || p + n > end) {
                    return null;
                }
                to[t] = (byte) n;
                if (lenBytes == 2) {
                    to[t + 1] = (byte) (n >>> 8);
                }
                System.arraycopy(from, p, to, t + lenBytes, n);
                p += n;
                t += len;
                continue;
            } else {
                if ((flag & bit) != 0) {
                    if (type == ColumnDef.FIELD_SKIP_ENDSPACE || type == ColumnDef.FIELD_SKIP_PRESPACE) {
                        if (p >= end) {
                            return null;
                        }
                        int n;
                        if (len > 255 && (from[p] & 128) != 0) {
                            if (p + 1 >= end) {
                                return null;
                            }
                            n = (from[p] & 127) + ((from[p + 1] & 0xff) << 7);
                            p += 2;
                        } else {
                            n = from[p] & 0xff;
                            p++;
                        }
                        if (n >= len || p + n > end) {
                            return null;
                        }
                        if (type == ColumnDef.FIELD_SKIP_ENDSPACE) {
                            System.arraycopy(from, p, to, t, n);
                            java.util.Arrays.fill(to, t + n, t + len, (byte) ' ');
                        } else {
                            java.util.Arrays.fill(to, t, t + len - n, (byte) ' ');
                            System.arraycopy(from, p, to, t + len - n, n);
                        }
                        p += n;
                    } else if (type == ColumnDef.FIELD_BLOB) {
                        blobs.add(new byte[0]);
                    }
                    // SKIP_ZERO and an empty blob: the image keeps zeros.
                } else if (type == ColumnDef.FIELD_BLOB) {
                    int sizeLength = len - BLOB_POINTER;
                    if (sizeLength < 1 || sizeLength > 4 || p + sizeLength > end) {
                        return null;
                    }
                    long blobLength = 0;
                    for (int i = sizeLength - 1; i >= 0; i--) {
                        blobLength = (blobLength << 8) | (from[p + i] & 0xff); // little-endian, as in the record
                    }
                    if (blobLength > end - p - sizeLength) {
                        return null;
                    }
                    System.arraycopy(from, p, to, t, sizeLength);
                    p += sizeLength;
                    byte[] blob = new byte[(int) blobLength];
                    System.arraycopy(from, p, blob, 0, blob.length);
                    blobs.add(blob);
                    p += blob.length;
                } else {
                    if (p + len > end) {
                        return null;
                    }
                    System.arraycopy(from, p, to, t, len);
                    p += len;
                }
                bit <<= 1;
                if (bit >= 256) {
                    packPos++;
                    flag = packPos < bits ? from[packPos] & 0xff : 0;
                    bit = 1;
                }
            }
            t += len;
        }
        // Every byte used, and no "empty" bit set beyond the last packed column.
        boolean bitsClean = bit == 1 || (flag & ~(bit - 1)) == 0;
        if (p != end || t != to.length || !bitsClean) {
            return null;
        }
        return new RecordImage(position, to, blobs);
    }
}
