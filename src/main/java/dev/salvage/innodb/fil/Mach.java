package dev.salvage.innodb.fil;

/**
 * Big-endian reads as InnoDB's mach0data does them ({@code mach_read_from_2} …). Callers check
 * bounds first; these are the hot-path primitives and stay branch-free.
 */
public final class Mach {
    private Mach() {}

    public static int read1(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int read2(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    public static int read3(byte[] b, int off) {
        return ((b[off] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    }

    /** Unsigned 32-bit value as a long. */
    public static long read4(byte[] b, int off) {
        return readInt(b, off) & 0xFFFFFFFFL;
    }

    public static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static long read8(byte[] b, int off) {
        return (read4(b, off) << 32) | read4(b, off + 4);
    }

    /** True when {@code len} bytes from {@code off} are all zero. */
    public static boolean isZero(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = Math.min(ZEROS.length, len - done);
            // Arrays.mismatch is vectorised by the JIT: a zero test at memory speed.
            if (java.util.Arrays.mismatch(b, off + done, off + done + n, ZEROS, 0, n) != -1) {
                return false;
            }
            done += n;
        }
        return true;
    }

    private static final byte[] ZEROS = new byte[65536];
}
