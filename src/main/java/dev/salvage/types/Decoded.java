package dev.salvage.types;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One decoded column value: text as the server's {@code SELECT} prints it, raw bytes for binary values, or a
 * "bad value" verdict with the reason the stored bytes cannot be a value of the column's type. Decoders return
 * a bad value instead of throwing, so that a caller scanning garbage can reject a record by asking
 * {@link #isBad()}.
 */
public final class Decoded {

    /** What the value is. */
    public enum Kind {
        /** A value whose text form is what the server prints. */
        TEXT,
        /** Raw bytes (BINARY, VARBINARY, BLOB, GEOMETRY, BIT, binary strings); render as hex. */
        BINARY,
        /** Bytes that cannot be a value of the type; {@link #reason()} says why. */
        BAD
    }

    private final Kind kind;
    private final String text;
    private final byte[] bytes;

    private Decoded(Kind kind, String text, byte[] bytes) {
        this.kind = kind;
        this.text = text;
        this.bytes = bytes;
    }

    public static Decoded text(String text) {
        return new Decoded(Kind.TEXT, Objects.requireNonNull(text), null);
    }

    /** A binary value holding a copy of {@code len} bytes at {@code off} (the caller has bounds-checked). */
    public static Decoded binary(byte[] b, int off, int len) {
        return new Decoded(Kind.BINARY, null, Arrays.copyOfRange(b, off, off + len));
    }

    /** A binary value that also has a text form (e.g. BIT: the number {@code SELECT b+0} prints). */
    static Decoded binaryWithText(byte[] b, int off, int len, String text) {
        return new Decoded(Kind.BINARY, text, Arrays.copyOfRange(b, off, off + len));
    }

    public static Decoded bad(String reason) {
        return new Decoded(Kind.BAD, Objects.requireNonNull(reason), null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isBad() {
        return kind == Kind.BAD;
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** Why the bytes were rejected; empty for good values. */
    public String reason() {
        return kind == Kind.BAD ? text : "";
    }

    /**
     * The server's text form. For binary values without a text form this is the bytes as ISO-8859-1 (one char
     * per byte, what a raw client would print); prefer {@link #hex()} for them. For bad values: null.
     */
    public String text() {
        return switch (kind) {
            case TEXT -> text;
            case BINARY -> text != null ? text : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            case BAD -> null;
        };
    }

    /** Upper-case hex as {@code HEX(col)} prints it: of the raw bytes for binary values, of the UTF-8 text otherwise. */
    public String hex() {
        return switch (kind) {
            case BINARY -> HexFormat.of().withUpperCase().formatHex(bytes);
            case TEXT -> HexFormat.of().withUpperCase().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case BAD -> null;
        };
    }

    /** A copy of the raw bytes of a binary value; null otherwise. */
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decoded d && kind == d.kind && Objects.equals(text, d.text) && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TEXT -> "'" + text + "'";
            case BINARY -> "0x" + hex() + (text != null ? " (" + text + ")" : "");
            case BAD -> "BAD(" + text + ")";
        };
    }
}
