package dev.salvage.myisam;

import java.util.List;

/**
 * One index ({@code MI_KEYDEF}, 12 bytes on disk, then its segments).
 *
 * @param keyAlg      1 BTREE, 2 RTREE, …
 * @param flag        HA_NOSAME, HA_PACK_KEY, HA_VAR_LENGTH_KEY, HA_BINARY_PACK_KEY, HA_FULLTEXT, HA_SPATIAL, …
 * @param blockLength key block size in bytes
 * @param keyLength   maximal unpacked key length including the record pointer
 */
public record KeyDef(int keyAlg, int flag, int blockLength, int keyLength, int minLength, int maxLength,
        List<KeySeg> segments) {

    public static final int SIZE = 12;

    public static final int HA_NOSAME = 1;
    public static final int HA_PACK_KEY = 2;
    public static final int HA_VAR_LENGTH_KEY = 8;
    public static final int HA_BINARY_PACK_KEY = 32;
    public static final int HA_FULLTEXT = 128;
    public static final int HA_SPATIAL = 1024;

    public KeyDef {
        segments = List.copyOf(segments);
    }

    public boolean unique() {
        return (flag & HA_NOSAME) != 0;
    }

    /** Keys of fixed length, copied as they are ({@code _mi_get_static_key}). */
    public boolean staticKeys() {
        return (flag & (HA_VAR_LENGTH_KEY | HA_BINARY_PACK_KEY)) == 0;
    }

    public boolean binaryPacked() {
        return (flag & HA_BINARY_PACK_KEY) != 0;
    }

    /** Full-text and spatial indexes have their own tree layouts; check counts them only as present. */
    public boolean specialTree() {
        return (flag & (HA_FULLTEXT | HA_SPATIAL)) != 0 || keyAlg == 2;
    }
}
