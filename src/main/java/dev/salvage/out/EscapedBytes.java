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
public final class EscapedBytes {

    private byte[] bytes;
    private int size;

    public EscapedBytes(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Drops everything after the first {@code newSize} bytes (a field or row that turned out bad). */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("truncate to " + newSize + " of " + size);
        }
        size = newSize;
    }

    /**
     * The backing array, for writers that put a bounded number of bytes straight in: call {@link #reserve} first,
     * write at {@link #size()}, then {@link #advanceTo}.
     */
    public byte[] array() {
        return bytes;
    }

    /** Makes room for {@code more} bytes after {@link #size()}; {@link #array()} may change. */
    public void reserve(int more) {
        ensure(more);
    }

    /** Marks the bytes written directly into {@link #array()} up to {@code newSize} as appended. */
    public void advanceTo(int newSize) {
        if (newSize < size || newSize > bytes.length) {
            throw new IllegalArgumentException("advance to " + newSize + " from " + size);
        }
        size = newSize;
    }

    /** Appends bytes {@code from}..{@code to} of {@code other} as they are (already escaped there). */
    public void appendRange(EscapedBytes other, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(other.bytes, from, bytes, size, n);
        size += n;
    }

    public void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    public void append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Appends {@code b} with backslash, tab, newline, carriage return and NUL escaped. */
    public void appendEscaped(byte[] b) {
        appendEscaped(b, 0, b.length);
    }

    /**
     * Appends {@code len} bytes of {@code b} at {@code off}, escaped. Room for the worst case (every byte
     * escaped) is made once, so the loop itself checks nothing but the byte.
     */
    public void appendEscaped(byte[] b, int off, int len) {
        ensure(2L * len);
        byte[] to = bytes;
        int at = size;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            // The bytes to escape are the backslash and four control bytes: printable and non-ASCII bytes pass.
            if ((c >= ' ' && c != '\\') || c < 0) {
                to[at++] = c;
                continue;
            }
            byte escape = TsvEscaper.escapeOf(c);
            if (escape != -1) {
                to[at++] = '\\';
                to[at++] = escape;
            } else {
                to[at++] = c;
            }
        }
        size = at;
    }

    /** Appends the UTF-8 bytes of {@code text}, escaped; ASCII text (numbers, temporals) without encoding it first. */
    public void appendEscapedUtf8(String text) {
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

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ensure(long more) {
        if (bytes.length - size < more) {
            long wanted = Math.max((long) bytes.length * 2, size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("row buffer beyond 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
