package dev.salvage.myisam;

/**
 * MyISAM's on-disk numbers in the .MYI header, key pointers and dynamic block headers are stored high byte
 * first ({@code mi_uint*korr}). Callers check bounds before reading; these helpers only assemble bytes.
 */
final class Be {
    private Be() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (u8(b, off) << 8) | u8(b, off + 1);
    }

    static int u24(byte[] b, int off) {
        return (u8(b, off) << 16) | (u8(b, off + 1) << 8) | u8(b, off + 2);
    }

    static long u32(byte[] b, int off) {
        return ((long) u8(b, off) << 24) | ((long) u8(b, off + 1) << 16) | ((long) u8(b, off + 2) << 8) | u8(b, off + 3);
    }

    /** An unsigned number of {@code len} bytes (1..8); an 8-byte all-ones value comes back as -1. */
    static long un(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | u8(b, off + i);
        }
        return v;
    }

    static long u64(byte[] b, int off) {
        return un(b, off, 8);
    }

    static boolean fits(byte[] b, int off, int len) {
        return off >= 0 && len >= 0 && off <= b.length - len;
    }
}
