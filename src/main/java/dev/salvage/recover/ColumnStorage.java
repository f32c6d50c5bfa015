package dev.salvage.recover;

import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.BitCodec;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.EnumSetCodec;
import dev.salvage.types.MariadbTemporalCodec;
import dev.salvage.types.TemporalCodec;

import java.util.Locale;

/**
 * How InnoDB stores one column in an index record: a fixed number of bytes, a variable length up to a maximum,
 * or a BLOB-like value that may live off-page (dict0dict.cc / data0type.ic {@code dtype_get_fixed_size_low}).
 *
 * @param fixed   bytes when fixed-length, else 0
 * @param maxLen  most bytes a variable-length value may take; {@link Integer#MAX_VALUE} for BLOBs
 * @param blob    BLOB/TEXT/JSON/GEOMETRY: always "big", may be stored off-page
 */
record ColumnStorage(int fixed, int maxLen, boolean blob) {

    static ColumnStorage fixedBytes(int n) {
        return new ColumnStorage(n, n, false);
    }

    static ColumnStorage variable(int max) {
        return new ColumnStorage(0, max, false);
    }

    static ColumnStorage blobValue() {
        return new ColumnStorage(0, Integer.MAX_VALUE, true);
    }

    /** The storage of {@code column} in records of {@code format}; charset maxima from {@code dialect}. */
    static ColumnStorage of(Column column, String tableCharset, RecordFormat format, TemporalFormat temporal,
            ServerDialect dialect) {
        ColumnType type = column.type();
        Integer length = type.length();
        int fsp = type.fsp();
        boolean legacy = temporal == TemporalFormat.LEGACY;
        return switch (type.kind()) {
            case TINYINT -> fixedBytes(1);
            case SMALLINT -> fixedBytes(2);
            case MEDIUMINT -> fixedBytes(3);
            case INT -> fixedBytes(4);
            case BIGINT -> fixedBytes(8);
            case DECIMAL -> fixedBytes(Math.max(1, DecimalCodec.storedLength(length == null ? 10 : length,
                    type.scale() == null ? 0 : type.scale())));
            case FLOAT -> fixedBytes(isDoubleFloat(type) ? 8 : 4);
            case DOUBLE -> fixedBytes(8);
            case BIT -> fixedBytes(BitCodec.storedLength(length == null ? 1 : length));
            case YEAR -> fixedBytes(1);
            case DATE -> fixedBytes(3);
            case TIME -> fixedBytes(!legacy ? TemporalCodec.time2Length(fsp)
                    : fsp == 0 ? 3 : MariadbTemporalCodec.timeLength(fsp));
            case DATETIME -> fixedBytes(!legacy ? TemporalCodec.datetime2Length(fsp)
                    : fsp == 0 ? 8 : MariadbTemporalCodec.datetimeLength(fsp));
            case TIMESTAMP -> fixedBytes(!legacy ? TemporalCodec.timestamp2Length(fsp)
                    : fsp == 0 ? 4 : MariadbTemporalCodec.timestampLength(fsp));
            case CHAR -> charStorage(length == null ? 1 : length, charsetOf(column, tableCharset), format, dialect);
            case VARCHAR -> variable((length == null ? 1 : length) * maxBytes(charsetOf(column, tableCharset), dialect));
            case BINARY -> fixedBytes(Math.max(1, length == null ? 1 : length));
            case VARBINARY -> variable(length == null ? 1 : length);
            case ENUM -> fixedBytes(EnumSetCodec.enumLength(type.labels().size()));
            case SET -> fixedBytes(EnumSetCodec.setLength(type.labels().size()));
            case INET6 -> fixedBytes(16);
            case UUID -> fixedBytes(16);
            default -> blobValue(); // TEXT and BLOB families, JSON, every GEOMETRY type
        };
    }

    /** FLOAT(p) with p > 24 is a DOUBLE; FLOAT(M,D) stays a FLOAT. */
    static boolean isDoubleFloat(ColumnType type) {
        return type.kind() == TypeKind.FLOAT && type.scale() == null && type.length() != null && type.length() > 24;
    }

    /**
     * CHAR(n): fixed n bytes in a single-byte charset; in a multi-byte charset COMPACT-family records store it
     * with a length (n..n*mbmaxlen bytes, dict_col_get_fixed_size returns 0 when mbminlen != mbmaxlen) while
     * REDUNDANT records keep it at n*mbmaxlen.
     */
    private static ColumnStorage charStorage(int chars, String charset, RecordFormat format, ServerDialect dialect) {
        int max = maxBytes(charset, dialect);
        int min = minBytes(charset);
        if (max == 1) {
            return fixedBytes(Math.max(1, chars));
        }
        if (format == RecordFormat.REDUNDANT || min == max) {
            return fixedBytes(Math.max(1, chars * max));
        }
        return variable(chars * max);
    }

    static String charsetOf(Column column, String tableCharset) {
        if (column.charset() != null) {
            return column.charset();
        }
        return tableCharset != null ? tableCharset : "utf8mb4";
    }

    static int maxBytes(String charset, ServerDialect dialect) {
        return MysqlCharset.byName(charset, dialect).map(MysqlCharset::maxBytesPerChar)
                .or(() -> dev.salvage.types.MysqlCharset.forName(charset).map(
                        dev.salvage.types.MysqlCharset::maxBytesPerChar))
                .orElse(4);
    }

    /** mbminlen: the wide fixed-width Unicode sets take at least 2 or 4 bytes per character. */
    static int minBytes(String charset) {
        return switch (charset.toLowerCase(Locale.ROOT)) {
            case "ucs2", "utf16", "utf16le" -> 2;
            case "utf32" -> 4;
            default -> 1;
        };
    }
}
