package dev.salvage.out;

/**
 * Field bytes as {@code LOAD DATA INFILE} reads them with its defaults ({@code FIELDS TERMINATED BY '\t'
 * ENCLOSED BY '' ESCAPED BY '\\' LINES TERMINATED BY '\n'}): backslash, tab, newline, carriage return and NUL
 * become two-byte escapes, {@code \N} is NULL. Works on bytes, so it is right for any character set: in every
 * set MySQL can load from a file, these five bytes only ever stand for themselves, and with
 * {@code CHARACTER SET binary} the server unescapes byte by byte as this escapes.
 */
final class TsvEscaper {

    static final byte[] NULL = {'\\', 'N'};

    private TsvEscaper() {
    }

    /** The letter that follows the backslash for a byte that must be escaped, or -1 for a byte that stands as is. */
    static byte escapeOf(byte c) {
        return switch (c) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case 0 -> '0';
            default -> -1;
        };
    }

    /** The escaped field as a string (tests, diagnostics). */
    static String escape(byte[] bytes) {
        EscapedBytes out = new EscapedBytes(bytes.length + 8);
        out.appendEscaped(bytes);
        var sink = new java.io.ByteArrayOutputStream(out.size());
        try {
            out.writeTo(sink);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return sink.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
