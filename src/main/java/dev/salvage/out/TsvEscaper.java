package dev.salvage.out;

import java.io.IOException;
import java.io.OutputStream;

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

    static void writeEscaped(OutputStream out, byte[] bytes) throws IOException {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte escape = switch (bytes[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case 0 -> '0';
                default -> -1;
            };
            if (escape != -1) {
                out.write(bytes, start, i - start);
                out.write('\\');
                out.write(escape);
                start = i + 1;
            }
        }
        out.write(bytes, start, bytes.length - start);
    }

    /** The escaped field as a string (tests, diagnostics). */
    static String escape(byte[] bytes) {
        var out = new java.io.ByteArrayOutputStream(bytes.length + 8);
        try {
            writeEscaped(out, bytes);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
