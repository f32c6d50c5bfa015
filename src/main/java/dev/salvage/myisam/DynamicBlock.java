package dev.salvage.myisam;

/**
 * The header of one block of a DYNAMIC .MYD ({@code _mi_get_block_info}). Types: 0 deleted; 1–4 a whole
 * record in one block; 5, 6, 13 the first part of a split record; 7–10 the last part; 11, 12 a middle part.
 *
 * @param start     where the block (its header) begins
 * @param dataStart where the record bytes of this block begin ({@code filepos})
 * @param recLen    length of the whole packed record (first blocks only, else −1)
 * @param dataLen   record bytes in this block
 * @param blockLen  bytes from {@code dataStart} to the end of the block (for deleted blocks: from {@code start})
 * @param next      next part of the record or next deleted block, −1 for none
 * @param prev      previous deleted block (deleted blocks only), −1 for none
 */
public record DynamicBlock(int type, long start, long dataStart, long recLen, long dataLen, long blockLen,
        long next, long prev) {

    /** Largest header (deleted block: type, length, next, prev). */
    public static final int MAX_HEADER = 20;
    /** {@code MI_MIN_BLOCK_LENGTH}. */
    public static final int MIN_BLOCK_LENGTH = 20;
    /** {@code MI_DYN_ALIGN_SIZE}. */
    public static final int ALIGN = 4;

    public boolean deleted() {
        return type == 0;
    }

    public boolean first() {
        return (type >= 1 && type <= 6) || type == 13;
    }

    public boolean last() {
        return type >= 1 && type <= 4 || type >= 7 && type <= 10;
    }

    /** Where the next block in file order begins. */
    public long end() {
        return deleted() ? start + blockLen : dataStart + blockLen;
    }

    /**
     * Parses the header in {@code h[0..avail)} of the block at {@code start}; null when the type byte is
     * unknown, the header is cut off by the end of the file, or a deleted block has an impossible length.
     */
    public static DynamicBlock parse(byte[] h, int avail, long start) {
        if (avail < 1) {
            return null;
        }
        int type = h[0] & 0xff;
        int need = headerLength(type);
        if (need < 0 || avail < need) {
            return null;
        }
        long none = -1;
        return switch (type) {
            case 0 -> {
                long len = Be.u24(h, 1);
                if (len < MIN_BLOCK_LENGTH || (len & (ALIGN - 1)) != 0) {
                    yield null;
                }
                yield new DynamicBlock(0, start, start, none, 0, len, Be.u64(h, 4), Be.u64(h, 12));
            }
            case 1 -> whole(type, start, 3, Be.u16(h, 1), 0);
            case 2 -> whole(type, start, 4, Be.u24(h, 1), 0);
            case 3 -> whole(type, start, 4, Be.u16(h, 1), Be.u8(h, 3));
            case 4 -> whole(type, start, 5, Be.u24(h, 1), Be.u8(h, 4));
            case 5 -> new DynamicBlock(type, start, start + 13, Be.u16(h, 1), Be.u16(h, 3), Be.u16(h, 3),
                    Be.u64(h, 5), none);
            case 6 -> new DynamicBlock(type, start, start + 15, Be.u24(h, 1), Be.u24(h, 4), Be.u24(h, 4),
                    Be.u64(h, 7), none);
            case 13 -> new DynamicBlock(type, start, start + 16, Be.u32(h, 1), Be.u24(h, 5), Be.u24(h, 5),
                    Be.u64(h, 8), none);
            case 7 -> part(type, start, 3, Be.u16(h, 1), 0, none);
            case 8 -> part(type, start, 4, Be.u24(h, 1), 0, none);
            case 9 -> part(type, start, 4, Be.u16(h, 1), Be.u8(h, 3), none);
            case 10 -> part(type, start, 5, Be.u24(h, 1), Be.u8(h, 4), none);
            case 11 -> part(type, start, 11, Be.u16(h, 1), 0, Be.u64(h, 3));
            case 12 -> part(type, start, 12, Be.u24(h, 1), 0, Be.u64(h, 4));
            default -> null;
        };
    }

    /** Bytes of the header for this type byte, or −1 for an unknown type. */
    static int headerLength(int type) {
        return switch (type) {
            case 0 -> 20;
            case 1, 7 -> 3;
            case 2, 3, 8, 9 -> 4;
            case 4, 10 -> 5;
            case 5 -> 13;
            case 6 -> 15;
            case 11 -> 11;
            case 12 -> 12;
            case 13 -> 16;
            default -> -1;
        };
    }

    private static DynamicBlock whole(int type, long start, int header, long len, int unused) {
        return new DynamicBlock(type, start, start + header, len, len, len + unused, -1, -1);
    }

    private static DynamicBlock part(int type, long start, int header, long len, int unused, long next) {
        return new DynamicBlock(type, start, start + header, -1, len, len + unused, next, -1);
    }
}
