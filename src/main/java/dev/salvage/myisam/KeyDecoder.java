package dev.salvage.myisam;

/**
 * Reads keys one after another from a key block, undoing the key's packing: static ({@code _mi_get_static_key}),
 * prefix-packed string parts ({@code _mi_get_pack_key}) or binary prefix packing
 * ({@code _mi_get_binary_pack_key}). The unpacked key (without its record pointer) stays in {@link #key()},
 * as the next packed key may reuse its prefix. Every read is bounds-checked; a key that does not fit gives false.
 */
final class KeyDecoder {
    private static final int MAX_KEY = 4096;

    private final KeyDef def;
    private final int recRef;
    private byte[] key;
    /** The key before the current one; the two buffers swap, so decoding a key allocates nothing. */
    private byte[] previous;
    private int keyLength;
    private long recordPointer;
    private String error;

    KeyDecoder(KeyDef def, int recRef) {
        this.def = def;
        this.recRef = recRef;
        this.key = new byte[MAX_KEY];
        this.previous = new byte[MAX_KEY];
    }

    byte[] key() {
        return key;
    }

    /** Length of the unpacked key without the record pointer. */
    int keyLength() {
        return keyLength;
    }

    /** The stored record pointer (a record number for FIXED tables). */
    long recordPointer() {
        return recordPointer;
    }

    String error() {
        return error;
    }

    void reset() {
        keyLength = 0;
    }

    /**
     * Decodes the key at {@code page[pos]}, followed by {@code nod} bytes of child pointer; returns the position
     * after them, or −1 (with {@link #error()}) when the key is malformed or runs past {@code end}.
     */
    int next(byte[] page, int pos, int end, int nod) {
        error = null;
        int after;
        if (def.staticKeys()) {
            after = staticKey(page, pos, end);
        } else if (def.binaryPacked()) {
            // The record pointer is part of what the next key may reuse; it is decoded with the key.
            after = binaryPackKey(page, pos, end);
            if (after < 0 || after + nod > end) {
                error = error == null ? "key runs past the end of the block" : error;
                return -1;
            }
            return after + nod;
        } else {
            after = packKey(page, pos, end);
        }
        if (after < 0) {
            return -1;
        }
        if (after + recRef + nod > end) {
            error = "key runs past the end of the block";
            return -1;
        }
        recordPointer = Be.un(page, after, recRef);
        return after + recRef + nod;
    }

    private int staticKey(byte[] page, int pos, int end) {
        int len = def.keyLength() - recRef;
        if (len < 0 || len > MAX_KEY || pos + len > end) {
            error = "key runs past the end of the block";
            return -1;
        }
        System.arraycopy(page, pos, key, 0, len);
        keyLength = len;
        return pos + len;
    }

    /** Prefix-packed keys: each HA_PACK_KEY part says how much of the previous key's part it reuses. */
    private int packKey(byte[] page, int p, int end) {
        byte[] prev = swap();
        int prevPos = 0;
        int k = 0;
        for (KeySeg seg : def.segments()) {
            // Where this segment started in the previous key: walk it alongside.
            int prevSegStart = prevPos;
            prevPos = skipSegment(prev, prevPos, seg);
            if ((seg.flag() & KeySeg.HA_PACK_KEY) != 0) {
                if (p >= end) {
                    return fail("key runs past the end of the block");
                }
                boolean packed = (page[p] & 128) != 0;
                int length;
                if (seg.length() >= 127) {
                    if (p + 2 > end) {
                        return fail("key runs past the end of the block");
                    }
                    length = Be.u16(page, p) & 32767;
                    p += 2;
                } else {
                    length = page[p++] & 127;
                }
                if (packed) {
                    if (length > seg.length() || prevSegStart < 0) {
                        return fail("packed key part longer than its segment");
                    }
                    int s = prevSegStart;
                    if (seg.nullable()) {
                        key[k++] = 1;
                        s++;
                    }
                    int[] prevLen = lengthAt(prev, s);
                    if (prevLen == null) {
                        return fail("previous key unreadable");
                    }
                    int prevData = s + prevLen[1];
                    if (length == 0) {
                        // Same part as the previous key.
                        if (prevLen[0] > seg.length() || k + 3 + prevLen[0] > MAX_KEY) {
                            return fail("packed key part longer than its segment");
                        }
                        k = putLength(k, prevLen[0]);
                        System.arraycopy(prev, prevData, key, k, prevLen[0]);
                        k += prevLen[0];
                        continue;
                    }
                    if (length > prevLen[0]) {
                        return fail("key reuses more of the previous key than it had");
                    }
                    int[] rest = lengthAt(page, p, end);
                    if (rest == null) {
                        return fail("key runs past the end of the block");
                    }
                    p += rest[1];
                    int total = length + rest[0];
                    if (total > seg.length() || p + rest[0] > end || k + 3 + total > MAX_KEY) {
                        return fail("packed key part longer than its segment");
                    }
                    k = putLength(k, total);
                    System.arraycopy(prev, prevData, key, k, length);
                    k += length;
                    System.arraycopy(page, p, key, k, rest[0]);
                    k += rest[0];
                    p += rest[0];
                    continue;
                }
                if (seg.nullable()) {
                    if (length == 0) {
                        key[k++] = 0;
                        continue;
                    }
                    length--;
                    key[k++] = 1;
                }
                if (length > seg.length() || p + length > end || k + 3 + length > MAX_KEY) {
                    return fail("packed key part longer than its segment");
                }
                k = putLength(k, length);
                System.arraycopy(page, p, key, k, length);
                k += length;
                p += length;
            } else {
                if (seg.nullable()) {
                    if (p >= end) {
                        return fail("key runs past the end of the block");
                    }
                    key[k++] = page[p];
                    if (page[p++] == 0) {
                        continue;
                    }
                }
                int length;
                if (seg.variableLength()) {
                    int[] l = lengthAt(page, p, end);
                    if (l == null) {
                        return fail("key runs past the end of the block");
                    }
                    length = l[0] + l[1];
                } else {
                    length = seg.length();
                }
                if (p + length > end || k + length > MAX_KEY) {
                    return fail("key runs past the end of the block");
                }
                System.arraycopy(page, p, key, k, length);
                k += length;
                p += length;
            }
        }
        keyLength = k;
        return p;
    }

    /** Binary prefix packing: a prefix length (of the previous unpacked key), then the rest of the key. */
    private int binaryPackKey(byte[] page, int p, int end) {
        int[] prefix = lengthAt(page, p, end);
        if (prefix == null) {
            return fail("key runs past the end of the block");
        }
        p += prefix[1];
        int reuse = prefix[0];
        if (reuse > def.maxLength() || reuse > keyLength + recRef) {
            return fail("Found too long binary packed key: " + reuse + " of " + def.maxLength());
        }
        // The key bytes come first from the previous key (its first 'reuse' bytes), then from the page.
        byte[] prev = swap();
        int from = 0;
        int k = 0;
        int[] cursor = {p};
        for (KeySeg seg : def.segments()) {
            if (seg.nullable()) {
                int b = nextByte(prev, reuse, from++, page, cursor, end);
                if (b < 0 || k >= MAX_KEY) {
                    return fail("key runs past the end of the block");
                }
                key[k++] = (byte) b;
                if (b == 0) {
                    continue;
                }
            }
            int length;
            if (seg.variableLength()) {
                int b = nextByte(prev, reuse, from++, page, cursor, end);
                if (b < 0 || k + 3 > MAX_KEY) {
                    return fail("key runs past the end of the block");
                }
                key[k++] = (byte) b;
                length = b;
                if (b == 255) {
                    int hi = nextByte(prev, reuse, from++, page, cursor, end);
                    int lo = nextByte(prev, reuse, from++, page, cursor, end);
                    if (hi < 0 || lo < 0) {
                        return fail("key runs past the end of the block");
                    }
                    key[k++] = (byte) hi;
                    key[k++] = (byte) lo;
                    length = (hi << 8) | lo;
                }
            } else {
                length = seg.length();
            }
            if (length > seg.length() + 2 || k + length > MAX_KEY) {
                return fail("key part longer than its segment");
            }
            for (int i = 0; i < length; i++) {
                int b = nextByte(prev, reuse, from++, page, cursor, end);
                if (b < 0) {
                    return fail("key runs past the end of the block");
                }
                key[k++] = (byte) b;
            }
        }
        if (k + recRef > MAX_KEY) {
            return fail("key longer than any key");
        }
        for (int i = 0; i < recRef; i++) {
            int b = nextByte(prev, reuse, from++, page, cursor, end);
            if (b < 0) {
                return fail("key runs past the end of the block");
            }
            key[k + i] = (byte) b;
        }
        recordPointer = Be.un(key, k, recRef);
        keyLength = k;
        return cursor[0];
    }

    /** Byte {@code index} of the key being built: from the previous key while inside the reused prefix. */
    private static int nextByte(byte[] prev, int reuse, int index, byte[] page, int[] cursor, int end) {
        if (index < reuse) {
            return prev[index] & 0xff;
        }
        if (cursor[0] >= end) {
            return -1;
        }
        return page[cursor[0]++] & 0xff;
    }

    /** Makes the current key the previous one and returns it; {@link #key} is then free for the next key. */
    private byte[] swap() {
        byte[] prev = key;
        key = previous;
        previous = prev;
        return prev;
    }

    private int fail(String message) {
        error = message;
        return -1;
    }

    private int putLength(int k, int length) {
        if (length < 255) {
            key[k++] = (byte) length;
        } else {
            key[k++] = (byte) 255;
            key[k++] = (byte) (length >>> 8);
            key[k++] = (byte) length;
        }
        return k;
    }

    /** A key length prefix at b[p]: {length, bytes of prefix}, or null when cut off. */
    private static int[] lengthAt(byte[] b, int p, int end) {
        if (p >= end) {
            return null;
        }
        int first = b[p] & 0xff;
        if (first != 255) {
            return new int[] {first, 1};
        }
        if (p + 3 > end) {
            return null;
        }
        return new int[] {Be.u16(b, p + 1), 3};
    }

    private static int[] lengthAt(byte[] b, int p) {
        return lengthAt(b, p, b.length);
    }

    /** Position after segment {@code seg} in an unpacked key starting at {@code p}, or −1. */
    private static int skipSegment(byte[] k, int p, KeySeg seg) {
        if (p < 0 || p >= k.length) {
            return -1;
        }
        if (seg.nullable()) {
            if (k[p++] == 0) {
                return p;
            }
        }
        if (seg.variableLength() || (seg.flag() & KeySeg.HA_PACK_KEY) != 0) {
            int[] l = lengthAt(k, p);
            return l == null ? -1 : p + l[1] + l[0];
        }
        return p + seg.length();
    }
}
