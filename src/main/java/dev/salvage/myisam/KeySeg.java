package dev.salvage.myisam;

/**
 * One key segment ({@code HA_KEYSEG}, 18 bytes on disk, read by {@code mi_keyseg_read}).
 *
 * @param type     HA_KEYTYPE_* (see {@link #typeName()})
 * @param language collation id (low byte at +1, high byte at +4)
 * @param nullBit  bit in the record's null bytes, 0 when NOT NULL
 * @param flag     HA_SPACE_PACK, HA_VAR_LENGTH_PART, HA_NULL_PART, HA_BLOB_PART, HA_PACK_KEY, HA_SWAP_KEY, …
 * @param length   key part length in bytes
 * @param start    offset of the column in the unpacked record
 * @param nullPos  byte of the null bit in the record (or bit_pos for BIT columns)
 */
public record KeySeg(int type, int language, int nullBit, int bitStart, int bitLength, int flag, int length,
        long start, long nullPos) {

    public static final int SIZE = 18;

    public static final int HA_SPACE_PACK = 1;
    public static final int HA_PACK_KEY = 2;
    public static final int HA_VAR_LENGTH_PART = 8;
    public static final int HA_NULL_PART = 16;
    public static final int HA_BLOB_PART = 32;
    public static final int HA_SWAP_KEY = 64;
    public static final int HA_REVERSE_SORT = 128;

    static KeySeg read(byte[] b, int off) {
        return new KeySeg(Be.u8(b, off), Be.u8(b, off + 1) | (Be.u8(b, off + 4) << 8), Be.u8(b, off + 2),
                Be.u8(b, off + 3), Be.u8(b, off + 5), Be.u16(b, off + 6), Be.u16(b, off + 8), Be.u32(b, off + 10),
                Be.u32(b, off + 14));
    }

    public boolean nullable() {
        return (flag & HA_NULL_PART) != 0;
    }

    /** The key stores a length prefix (1 or 3 bytes) before this part's bytes. */
    public boolean variableLength() {
        return (flag & (HA_VAR_LENGTH_PART | HA_BLOB_PART | HA_SPACE_PACK)) != 0;
    }

    public String typeName() {
        return switch (type) {
            case 0 -> "END";
            case 1 -> "TEXT";
            case 2 -> "BINARY";
            case 3 -> "SHORT_INT";
            case 4 -> "LONG_INT";
            case 5 -> "FLOAT";
            case 6 -> "DOUBLE";
            case 7 -> "NUM";
            case 8 -> "USHORT_INT";
            case 9 -> "ULONG_INT";
            case 10 -> "LONGLONG";
            case 11 -> "ULONGLONG";
            case 12 -> "INT24";
            case 13 -> "UINT24";
            case 14 -> "INT8";
            case 15 -> "VARTEXT1";
            case 16 -> "VARBINARY1";
            case 17 -> "VARTEXT2";
            case 18 -> "VARBINARY2";
            case 19 -> "BIT";
            default -> "TYPE_" + type;
        };
    }
}
