package dev.salvage.myisam.repair;

import dev.salvage.myisam.ColumnDef;
import dev.salvage.myisam.KeyDef;
import dev.salvage.myisam.KeySeg;
import dev.salvage.myisam.MyiFile;
import dev.salvage.myisam.RecordImage;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One index of the table, rebuilt from record values: the unpacked key of a record as {@code _mi_make_key} forms
 * it (NULL marker, numbers stored high byte first, text cut to the key part's characters, variable parts with a
 * 1- or 3-byte length), and the order of two such keys as {@code ha_key_cmp} judges it. The constructor refuses
 * the key types whose layout or order is not reproduced here (full-text, spatial, old DECIMAL, reversed parts,
 * unknown collations), so a key is either rebuilt exactly or not at all.
 */
final class KeyBuilder {
    static final int HA_KEYTYPE_TEXT = 1;
    static final int HA_KEYTYPE_BINARY = 2;
    static final int HA_KEYTYPE_FLOAT = 5;
    static final int HA_KEYTYPE_DOUBLE = 6;
    static final int HA_KEYTYPE_VARTEXT1 = 15;
    static final int HA_KEYTYPE_VARBINARY1 = 16;
    static final int HA_KEYTYPE_VARTEXT2 = 17;
    static final int HA_KEYTYPE_VARBINARY2 = 18;
    static final int HA_KEYTYPE_BIT = 19;

    private final int number;
    private final KeyDef def;
    private final SegmentCollation[] collations;
    private final int[] blobIndex;

    KeyBuilder(MyiFile myi, int key) throws RepairRefusedException {
        this.number = key + 1;
        this.def = myi.keys().get(key);
        if (def.specialTree() || def.keyAlg() > 1) {
            throw refuse("full-text and spatial indexes are not rebuilt");
        }
        Map<Long, Integer> blobs = blobOffsets(myi);
        List<KeySeg> segs = def.segments();
        collations = new SegmentCollation[segs.size()];
        blobIndex = new int[segs.size()];
        for (int i = 0; i < segs.size(); i++) {
            KeySeg s = segs.get(i);
            if ((s.flag() & KeySeg.HA_REVERSE_SORT) != 0) {
                throw refuse("part " + (i + 1) + " is sorted in reverse");
            }
            switch (s.type()) {
                case 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, HA_KEYTYPE_BINARY, HA_KEYTYPE_VARBINARY1,
                        HA_KEYTYPE_VARBINARY2 -> { }
                case HA_KEYTYPE_TEXT, HA_KEYTYPE_VARTEXT1, HA_KEYTYPE_VARTEXT2 -> {
                    try {
                        collations[i] = SegmentCollation.of(s.language());
                    } catch (RepairRefusedException e) {
                        throw refuse("part " + (i + 1) + ": " + e.getMessage());
                    }
                }
                case HA_KEYTYPE_BIT -> {
                    if (s.bitLength() != 0) {
                        throw refuse("part " + (i + 1) + " is a BIT column with bits among the NULL flags");
                    }
                }
                default -> throw refuse("part " + (i + 1) + " has key type " + s.typeName());
            }
            blobIndex[i] = -1;
            if ((s.flag() & KeySeg.HA_BLOB_PART) != 0) {
                Integer index = blobs.get(s.start());
                if (index == null) {
                    throw refuse("part " + (i + 1) + " names a BLOB at record offset " + s.start()
                            + " where the column definitions have none");
                }
                blobIndex[i] = index;
            }
            if ((s.flag() & KeySeg.HA_SPACE_PACK) != 0 && s.type() != HA_KEYTYPE_TEXT
                    && s.type() != HA_KEYTYPE_BINARY) {
                throw refuse("part " + (i + 1) + " is space-packed with key type " + s.typeName());
            }
        }
    }

    private RepairRefusedException refuse(String why) {
        return new RepairRefusedException("key " + number + ": " + why);
    }

    /** Record offset of each BLOB column → its index among the record's blobs (column order). */
    private static Map<Long, Integer> blobOffsets(MyiFile myi) {
        Map<Long, Integer> map = new HashMap<>();
        long offset = 0;
        int index = 0;
        for (ColumnDef c : myi.columns()) {
            if (c.type() == ColumnDef.FIELD_BLOB) {
                map.put(offset, index++);
            }
            offset += c.length();
        }
        return map;
    }

    int number() {
        return number;
    }

    KeyDef def() {
        return def;
    }

    /** The key of {@code record} without its record pointer, or a refusal when a value cannot be keyed here. */
    byte[] make(RecordImage record) throws RepairRefusedException {
        byte[] rec = record.image();
        ByteArrayOutputStream key = new ByteArrayOutputStream(def.keyLength() + 8);
        List<KeySeg> segs = def.segments();
        for (int i = 0; i < segs.size(); i++) {
            KeySeg s = segs.get(i);
            if (s.nullBit() != 0) {
                if (s.nullPos() >= rec.length) {
                    throw refuse("NULL flag outside the record");
                }
                if ((rec[(int) s.nullPos()] & s.nullBit()) != 0) {
                    key.write(0);
                    continue;
                }
                key.write(1);
            }
            int length = s.length();
            SegmentCollation cs = collations[i];
            int charLength = cs != null && cs.mbMaxLen() > 1 ? length / cs.mbMaxLen() : length;
            int start = (int) s.start();
            if (start < 0 || start > rec.length) {
                throw refuse("part " + (i + 1) + " starts outside the record");
            }
            if (s.type() == HA_KEYTYPE_BIT) {
                need(rec, start, length, i);
                key.write(rec, start, length);
            } else if ((s.flag() & KeySeg.HA_SPACE_PACK) != 0) {
                need(rec, start, length, i);
                int end = start + length;
                // my_lengthsp: trailing spaces do not count (single-byte and UTF-8 spaces are 0x20 alike)
                while (end > start && rec[end - 1] == ' ') {
                    end--;
                }
                int n = cut(cs, rec, start, end - start, charLength);
                putLength(key, n);
                key.write(rec, start, n);
            } else if ((s.flag() & KeySeg.HA_VAR_LENGTH_PART) != 0) {
                int pack = s.bitStart() == 1 ? 1 : 2;
                need(rec, start, pack, i);
                int stored = pack == 1 ? rec[start] & 0xff : (rec[start] & 0xff) | (rec[start + 1] & 0xff) << 8;
                int n = Math.min(length, stored);
                need(rec, start + pack, n, i);
                n = cut(cs, rec, start + pack, n, charLength);
                putLength(key, n);
                key.write(rec, start + pack, n);
            } else if ((s.flag() & KeySeg.HA_BLOB_PART) != 0) {
                byte[] blob = blobIndex[i] < record.blobs().size() ? record.blobs().get(blobIndex[i]) : null;
                if (blob == null) {
                    throw refuse("the record carries no value for its BLOB part");
                }
                int n = cut(cs, blob, 0, Math.min(length, blob.length), charLength);
                putLength(key, n);
                key.write(blob, 0, n);
            } else if ((s.flag() & KeySeg.HA_SWAP_KEY) != 0) {
                need(rec, start, length, i);
                if (isNaN(s.type(), rec, start)) {
                    key.write(new byte[length], 0, length); // NaN is keyed as zeros
                } else {
                    for (int p = start + length - 1; p >= start; p--) {
                        key.write(rec[p]);
                    }
                }
            } else {
                need(rec, start, length, i);
                int n = cut(cs, rec, start, length, charLength);
                key.write(rec, start, n);
                for (int p = n; p < length; p++) {
                    key.write(' '); // my_fill with spaces (latin1 and UTF-8 alike)
                }
            }
        }
        return key.toByteArray();
    }

    private static boolean isNaN(int type, byte[] rec, int p) {
        if (type == HA_KEYTYPE_FLOAT) {
            int bits = (rec[p] & 0xff) | (rec[p + 1] & 0xff) << 8 | (rec[p + 2] & 0xff) << 16 | (rec[p + 3] & 0xff) << 24;
            return Float.isNaN(Float.intBitsToFloat(bits));
        }
        if (type == HA_KEYTYPE_DOUBLE) {
            long bits = 0;
            for (int i = 7; i >= 0; i--) {
                bits = bits << 8 | (rec[p + i] & 0xff);
            }
            return Double.isNaN(Double.longBitsToDouble(bits));
        }
        return false;
    }

    private void need(byte[] rec, int start, int length, int part) throws RepairRefusedException {
        if (start + length > rec.length) {
            throw refuse("part " + (part + 1) + " runs past the end of the record");
        }
    }

    /** {@code FIX_LENGTH}: a multi-byte value longer than the part's characters is cut at a character boundary. */
    private static int cut(SegmentCollation cs, byte[] b, int p, int length, int charLength) {
        if (cs == null || length <= charLength) {
            return Math.min(length, charLength);
        }
        return Math.min(cs.charPos(b, p, length, charLength), length);
    }

    static void putLength(ByteArrayOutputStream out, int n) {
        if (n < 255) {
            out.write(n);
        } else {
            out.write(255);
            out.write(n >>> 8);
            out.write(n);
        }
    }

    /** True when some part of the key is NULL: such keys never collide in a unique index. */
    boolean hasNull(byte[] key) {
        int p = 0;
        for (KeySeg s : def.segments()) {
            if (s.nullBit() != 0) {
                if (key[p++] == 0) {
                    return true;
                }
            }
            p = skip(s, key, p);
        }
        return false;
    }

    private static int skip(KeySeg s, byte[] key, int p) {
        if (varying(s)) {
            int first = key[p] & 0xff;
            return first != 255 ? p + 1 + first : p + 3 + ((key[p + 1] & 0xff) << 8 | (key[p + 2] & 0xff));
        }
        return p + s.length();
    }

    static boolean varying(KeySeg s) {
        return (s.flag() & (KeySeg.HA_SPACE_PACK | KeySeg.HA_VAR_LENGTH_PART | KeySeg.HA_BLOB_PART)) != 0;
    }

    /** {@code ha_key_cmp} over whole keys (without record pointers): NULL first, then by type or collation. */
    int compare(byte[] a, byte[] b) throws RepairRefusedException {
        return compare(a, 0, b, 0);
    }

    /** {@link #compare(byte[], byte[])} for keys starting at {@code a[pa]} and {@code b[pb]}. */
    int compare(byte[] a, int pa, byte[] b, int pb) throws RepairRefusedException {
        List<KeySeg> segs = def.segments();
        for (int i = 0; i < segs.size(); i++) {
            KeySeg s = segs.get(i);
            if (s.nullBit() != 0) {
                int x = a[pa++];
                int y = b[pb++];
                if (x != y) {
                    return x - y;
                }
                if (x == 0) {
                    continue;
                }
            }
            int la;
            int lb;
            if (varying(s)) {
                int[] x = length(a, pa);
                int[] y = length(b, pb);
                pa += x[1];
                pb += y[1];
                la = x[0];
                lb = y[0];
            } else {
                la = s.length();
                lb = s.length();
            }
            int c = compareSegment(i, s, a, pa, la, b, pb, lb);
            if (c != 0) {
                return c;
            }
            pa += la;
            pb += lb;
        }
        return 0;
    }

    /** A variable part's length prefix at k[p]: {length, bytes of the prefix (1, or 3 after 255)}. */
    static int[] length(byte[] k, int p) {
        int first = k[p] & 0xff;
        return first != 255 ? new int[] {first, 1} : new int[] {(k[p + 1] & 0xff) << 8 | (k[p + 2] & 0xff), 3};
    }

    private int compareSegment(int i, KeySeg s, byte[] a, int pa, int la, byte[] b, int pb, int lb)
            throws RepairRefusedException {
        return switch (s.type()) {
            case HA_KEYTYPE_TEXT, HA_KEYTYPE_VARTEXT1, HA_KEYTYPE_VARTEXT2 ->
                    collations[i].compare(a, pa, la, b, pb, lb);
            case HA_KEYTYPE_BINARY, HA_KEYTYPE_VARBINARY1, HA_KEYTYPE_VARBINARY2, HA_KEYTYPE_BIT -> {
                int c = java.util.Arrays.compareUnsigned(a, pa, pa + Math.min(la, lb), b, pb, pb + Math.min(la, lb));
                yield c != 0 ? c : Integer.compare(la, lb);
            }
            case 14, 3, 12, 4, 10 -> Long.compare(signed(a, pa, la), signed(b, pb, lb));
            case 8, 13, 9, 11 -> Long.compareUnsigned(unsigned(a, pa, la), unsigned(b, pb, lb));
            // As C compares them: -0.0 equals 0.0 (NaN never reaches a key, it is keyed as zeros).
            case HA_KEYTYPE_FLOAT -> sign(Float.intBitsToFloat((int) unsigned(a, pa, 4)),
                    Float.intBitsToFloat((int) unsigned(b, pb, 4)));
            case HA_KEYTYPE_DOUBLE -> sign(Double.longBitsToDouble(unsigned(a, pa, 8)),
                    Double.longBitsToDouble(unsigned(b, pb, 8)));
            default -> throw refuse("part " + (i + 1) + " has key type " + s.typeName());
        };
    }

    private static int sign(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static long unsigned(byte[] k, int p, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (k[p + i] & 0xff);
        }
        return v;
    }

    private static long signed(byte[] k, int p, int len) {
        long v = unsigned(k, p, len);
        int shift = 64 - 8 * len;
        return v << shift >> shift;
    }

    /** Parts of this index, for the report: "id INT", "v VARCHAR(…) prefix", in MyISAM's type names. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (KeySeg s : def.segments()) {
            parts.add(s.typeName() + (s.nullBit() != 0 ? " NULL" : "") + "(" + s.length() + ")");
        }
        return String.join(", ", parts);
    }
}
