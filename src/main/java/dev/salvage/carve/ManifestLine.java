package dev.salvage.carve;

import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of {@code manifest.json} (a page and its versions) assembled as UTF-8 bytes and handed to
 * the generator as a raw value, which copies the bytes into its buffer as they are. A manifest has a
 * line per page found — millions for a disk image — and building them as Strings cost a String, a
 * char[] copy and a UTF-8 encoding pass each. Reused line after line; not thread-safe.
 */
final class ManifestLine implements SerializableString {

    private byte[] buf = new byte[512];
    private int len;

    ManifestLine clear() {
        len = 0;
        return this;
    }

    /** ASCII text as bytes, for the constant parts of a line. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends bytes the caller knows are valid JSON text as they stand (see {@link #ascii}). */
    ManifestLine raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    /** Appends ASCII text the caller knows needs no escaping. */
    ManifestLine raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    ManifestLine raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    ManifestLine bool(boolean b) {
        return raw(b ? TRUE : FALSE);
    }

    /**
     * A signed decimal, as Long.toString writes it. Digits come from int arithmetic nine at a time: the
     * C1 compiler carve runs with calls into the VM for every long division.
     */
    ManifestLine number(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return raw(Long.toString(v));
            }
            buf[len++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            digits((int) v, 0);
            return this;
        }
        long high = v / 1_000_000_000L; // below 2^63 / 10^9: at most ten digits
        if (high <= Integer.MAX_VALUE) {
            digits((int) high, 0);
        } else {
            long top = high / 1_000_000_000L; // a single digit
            digits((int) top, 0);
            digits((int) (high - top * 1_000_000_000L), 9);
        }
        digits((int) (v - high * 1_000_000_000L), 9);
        return this;
    }

    /** {@code v} (≥ 0) in decimal, left-padded with zeros to {@code width} digits when width > 0. */
    private void digits(int v, int width) {
        int n = 1;
        for (int t = v; t >= 10; t /= 10) {
            n++;
        }
        n = Math.max(n, width);
        for (int i = len + n - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += n;
    }

    /** The last strings escaped, by identity: a manifest repeats the same type names and file names line after line. */
    private final String[] recent = new String[4];
    private final byte[][] recentBytes = new byte[4][];
    private int nextRecent;

    /** A JSON string: quotes, backslashes and anything outside printable ASCII escaped as \\uXXXX. */
    ManifestLine string(String s) {
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] == s) {
                return raw(recentBytes[i]);
            }
        }
        int start = len;
        escaped(s);
        int slot = nextRecent;
        nextRecent = (nextRecent + 1) % recent.length;
        recent[slot] = s;
        recentBytes[slot] = Arrays.copyOfRange(buf, start, len);
        return this;
    }

    private void escaped(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c < 0x20 || c > 0x7e) {
                buf[len++] = '\\';
                buf[len++] = 'u';
                for (int shift = 12; shift >= 0; shift -= 4) {
                    buf[len++] = (byte) HEX[(c >> shift) & 0xF];
                }
            } else {
                buf[len++] = (byte) c;
            }
        }
        buf[len++] = '"';
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    // ---------------------------------------------------------------- SerializableString (raw use only)

    @Override
    public String getValue() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return len; // ASCII only: escapes keep every byte below 0x80
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset < 0 || buffer.length - offset < len) {
            return -1;
        }
        System.arraycopy(buf, 0, buffer, offset, len);
        return len;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset < 0 || buffer.length - offset < len) {
            return -1;
        }
        for (int i = 0; i < len; i++) {
            buffer[offset + i] = (char) buf[i];
        }
        return len;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(buf, 0, len);
        return len;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        if (out.remaining() < len) {
            return -1;
        }
        out.put(buf, 0, len);
        return len;
    }

    // A raw value is never written as a quoted string.

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("raw manifest line");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("raw manifest line");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("raw manifest line");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("raw manifest line");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("raw manifest line");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("raw manifest line");
    }
}
