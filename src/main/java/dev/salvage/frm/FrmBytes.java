package dev.salvage.frm;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bounds-checked little-endian reads over a .frm image. A read past the end never throws: it returns 0 (or an
 * empty string) and remembers the first offending offset, so a parser can decode what is there and report one
 * truncation finding instead of failing.
 */
final class FrmBytes {

    private final byte[] bytes;
    private long firstBadOffset = -1;

    FrmBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    /** True when {@code count} bytes from {@code offset} lie inside the image. */
    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && offset + count <= bytes.length;
    }

    /** Offset of the first read that fell outside the image, or -1. */
    long firstBadOffset() {
        return firstBadOffset;
    }

    private boolean check(long offset, int count) {
        if (has(offset, count)) {
            return true;
        }
        if (firstBadOffset < 0) {
            firstBadOffset = offset;
        }
        return false;
    }

    int u8(long offset) {
        return check(offset, 1) ? bytes[(int) offset] & 0xFF : 0;
    }

    int u16(long offset) {
        return check(offset, 2) ? (bytes[(int) offset] & 0xFF) | (bytes[(int) offset + 1] & 0xFF) << 8 : 0;
    }

    int u24(long offset) {
        return check(offset, 3) ? u16(offset) | (bytes[(int) offset + 2] & 0xFF) << 16 : 0;
    }

    long u32(long offset) {
        return check(offset, 4) ? (u16(offset) | (long) u16(offset + 2) << 16) : 0;
    }

    /** Little-endian unsigned value of 1..8 bytes (as a signed long for 8). */
    long uintLE(long offset, int count) {
        if (!check(offset, count)) {
            return 0;
        }
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (bytes[(int) offset + i] & 0xFF);
        }
        return value;
    }

    /** Big-endian unsigned value of 1..8 bytes. */
    long uintBE(long offset, int count) {
        if (!check(offset, count)) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 8 | (bytes[(int) offset + i] & 0xFF);
        }
        return value;
    }

    /** A copy of the bytes in range, clipped to the image (empty when the range starts outside). */
    byte[] slice(long offset, long count) {
        if (!check(offset, (int) Math.min(Integer.MAX_VALUE, Math.max(0, count)))) {
            if (offset < 0 || offset >= bytes.length || count <= 0) {
                return new byte[0];
            }
            count = bytes.length - offset;
        }
        byte[] out = new byte[(int) count];
        System.arraycopy(bytes, (int) offset, out, 0, (int) count);
        return out;
    }

    String string(long offset, long count, Charset charset) {
        return new String(slice(offset, count), charset);
    }

    String utf8(long offset, long count) {
        return string(offset, count, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code count} TYPELIBs from a names block, as MySQL's {@code fix_type_pointers} does: each starts
     * with its separator byte (0xFF for field names), every value ends with the separator, and a 0 byte ends
     * the TYPELIB. Values are raw bytes; reading stops quietly at the end of the block.
     *
     * @return the TYPELIBs found (possibly fewer than asked) and the position after the last one
     */
    static Typelibs typelibs(byte[] block, int from, int count) {
        java.util.List<java.util.List<byte[]>> libs = new java.util.ArrayList<>();
        int pos = from;
        for (int n = 0; n < count && pos < block.length; n++) {
            int separator = block[pos++] & 0xFF;
            java.util.List<byte[]> values = new java.util.ArrayList<>();
            int start = pos;
            while (pos < block.length && block[pos] != 0) {
                if ((block[pos] & 0xFF) == separator) {
                    values.add(java.util.Arrays.copyOfRange(block, start, pos));
                    start = pos + 1;
                }
                pos++;
            }
            pos++; // the 0 that ends this TYPELIB
            libs.add(values);
        }
        return new Typelibs(libs, pos);
    }

    record Typelibs(java.util.List<java.util.List<byte[]>> values, int end) {
    }
}
