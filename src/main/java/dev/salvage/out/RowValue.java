package dev.salvage.out;

import dev.salvage.types.Decoded;
import java.util.Arrays;
import java.util.Objects;

/**
 * One value on its way to a sink. Decoders in {@code dev.salvage.types} produce {@link Decoded}; the recovery
 * layer adds what a decoder cannot know (SQL NULL, a BLOB chain that broke off) and hands sinks these.
 */
public sealed interface RowValue {

    /** SQL NULL. */
    RowValue NULL = new Null();

    static RowValue text(String text) {
        return new Text(text, null);
    }

    /**
     * Text together with the bytes the column stored in its own character set. Sinks that must reproduce the
     * stored bytes exactly (TSV for LOAD DATA, SQL for charsets Unicode cannot round-trip) write these bytes;
     * the others write the text.
     */
    static RowValue text(String text, byte[] storedBytes) {
        return new Text(text, storedBytes == null ? null : storedBytes.clone());
    }

    static RowValue bytes(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static RowValue damaged(String reason) {
        return new Damaged(reason);
    }

    /** A decoder's verdict as a sink value: a bad value becomes a damaged one. */
    static RowValue of(Decoded decoded) {
        return switch (decoded.kind()) {
            case TEXT -> text(decoded.text());
            case BINARY -> new Bytes(decoded.bytes());
            case BAD -> damaged(decoded.reason());
        };
    }

    record Null() implements RowValue {
    }

    /**
     * Text as the server prints it: strings decoded from the column's character set, and numbers, temporals,
     * ENUM/SET labels and JSON already rendered as MySQL text.
     *
     * @param storedBytes the column's stored bytes in its character set, or null when not known
     */
    record Text(String text, byte[] storedBytes) implements RowValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && text.equals(t.text) && Arrays.equals(storedBytes, t.storedBytes);
        }

        @Override
        public int hashCode() {
            return text.hashCode() * 31 + Arrays.hashCode(storedBytes);
        }

        @Override
        public String toString() {
            return "Text[" + text + "]";
        }
    }

    /** Raw bytes: BINARY, VARBINARY, BLOB, GEOMETRY, BIT, or text bytes that would not decode. */
    record Bytes(byte[] bytes) implements RowValue {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + java.util.HexFormat.of().formatHex(bytes) + "]";
        }
    }

    /**
     * A value salvage could not recover (a broken off-page chain, bytes that are no value of the type). Sinks
     * write {@link #marker()} in its place and count it, so that damage is visible in the output, never a
     * silent NULL.
     */
    record Damaged(String reason) implements RowValue {
        public Damaged {
            Objects.requireNonNull(reason, "reason");
        }

        /** The text written in place of the value. */
        public String marker() {
            return "[salvage: damaged: " + reason + "]";
        }
    }
}
