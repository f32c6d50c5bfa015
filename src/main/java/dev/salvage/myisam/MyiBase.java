package dev.salvage.myisam;

/**
 * The fixed description of the table in the .MYI ({@code mi_n_base_info_read}, 100 bytes).
 *
 * @param keystart      where key blocks begin in the .MYI
 * @param reclength     unpacked record length
 * @param packReclength length of a FIXED record on disk (with the delete-flag byte)
 * @param minBlockLength smallest DYNAMIC block
 * @param fields        number of {@link ColumnDef} entries
 * @param recRefLength  bytes of a record pointer in keys and delete links
 * @param keyRefLength  bytes of a child block pointer in key blocks
 * @param autoKey       1-based index holding the AUTO_INCREMENT column, 0 for none
 * @param packBits      bytes of the "empty field" bitmap at the start of a DYNAMIC record
 */
public record MyiBase(long keystart, long maxDataFileLength, long maxKeyFileLength, long records, long reloc,
        long meanRowLength, long reclength, long packReclength, long minPackLength, long maxPackLength,
        long minBlockLength, long fields, long packFields, int recRefLength, int keyRefLength, int keys,
        int autoKey, int packBits, int blobs, int maxKeyBlockLength, int maxKeyLength, int extraAllocBytes,
        int extraAllocPercent) {

    public static final int SIZE = 100;

    static MyiBase read(byte[] b, int off) {
        return new MyiBase(Be.u64(b, off), Be.u64(b, off + 8), Be.u64(b, off + 16), Be.u64(b, off + 24),
                Be.u64(b, off + 32), Be.u32(b, off + 40), Be.u32(b, off + 44), Be.u32(b, off + 48),
                Be.u32(b, off + 52), Be.u32(b, off + 56), Be.u32(b, off + 60), Be.u32(b, off + 64),
                Be.u32(b, off + 68), Be.u8(b, off + 72), Be.u8(b, off + 73), Be.u8(b, off + 74), Be.u8(b, off + 75),
                Be.u16(b, off + 76), Be.u16(b, off + 78), Be.u16(b, off + 80), Be.u16(b, off + 82),
                Be.u16(b, off + 84), Be.u8(b, off + 86));
    }
}
