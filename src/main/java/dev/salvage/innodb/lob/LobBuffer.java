package dev.salvage.innodb.lob;

import java.util.Arrays;

/** A growing byte buffer whose capacity follows the bytes actually read, never an announced (unchecked) length. */
final class LobBuffer {
    private byte[] bytes;
    private int size;
    private final int limit;

    LobBuffer(long announced, int limit) {
        this.limit = limit;
        this.bytes = new byte[(int) Math.min(Math.min(announced, limit), 64 * 1024)];
    }

    /** Appends up to {@code len} bytes, stopping at the limit; returns how many were taken. */
    int append(byte[] src, int off, int len) {
        int take = Math.min(len, limit - size);
        if (take <= 0) {
            return 0;
        }
        if (size + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) bytes.length * 2, size + take)));
        }
        System.arraycopy(src, off, bytes, size, take);
        size += take;
        return take;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= limit;
    }

    byte[] toArray() {
        return bytes.length == size ? bytes : Arrays.copyOf(bytes, size);
    }
}
