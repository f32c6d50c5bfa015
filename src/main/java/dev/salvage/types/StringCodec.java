package dev.salvage.types;

/**
 * CHAR, VARCHAR, TEXT, BINARY, VARBINARY and BLOB values: the stored bytes in the column's character set.
 * {@link #decodeChar} removes the trailing spaces the server pads CHAR values with (it prints CHAR without them,
 * unless sql_mode PAD_CHAR_TO_FULL_LENGTH); VARCHAR and TEXT keep theirs. Binary strings (character set
 * {@code binary}) come back as binary values, BINARY(n) keeping its 0x00 padding as the server does.
 */
public final class StringCodec {
    private StringCodec() {
    }

    /** VARCHAR, TEXT, VARBINARY, BLOB: the bytes as they are. */
    public static Decoded decode(byte[] b, int off, int len, MysqlCharset charset) {
        if (charset == null) {
            return Decoded.bad("no character set given");
        }
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        return charset.decode(b, off, len);
    }

    /** As {@link #decode(byte[], int, int, MysqlCharset)} with a MySQL character set or collation name. */
    public static Decoded decode(byte[] b, int off, int len, String charsetOrCollation) {
        MysqlCharset cs = MysqlCharset.forName(charsetOrCollation)
                .or(() -> MysqlCharset.forCollation(charsetOrCollation)).orElse(null);
        if (cs == null) {
            return Decoded.bad("unknown character set '" + charsetOrCollation + "'");
        }
        return decode(b, off, len, cs);
    }

    /** CHAR(n): as {@link #decode} without the trailing space padding (BINARY(n) keeps its bytes). */
    public static Decoded decodeChar(byte[] b, int off, int len, MysqlCharset charset) {
        Decoded d = decode(b, off, len, charset);
        if (d.isBad() || d.isBinary()) {
            return d;
        }
        String s = d.text();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? d : Decoded.text(s.substring(0, end));
    }

    /** Raw bytes as a binary value (BINARY, VARBINARY, BLOB without a charset object at hand). */
    public static Decoded binary(byte[] b, int off, int len) {
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        return Decoded.binary(b, off, len);
    }
}
