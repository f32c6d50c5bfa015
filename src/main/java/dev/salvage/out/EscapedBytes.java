package dev.salvage.out;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable, unsynchronised byte buffer that escapes fields as {@link TsvEscaper} does while appending. The
 * TSV sink writes whole rows into it and hands the bytes to the file in large blocks: a locked
 * {@code BufferedOutputStream.write} per field segment cost more than the escaping itself.
 */
final class EscapedBytes {

    private byte[] bytes;
    private int size;

    EscapedBytes(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Appends {@code b} with backslash, tab, newline, carriage return and NUL escaped. */
    void appendEscaped(byte[] b) {
        ensure(b.length);
        for (byte c : b) {
            byte escape = TsvEscaper.escapeOf(c);
            if (escape != -1) {
                ensure(2);
                bytes[size++] = '\\';
                bytes[size++] = escape;
            } else {
                ensure(1);
                bytes[size++] = c;
            }
        }
    }

    /** Appends the UTF-8 bytes of {@code text}, escaped; ASCII text (numbers, temporals) without encoding it first. */
    void appendEscapedUtf8(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Rare here: encode the rest properly (the escapes are ASCII, so splitting at i is safe).
                appendEscaped(text.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte escape = TsvEscaper.escapeOf((byte) c);
            if (escape != -1) {
                ensure(2);
                bytes[size++] = '\\';
                bytes[size++] = escape;
            } else {
                ensure(1);
                bytes[size++] = (byte) c;
            }
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("row buffer beyond 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
