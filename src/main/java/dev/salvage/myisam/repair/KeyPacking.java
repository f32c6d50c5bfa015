package dev.salvage.myisam.repair;

import dev.salvage.myisam.KeyDef;
import dev.salvage.myisam.KeySeg;

import java.io.ByteArrayOutputStream;

/**
 * How a key (with its record pointer) is stored in a key block after the key before it in the same block, as the
 * server's {@code pack_key}/{@code store_key} pair does when keys are only ever appended (myisamchk's
 * {@code sort_insert_key}): static and plain variable-length keys as they are ({@code _mi_store_static_key}),
 * prefix-packed keys whose first part reuses the previous key's first part ({@code _mi_calc_var_pack_key_length}
 * + {@code _mi_store_var_pack_key}), and binary-packed keys that reuse the previous key's leading bytes
 * ({@code _mi_calc_bin_pack_key_length} + {@code _mi_store_bin_pack_key}).
 */
final class KeyPacking {
    private enum Kind { STATIC, VAR_PACK, BIN_PACK }

    private final Kind kind;
    private final KeySeg first;

    KeyPacking(KeyDef def) {
        if (def.binaryPacked()) {
            kind = Kind.BIN_PACK;
        } else if ((def.flag() & KeyDef.HA_VAR_LENGTH_KEY) != 0 && !def.segments().isEmpty()
                && (def.segments().get(0).flag() & KeySeg.HA_PACK_KEY) != 0) {
            kind = Kind.VAR_PACK;
        } else {
            kind = Kind.STATIC;
        }
        first = def.segments().isEmpty() ? null : def.segments().get(0);
    }

    /** Keys whose first part reuses the previous key's first part (it must be a variable-length part). */
    boolean prefixPacked() {
        return kind == Kind.VAR_PACK;
    }

    String describe() {
        return switch (kind) {
            case STATIC -> "unpacked";
            case VAR_PACK -> "prefix-packed";
            case BIN_PACK -> "binary-packed";
        };
    }

    /** The stored form of {@code key} (record pointer included) after {@code prev} (null: first in its block). */
    byte[] pack(byte[] prev, byte[] key) {
        return switch (kind) {
            case STATIC -> key;
            case BIN_PACK -> binPack(prev, key);
            case VAR_PACK -> varPack(prev, key);
        };
    }

    private static byte[] binPack(byte[] prev, byte[] key) {
        int ref = 0;
        if (prev != null) {
            int n = Math.min(prev.length, key.length);
            while (ref < n && prev[ref] == key[ref]) {
                ref++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + 3);
        KeyBuilder.putLength(out, ref);
        out.write(key, ref, key.length - ref);
        return out.toByteArray();
    }

    private byte[] varPack(byte[] prev, byte[] key) {
        boolean twoBytes = first.length() >= 127;
        int marker = twoBytes ? 32768 : 128;
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + 4);
        int p = 0;
        int notNull = 0;
        int prevP = 0;
        boolean usePrev = prev != null;
        if (first.nullBit() != 0) {
            if (key[0] == 0) {
                packLength(out, twoBytes, 0); // a NULL first part: length 0, then the other parts
                out.write(key, 1, key.length - 1);
                return out.toByteArray();
            }
            p = 1;
            notNull = 1;
            prevP = 1;
            usePrev = prev != null && prev[0] != 0;
        }
        int[] len = KeyBuilder.length(key, p);
        int data = p + len[1];
        int newLength = len[0];
        int rest = data + newLength;
        int common = 0;
        boolean sameLength = false;
        if (usePrev) {
            int[] prevLen = KeyBuilder.length(prev, prevP);
            int prevData = prevP + prevLen[1];
            sameLength = newLength > 0 && newLength == prevLen[0];
            int end = Math.min(newLength, prevLen[0]);
            while (common < end && key[data + common] == prev[prevData + common]) {
                common++;
            }
        }
        if (sameLength && common == newLength) {
            packLength(out, twoBytes, marker); // the same first part as the previous key
        } else if (common > 0) {
            packLength(out, twoBytes, common + marker);
            KeyBuilder.putLength(out, newLength - common);
            out.write(key, data + common, newLength - common);
        } else {
            packLength(out, twoBytes, newLength + notNull);
            out.write(key, data, newLength);
        }
        out.write(key, rest, key.length - rest);
        return out.toByteArray();
    }

    private static void packLength(ByteArrayOutputStream out, boolean twoBytes, int v) {
        if (twoBytes) {
            out.write(v >>> 8);
        }
        out.write(v);
    }
}
