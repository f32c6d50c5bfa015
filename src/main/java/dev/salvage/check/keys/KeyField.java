package dev.salvage.check.keys;

import dev.salvage.schema.Column;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.Decoded;
import dev.salvage.types.TemporalCodec;

import java.nio.charset.Charset;

/**
 * One field of an index record as the key layer sees it: the column it comes from (null for DB_ROW_ID), how
 * many leading characters a prefix index keeps, how two values compare, and how to print one.
 *
 * @param order     null when the order of this field cannot be checked exactly
 * @param orderNote why not (empty when {@code order} is set)
 * @param charset   Java charset for printing text values, null for non-text fields
 * @param temporal  true when temporal values are in the 5.6.4+ (DATETIME2 …) formats and can be printed
 * @param descending a DESC key part the server stores in descending order (MySQL 8.0, MariaDB 10.8+)
 */
record KeyField(String name, Column column, Integer prefixChars, FieldOrder order, String orderNote,
        Charset charset, boolean temporal, boolean descending) {

    /** DB_ROW_ID: 6 bytes, unsigned big-endian. */
    static KeyField rowId() {
        return new KeyField("DB_ROW_ID", null, null, FieldOrder.BYTES, "", null, false, false);
    }

    /** The value for messages: decoded where the type allows, else printable text or hex. */
    String render(byte[] v) {
        if (v == null) {
            return "NULL";
        }
        if (column == null) {
            return Long.toUnsignedString(bigEndian(v, false));
        }
        var type = column.type();
        switch (type.kind().family()) {
            case INTEGER:
                if (v.length <= 8) {
                    long n = bigEndian(v, !column.unsigned());
                    return column.unsigned() ? Long.toUnsignedString(n) : Long.toString(n);
                }
                break;
            case DECIMAL:
                Decoded d = DecimalCodec.decode(v, 0, type.length() == null ? 10 : type.length(),
                        type.scale() == null ? 0 : type.scale());
                if (!d.isBad()) {
                    return d.text();
                }
                break;
            case TEMPORAL:
                if (temporal) {
                    Decoded t = switch (type.kind()) {
                        case DATE -> TemporalCodec.date(v, 0);
                        case YEAR -> TemporalCodec.year(v, 0);
                        case DATETIME -> TemporalCodec.datetime2(v, 0, type.fsp());
                        case TIMESTAMP -> TemporalCodec.timestamp2(v, 0, type.fsp());
                        case TIME -> TemporalCodec.time2(v, 0, type.fsp());
                        default -> Decoded.bad("");
                    };
                    if (!t.isBad()) {
                        return "'" + t.text() + "'";
                    }
                }
                break;
            case TEXT:
                if (charset != null) {
                    return "'" + new String(v, charset).replace("'", "''") + "'";
                }
                break;
            default:
                break;
        }
        return IndexKey.raw(v);
    }

    /** Big-endian integer; signed values are stored with the sign bit flipped so that memcmp sorts them. */
    private static long bigEndian(byte[] v, boolean signed) {
        long n = 0;
        for (byte b : v) {
            n = (n << 8) | (b & 0xFF);
        }
        if (signed && v.length > 0) {
            int bits = v.length * 8;
            n ^= 1L << (bits - 1);
            if (bits < 64) {
                n = (n << (64 - bits)) >> (64 - bits);
            }
        }
        return n;
    }
}
