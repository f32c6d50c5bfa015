package dev.salvage.out;

import dev.salvage.schema.MysqlCharset;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Text back to the bytes a column stores, in its own character set. */
final class ColumnBytes {

    /** @param bytes the encoded text; @param exact false when a character had to be replaced */
    record Encoded(byte[] bytes, boolean exact) {
    }

    private ColumnBytes() {
    }

    /**
     * The stored bytes when the value carries them, else the text encoded in the character set. Characters the
     * set cannot hold (or a set the JDK lacks) make an inexact result: '?' as the server would store.
     */
    static Encoded of(RowValue.Text value, String mysqlCharset) {
        if (value.storedBytes() != null) {
            return new Encoded(value.storedBytes(), true);
        }
        return encode(value.text(), mysqlCharset);
    }

    static Encoded encode(String text, String mysqlCharset) {
        String cs = MysqlCharset.canonicalName(mysqlCharset);
        if (cs.equals("utf8mb4")) {
            return new Encoded(text.getBytes(StandardCharsets.UTF_8), true);
        }
        if (cs.equals("utf8mb3") && text.codePoints().anyMatch(cp -> cp > 0xFFFF)) {
            // utf8mb3 has no 4-byte sequences: the server would store '?' for such a character.
            return new Encoded(replaceSupplementary(text).getBytes(StandardCharsets.UTF_8), false);
        }
        if (cs.equals("binary")) {
            return new Encoded(text.getBytes(StandardCharsets.UTF_8), false);
        }
        Optional<Charset> java = MysqlCharset.javaCharsetFor(cs);
        if (java.isEmpty()) {
            return new Encoded(text.getBytes(StandardCharsets.UTF_8), false);
        }
        CharsetEncoder strict = java.get().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new Encoded(toArray(strict.encode(CharBuffer.wrap(text))), true);
        } catch (CharacterCodingException e) {
            CharsetEncoder lenient = java.get().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            try {
                return new Encoded(toArray(lenient.encode(CharBuffer.wrap(text))), false);
            } catch (CharacterCodingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static String replaceSupplementary(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(cp > 0xFFFF ? '?' : cp));
        return out.toString();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                buffer.arrayOffset() + buffer.limit());
    }
}
