package dev.salvage.myisam;

/** How rows are stored in the .MYD, from the .MYI options. */
public enum RecordFormat {
    /** Every record {@code pack_reclength} bytes; byte 0 is 0 for a deleted record. */
    FIXED,
    /** Blocks with 3–20 byte headers ({@code _mi_get_block_info} types 0–13); records may be split. */
    DYNAMIC,
    /** Written by myisampack; read-only Huffman-coded records (not decoded yet). */
    COMPRESSED;

    static final int HA_OPTION_PACK_RECORD = 1;
    static final int HA_OPTION_COMPRESS_RECORD = 4;

    static RecordFormat of(int options) {
        if ((options & HA_OPTION_COMPRESS_RECORD) != 0) {
            return COMPRESSED;
        }
        return (options & HA_OPTION_PACK_RECORD) != 0 ? DYNAMIC : FIXED;
    }
}
