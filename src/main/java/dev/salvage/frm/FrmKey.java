package dev.salvage.frm;

import java.util.List;

/**
 * One key as the .frm keyinfo section stores it (MySQL/MariaDB {@code pack_keys}, read by
 * {@code create_key_infos}): 8 bytes of header, then 9 bytes per key part. Exposed for engines that need the
 * physical key layout (MyISAM).
 *
 * @param flags      HA_* key flags with HA_NOSAME already flipped back (1 = unique), 128 FULLTEXT, 1024 SPATIAL,
 *                   4096 has comment
 * @param keyLength  bytes of a key value
 * @param algorithm  HA_KEY_ALG_*: 0 undefined, 1 BTREE, 2 RTREE, 3 HASH, 4 FULLTEXT, (MariaDB) 5 long hash
 * @param blockSize  KEY_BLOCK_SIZE of the key
 * @param name       the key's name ({@code PRIMARY} for the primary key)
 * @param comment    the key's comment, null when none
 */
public record FrmKey(int flags, int keyLength, int algorithm, int blockSize, List<Part> parts, String name,
        String comment) {

    public static final int HA_NOSAME = 1;
    public static final int HA_FULLTEXT = 128;
    public static final int HA_SPATIAL = 1024;
    public static final int HA_USES_COMMENT = 4096;
    public static final int HA_USES_PARSER = 16384;
    /** HA_REVERSE_SORT in a key part's flag: DESC. */
    public static final int PART_REVERSE_SORT = 128;

    public FrmKey {
        parts = List.copyOf(parts);
    }

    public boolean unique() {
        return (flags & HA_NOSAME) != 0;
    }

    /**
     * One key part.
     *
     * @param fieldNumber 1-based field number
     * @param offset      1-based offset of the field in the record
     * @param flags       key part flags (HA_REVERSE_SORT, ...)
     * @param keyType     the ha_base_keytype the engine compares with
     * @param length      bytes of the field the key holds (a prefix when less than the field's key length)
     */
    public record Part(int fieldNumber, int offset, int flags, int keyType, int length) {
    }
}
