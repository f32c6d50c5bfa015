package dev.salvage.myisam;

import java.util.List;

/**
 * Builds the key of one index from a record image as {@code _mi_make_key} does, in the same unpacked form
 * {@link KeyDecoder} gives for keys read from key blocks (a 0/1 byte before NULLable parts, a 1- or 3-byte
 * length before variable parts), so a key from the tree and the key its record should have compare byte for
 * byte. Indexes this cannot rebuild exactly (full-text, spatial, BIT parts with bits among the NULL flags,
 * character sets that are not ASCII-compatible) say so through {@link #unsupported()}.
 */
final class KeyMaker {
    static final int MAX_KEY = 4096;
    private static final int TYPE_TEXT = 1;
    private static final int TYPE_FLOAT = 5;
    private static final int TYPE_DOUBLE = 6;
    private static final int TYPE_NUM = 7;
    private static final int TYPE_BIT = 19;

    private final KeySeg[] segs;
    private final KeyCharset[] charsets;
    private final int[] blobIndex;
    private final String unsupported;

    KeyMaker(MyiFile myi, KeyDef def) {
        List<KeySeg> list = def.segments();
        segs = list.toArray(new KeySeg[0]);
        charsets = new KeyCharset[segs.length];
        blobIndex = new int[segs.length];
        String why = def.specialTree() ? "full-text and spatial keys are not rebuilt" : null;
        for (int i = 0; i < segs.length && why == null; i++) {
            KeySeg s = segs[i];
            blobIndex[i] = -1;
            if (s.type() == TYPE_BIT && s.bitLength() != 0) {
                why = "BIT key parts with bits among the NULL flags are not rebuilt";
            } else if ((s.flag() & KeySeg.HA_SWAP_KEY) == 0 && s.type() != TYPE_BIT) {
                charsets[i] = s.language() == 0 ? KeyCharset.of(8) : KeyCharset.of(s.language());
                if (charsets[i] == null) {
                    why = "key part with collation id " + s.language() + ": its character set is not rebuilt";
                }
            }
            if ((s.flag() & KeySeg.HA_BLOB_PART) != 0) {
                blobIndex[i] = blobIndexAt(myi, s.start());
                if (blobIndex[i] < 0) {
                    why = "a BLOB key part at offset " + s.start() + " matches no BLOB column";
                }
            }
        }
        unsupported = why;
    }

    /** Why this index's keys cannot be rebuilt from records, or null when they can. */
    String unsupported() {
        return unsupported;
    }

    /** The collation used to order text part {@code i}, or null. */
    KeyCharset charset(int i) {
        return charsets[i];
    }

    /** Writes the key of {@code record} into {@code key}; returns its length, or −1 when the record cannot hold it. */
    int make(RecordImage record, byte[] key) {
        byte[] img = record.image();
        int k = 0;
        for (int i = 0; i < segs.length; i++) {
            KeySeg s = segs[i];
            if (s.nullBit() != 0) {
                if (s.nullPos() >= img.length || k >= MAX_KEY) {
                    return -1;
                }
                if ((img[(int) s.nullPos()] & s.nullBit()) != 0) {
                    key[k++] = 0;
                    continue;
                }
                key[k++] = 1;
            }
            int length = s.length();
            int mb = charsets[i] == null ? 1 : charsets[i].mbMaxLen();
            int charLength = mb > 1 ? length / mb : length;
            long start = s.start();
            if (start < 0 || start > img.length) {
                return -1;
            }
            int pos = (int) start;
            byte[] src = img;
            if ((s.flag() & KeySeg.HA_SPACE_PACK) != 0) {
                if (pos + length > img.length) {
                    return -1;
                }
                if (s.type() != TYPE_NUM) {
                    while (length > 0 && img[pos + length - 1] == ' ') {
                        length--;
                    }
                } else {
                    int end = pos + length;
                    while (pos < end && img[pos] == ' ') {
                        pos++;
                    }
                    length = end - pos;
                }
            } else if ((s.flag() & KeySeg.HA_VAR_LENGTH_PART) != 0) {
                int packLength = s.bitStart() == 1 ? 1 : 2;
                if (pos + packLength > img.length) {
                    return -1;
                }
                int stored = packLength == 1 ? img[pos] & 0xff : (img[pos] & 0xff) | (img[pos + 1] & 0xff) << 8;
                pos += packLength;
                length = Math.min(length, stored);
                if (pos + length > img.length) {
                    return -1;
                }
            } else if ((s.flag() & KeySeg.HA_BLOB_PART) != 0) {
                List<byte[]> blobs = record.blobs();
                if (blobIndex[i] >= blobs.size()) {
                    return -1;
                }
                src = blobs.get(blobIndex[i]);
                pos = 0;
                length = Math.min(length, src.length);
            } else if ((s.flag() & KeySeg.HA_SWAP_KEY) != 0) {
                if (pos + length > img.length || k + length > MAX_KEY) {
                    return -1;
                }
                if (isNaN(s.type(), img, pos, length)) {
                    java.util.Arrays.fill(key, k, k + length, (byte) 0);
                } else {
                    for (int j = 0; j < length; j++) {
                        key[k + j] = img[pos + length - 1 - j];
                    }
                }
                k += length;
                continue;
            } else {
                // Fixed part (CHAR of a FIXED table, BINARY, DECIMAL, BIT): copied, a multi-byte prefix cut at a
                // character boundary and filled with spaces.
                if (pos + length > img.length || k + length > MAX_KEY) {
                    return -1;
                }
                int cut = fixLength(charsets[i], img, pos, length, charLength);
                System.arraycopy(img, pos, key, k, cut);
                java.util.Arrays.fill(key, k + cut, k + length, (byte) ' ');
                k += length;
                continue;
            }
            int cut = fixLength(charsets[i], src, pos, length, charLength);
            if (k + 3 + cut > MAX_KEY) {
                return -1;
            }
            if (cut < 255) {
                key[k++] = (byte) cut;
            } else {
                key[k++] = (byte) 255;
                key[k++] = (byte) (cut >>> 8);
                key[k++] = (byte) cut;
            }
            System.arraycopy(src, pos, key, k, cut);
            k += cut;
        }
        return k;
    }

    /** {@code FIX_LENGTH}: a prefix of {@code charLength} characters, never more than {@code length} bytes. */
    private static int fixLength(KeyCharset cs, byte[] b, int pos, int length, int charLength) {
        if (length > charLength && cs != null) {
            charLength = cs.charPos(b, pos, length, charLength);
        }
        return Math.min(charLength, length);
    }

    private static boolean isNaN(int type, byte[] img, int pos, int length) {
        if (type == TYPE_FLOAT && length == 4) {
            int bits = (img[pos] & 0xff) | (img[pos + 1] & 0xff) << 8 | (img[pos + 2] & 0xff) << 16
                    | (img[pos + 3] & 0xff) << 24;
            return Float.isNaN(Float.intBitsToFloat(bits));
        }
        if (type == TYPE_DOUBLE && length == 8) {
            long bits = 0;
            for (int j = 7; j >= 0; j--) {
                bits = bits << 8 | (img[pos + j] & 0xff);
            }
            return Double.isNaN(Double.longBitsToDouble(bits));
        }
        return false;
    }

    /** Which BLOB column (counting BLOB columns only, in column order) starts at {@code offset} of the record. */
    private static int blobIndexAt(MyiFile myi, long offset) {
        long at = 0;
        int blobs = 0;
        for (ColumnDef c : myi.columns()) {
            if (c.type() == ColumnDef.FIELD_BLOB) {
                if (at == offset) {
                    return blobs;
                }
                blobs++;
            }
            at += c.length();
        }
        return -1;
    }

    /** An order-independent fingerprint of one (key, record) pair, summed over a whole index. */
    static long fingerprint(byte[] key, int length, long position) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h = (h ^ (key[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= position * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
