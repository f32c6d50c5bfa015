package dev.salvage.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * MySQL 5.7/8.0 binary JSON (sql-common/json_binary.cc) rendered as {@code SELECT json_col} prints it
 * (sql/json_dom.cc {@code wrapper_to_string}: members in stored order, {@code ", "} between elements,
 * {@code ": "} after keys, doubles through {@code my_gcvt} (8.0 adds ".0" to integral ones), strings quoted with
 * only {@code "}, {@code \}, and control characters escaped).
 *
 * <p>A value is a type byte followed by its data. Objects and arrays ("small" with 2-byte, "large" with
 * 4-byte counts and offsets) hold an element count, their byte size, key entries (offset, 2-byte length) for
 * objects, then value entries (type byte + offset relative to the container, or the value itself when it
 * fits: literals and 16-bit integers, in large containers 32-bit ones too). Strings carry a length of 7 bits
 * per byte, low bits first. Opaque values hold a MySQL field type byte, a length and the field's bytes: DATE,
 * TIME, DATETIME and TIMESTAMP as 8 little-endian packed bytes, DECIMAL as precision, scale and the binary
 * decimal, anything else printed as {@code "base64:typeN:..."} (MySQL 5.7.22 and 8.0.15 do this for binary
 * strings too, type 253 or 15; later 8.0 releases print a type-253 opaque as a plain string).
 *
 * <p>Every offset is checked against its container, nesting is limited like the server's (100 levels), and
 * the text is capped at a multiple of the input size so that containers sharing sub-values cannot make the
 * output explode: corrupt bytes give {@link Decoded#bad}.
 */
public final class JsonBinary {

    private static final int SMALL_OBJECT = 0x00;
    private static final int LARGE_OBJECT = 0x01;
    private static final int SMALL_ARRAY = 0x02;
    private static final int LARGE_ARRAY = 0x03;
    private static final int LITERAL = 0x04;
    private static final int INT16 = 0x05;
    private static final int UINT16 = 0x06;
    private static final int INT32 = 0x07;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0A;
    private static final int DOUBLE = 0x0B;
    private static final int STRING = 0x0C;
    private static final int OPAQUE = 0x0F;

    private static final int LITERAL_NULL = 0x00;
    private static final int LITERAL_TRUE = 0x01;
    private static final int LITERAL_FALSE = 0x02;

    /** MySQL field types that opaque values use for temporal and decimal data (include/field_types.h). */
    private static final int MYSQL_TYPE_TIMESTAMP = 7;
    private static final int MYSQL_TYPE_DATE = 10;
    private static final int MYSQL_TYPE_TIME = 11;
    private static final int MYSQL_TYPE_DATETIME = 12;
    private static final int MYSQL_TYPE_NEWDECIMAL = 246;

    /** JSON_DOCUMENT_MAX_DEPTH. */
    private static final int MAX_DEPTH = 100;
    /** The text of a sane document is at most ~6 characters per stored byte (a control character escaped). */
    private static final int TEXT_PER_BYTE = 8;

    private JsonBinary() {
    }

    /** As MySQL 8.0 prints the document in {@code len} bytes at {@code off}; empty means JSON null. */
    public static Decoded toText(byte[] b, int off, int len) {
        return toText(b, off, len, true);
    }

    /**
     * The text form of a document; {@code pointZero}: MySQL 8.0 prints integral doubles as {@code 3.0},
     * MySQL 5.7 as {@code 3}.
     */
    public static Decoded toText(byte[] b, int off, int len, boolean pointZero) {
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        if (len == 0) {
            // Field_json: an empty value (e.g. a row older than an added NOT NULL JSON column) reads as null.
            return Decoded.text("null");
        }
        Writer w = new Writer(b, (long) len * TEXT_PER_BYTE + 64, pointZero);
        String problem = w.value(b[off] & 0xFF, off + 1, off + len, 0);
        return problem == null ? Decoded.text(w.out.toString()) : Decoded.bad("JSON: " + problem);
    }

    /** Renders values; every method returns null on success, else what is wrong. */
    private static final class Writer {
        private final byte[] b;
        private final long maxChars;
        private final boolean pointZero;
        private final StringBuilder out = new StringBuilder();

        Writer(byte[] b, long maxChars, boolean pointZero) {
            this.b = b;
            this.maxChars = maxChars;
            this.pointZero = pointZero;
        }

        /** The value of {@code type} whose data starts at {@code at}; no byte at or after {@code end} is read. */
        String value(int type, int at, int end, int depth) {
            if (out.length() > maxChars) {
                return "text longer than " + maxChars + " characters (shared or looping sub-values)";
            }
            switch (type) {
                case SMALL_OBJECT:
                case LARGE_OBJECT:
                case SMALL_ARRAY:
                case LARGE_ARRAY:
                    return container(type, at, end, depth + 1);
                case LITERAL:
                    return at < end ? literal(b[at] & 0xFF) : "literal past the end";
                case INT16:
                    return at + 2 <= end ? append(Long.toString((short) le(at, 2))) : "int16 past the end";
                case UINT16:
                    return at + 2 <= end ? append(Long.toString(le(at, 2))) : "uint16 past the end";
                case INT32:
                    return at + 4 <= end ? append(Long.toString((int) le(at, 4))) : "int32 past the end";
                case UINT32:
                    return at + 4 <= end ? append(Long.toString(le(at, 4))) : "uint32 past the end";
                case INT64:
                    return at + 8 <= end ? append(Long.toString(le(at, 8))) : "int64 past the end";
                case UINT64:
                    return at + 8 <= end ? append(Long.toUnsignedString(le(at, 8))) : "uint64 past the end";
                case DOUBLE:
                    return at + 8 <= end ? dbl(Double.longBitsToDouble(le(at, 8))) : "double past the end";
                case STRING:
                    return string(at, end);
                case OPAQUE:
                    return opaque(at, end);
                default:
                    return "unknown value type 0x" + Integer.toHexString(type);
            }
        }

        private String container(int type, int at, int end, int depth) {
            if (depth > MAX_DEPTH) {
                return "nested deeper than " + MAX_DEPTH + " levels";
            }
            boolean large = type == LARGE_OBJECT || type == LARGE_ARRAY;
            boolean object = type == SMALL_OBJECT || type == LARGE_OBJECT;
            int w = large ? 4 : 2;
            if (at + 2L * w > end) {
                return "container header past the end";
            }
            long count = le(at, w);
            long size = le(at + w, w);
            if (size > end - at) {
                return "container of " + size + " bytes in " + (end - at);
            }
            int limit = at + (int) size;
            int keyEntry = w + 2;
            int valueEntry = 1 + w;
            long headerEnd = 2L * w + count * ((object ? keyEntry : 0) + valueEntry);
            if (headerEnd > size) {
                return count + " elements do not fit in " + size + " bytes";
            }
            out.append(object ? '{' : '[');
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (object) {
                    int entry = at + 2 * w + i * keyEntry;
                    long keyOff = le(entry, w);
                    int keyLen = (int) le(entry + w, 2);
                    if (keyOff < headerEnd || keyOff + keyLen > size) {
                        return "key " + i + " at " + keyOff + "+" + keyLen + " outside its object";
                    }
                    String problem = quoted(at + (int) keyOff, keyLen);
                    if (problem != null) {
                        return problem;
                    }
                    out.append(": ");
                }
                int entry = at + 2 * w + (object ? (int) count * keyEntry : 0) + i * valueEntry;
                String problem = entry(b[entry] & 0xFF, entry + 1, large, at, limit, headerEnd, depth);
                if (problem != null) {
                    return problem;
                }
            }
            out.append(object ? '}' : ']');
            return null;
        }

        /** A value entry: inlined small scalars, or an offset from the container start {@code base}. */
        private String entry(int type, int at, boolean large, int base, int limit, long headerEnd, int depth) {
            int w = large ? 4 : 2;
            boolean inlined = type == LITERAL || type == INT16 || type == UINT16
                    || large && (type == INT32 || type == UINT32);
            if (inlined) {
                return value(type, at, at + w, depth);
            }
            long valueOff = le(at, w);
            if (valueOff < headerEnd || base + valueOff >= limit) {
                return "value at " + valueOff + " outside its container";
            }
            return value(type, base + (int) valueOff, limit, depth);
        }

        private String literal(int code) {
            return switch (code) {
                case LITERAL_NULL -> append("null");
                case LITERAL_TRUE -> append("true");
                case LITERAL_FALSE -> append("false");
                default -> "unknown literal " + code;
            };
        }

        private String dbl(double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "double " + d + " cannot be stored";
            }
            String s = FloatCodec.gcvt(d, 17);
            out.append(s);
            if (pointZero && s.indexOf('.') < 0 && s.indexOf('e') < 0) {
                out.append(".0"); // 8.0's json_dom.cc keeps doubles distinguishable from integers
            }
            return null;
        }

        private String string(int at, int end) {
            long[] lenAndStart = varLength(at, end);
            if (lenAndStart == null) {
                return "string length past the end";
            }
            long len = lenAndStart[0];
            int start = (int) lenAndStart[1];
            if (len > end - start) {
                return "string of " + len + " bytes past the end";
            }
            return quoted(start, (int) len);
        }

        private String opaque(int at, int end) {
            if (at >= end) {
                return "opaque type past the end";
            }
            int fieldType = b[at] & 0xFF;
            long[] lenAndStart = varLength(at + 1, end);
            if (lenAndStart == null) {
                return "opaque length past the end";
            }
            long len = lenAndStart[0];
            int start = (int) lenAndStart[1];
            if (len > end - start) {
                return "opaque value of " + len + " bytes past the end";
            }
            int n = (int) len;
            switch (fieldType) {
                case MYSQL_TYPE_DATE, MYSQL_TYPE_TIME, MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP:
                    if (n != 8) {
                        return "packed temporal of " + n + " bytes";
                    }
                    return temporal(fieldType, le(start, 8));
                case MYSQL_TYPE_NEWDECIMAL: {
                    if (n < 2) {
                        return "decimal without precision and scale";
                    }
                    int precision = b[start] & 0xFF;
                    int scale = b[start + 1] & 0xFF;
                    int stored = DecimalCodec.storedLength(precision, scale);
                    if (stored < 0 || stored != n - 2) {
                        return "decimal(" + precision + "," + scale + ") in " + (n - 2) + " bytes";
                    }
                    Decoded d = DecimalCodec.decode(b, start + 2, precision, scale);
                    return d.isBad() ? d.reason() : append(d.text());
                }
                default: {
                    byte[] data = new byte[n];
                    System.arraycopy(b, start, data, 0, n);
                    String text = "base64:type" + fieldType + ":" + Base64.getEncoder().encodeToString(data);
                    escape(text);
                    return null;
                }
            }
        }

        /** Packed MYSQL_TIME (TIME_to_longlong_*_packed) as my_TIME_to_str prints it with 6 decimals. */
        private String temporal(int fieldType, long packed) {
            boolean negative = packed < 0;
            long v = negative ? -packed : packed;
            long micros = v % (1L << 24);
            long rest = v >> 24;
            StringBuilder s = new StringBuilder(32);
            if (fieldType == MYSQL_TYPE_TIME) {
                long hour = (rest >> 12) % (1 << 10);
                if (negative) {
                    s.append('-');
                }
                Bytes.pad(s, hour, 2);
                s.append(':');
                Bytes.pad(s, (rest >> 6) % 64, 2);
                s.append(':');
                Bytes.pad(s, rest % 64, 2);
                s.append('.');
                Bytes.pad(s, micros, 6);
            } else {
                if (negative) {
                    return "negative packed date";
                }
                long ymd = rest >> 17;
                long ym = ymd >> 5;
                long hms = rest % (1 << 17);
                Bytes.pad(s, ym / 13, 4);
                s.append('-');
                Bytes.pad(s, ym % 13, 2);
                s.append('-');
                Bytes.pad(s, ymd % 32, 2);
                if (fieldType != MYSQL_TYPE_DATE) {
                    s.append(' ');
                    Bytes.pad(s, hms >> 12, 2);
                    s.append(':');
                    Bytes.pad(s, (hms >> 6) % 64, 2);
                    s.append(':');
                    Bytes.pad(s, hms % 64, 2);
                    s.append('.');
                    Bytes.pad(s, micros, 6);
                }
            }
            if (micros > 999_999) {
                return "microseconds " + micros;
            }
            out.append('"').append(s).append('"');
            return null;
        }

        /** json_binary.cc read_variable_length: 7 bits per byte, low first, at most 5 bytes; {length, data start}. */
        private long[] varLength(int at, int end) {
            long len = 0;
            for (int i = 0; i < 5; i++) {
                if (at + i >= end) {
                    return null;
                }
                int v = b[at + i] & 0xFF;
                len |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    return len > Integer.MAX_VALUE ? null : new long[] {len, at + i + 1};
                }
            }
            return null;
        }

        /** utf8mb4 bytes as a double-quoted JSON string. */
        private String quoted(int at, int len) {
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, at, len)).toString();
            } catch (CharacterCodingException e) {
                return "string at " + at + " is not valid utf8mb4";
            }
            escape(s);
            return null;
        }

        private void escape(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c <= 0x1F) {
                            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        private String append(String s) {
            out.append(s);
            return null;
        }

        private long le(int at, int width) {
            return Bytes.readLittleEndian(b, at, width) & (width == 8 ? -1L : (1L << (8 * width)) - 1);
        }
    }
}
