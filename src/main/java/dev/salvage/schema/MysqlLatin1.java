package dev.salvage.schema;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.HashMap;
import java.util.Map;

/**
 * MySQL's {@code latin1}: windows-1252, except that the five bytes windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) map to the C1 controls U+0081, U+008D, U+008F, U+0090, U+009D (strings/ctype-latin1.cc,
 * cs_to_uni). Every byte decodes, so no latin1 value is ever lost.
 */
public final class MysqlLatin1 extends Charset {

    public static final MysqlLatin1 INSTANCE = new MysqlLatin1();

    private static final char[] TO_UNICODE = new char[256];
    private static final Map<Character, Byte> FROM_UNICODE = new HashMap<>();

    static {
        String high = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
                + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
        for (int b = 0; b < 256; b++) {
            TO_UNICODE[b] = b >= 0x80 && b < 0xA0 ? high.charAt(b - 0x80) : (char) b;
            FROM_UNICODE.put(TO_UNICODE[b], (byte) b);
        }
    }

    private MysqlLatin1() {
        super("x-mysql-latin1", new String[0]);
    }

    /** The character a latin1 byte stands for. */
    public static char toUnicode(byte b) {
        return TO_UNICODE[b & 0xff];
    }

    @Override
    public boolean contains(Charset cs) {
        return cs instanceof MysqlLatin1 || cs.name().equals("US-ASCII");
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new CharsetDecoder(this, 1f, 1f) {
            @Override
            protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                while (in.hasRemaining()) {
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    out.put(TO_UNICODE[in.get() & 0xff]);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }

    @Override
    public CharsetEncoder newEncoder() {
        return new CharsetEncoder(this, 1f, 1f) {
            @Override
            protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                while (in.hasRemaining()) {
                    Byte b = FROM_UNICODE.get(in.get(in.position()));
                    if (b == null) {
                        return CoderResult.unmappableForLength(1);
                    }
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    in.get();
                    out.put(b);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }
}
