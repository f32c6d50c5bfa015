package dev.salvage.recover;

import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.BitCodec;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.Decoded;
import dev.salvage.types.EnumSetCodec;
import dev.salvage.types.FloatCodec;
import dev.salvage.types.GeometryCodec;
import dev.salvage.types.IntegerCodec;
import dev.salvage.types.JsonBinary;
import dev.salvage.types.MariadbTemporalCodec;
import dev.salvage.types.MysqlCharset;
import dev.salvage.types.StringCodec;
import dev.salvage.types.TemporalCodec;

/**
 * Turns one column's stored bytes into a {@link Decoded} value with the decoder of its type family, chosen
 * once per column from the definition (never guessed from the bytes).
 */
@FunctionalInterface
interface ColumnDecoder {

    /** Decodes {@code len} bytes at {@code off}; the caller has checked they lie inside {@code b}. */
    Decoded decode(byte[] b, int off, int len);

    static ColumnDecoder of(Column column, String tableCharset, TemporalFormat temporal, ServerDialect dialect) {
        ColumnType type = column.type();
        int fsp = type.fsp();
        boolean legacy = temporal == TemporalFormat.LEGACY;
        boolean unsigned = column.unsigned();
        return switch (type.kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> (b, off, len) -> IntegerCodec.decode(b, off, len, unsigned);
            case DECIMAL -> {
                int p = type.length() == null ? 10 : type.length();
                int s = type.scale() == null ? 0 : type.scale();
                yield (b, off, len) -> DecimalCodec.decode(b, off, p, s);
            }
            case FLOAT -> {
                int decimals = type.scale() == null ? -1 : type.scale();
                yield ColumnStorage.isDoubleFloat(type) ? (b, off, len) -> FloatCodec.decodeDouble(b, off)
                        : (b, off, len) -> FloatCodec.decodeFloat(b, off, decimals);
            }
            case DOUBLE -> {
                int decimals = type.scale() == null ? -1 : type.scale();
                yield (b, off, len) -> FloatCodec.decodeDouble(b, off, decimals);
            }
            case BIT -> {
                int bits = type.length() == null ? 1 : type.length();
                yield (b, off, len) -> BitCodec.decode(b, off, bits);
            }
            case YEAR -> (b, off, len) -> TemporalCodec.year(b, off);
            case DATE -> (b, off, len) -> TemporalCodec.date(b, off);
            case TIME -> !legacy ? (b, off, len) -> TemporalCodec.time2(b, off, fsp)
                    : fsp == 0 ? (b, off, len) -> TemporalCodec.timeOld(b, off)
                    : (b, off, len) -> MariadbTemporalCodec.time(b, off, fsp);
            case DATETIME -> !legacy ? (b, off, len) -> TemporalCodec.datetime2(b, off, fsp)
                    : fsp == 0 ? (b, off, len) -> TemporalCodec.datetimeOld(b, off)
                    : (b, off, len) -> MariadbTemporalCodec.datetime(b, off, fsp);
            case TIMESTAMP -> !legacy ? (b, off, len) -> TemporalCodec.timestamp2(b, off, fsp)
                    : fsp == 0 ? (b, off, len) -> TemporalCodec.timestampOld(b, off)
                    : (b, off, len) -> MariadbTemporalCodec.timestamp(b, off, fsp);
            case ENUM -> (b, off, len) -> EnumSetCodec.decodeEnum(b, off, type.labels());
            case SET -> (b, off, len) -> EnumSetCodec.decodeSet(b, off, type.labels());
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> text(column, tableCharset);
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON,
                    GEOMETRYCOLLECTION -> GeometryCodec::decode;
            // MySQL 5.7 and 8.0 store JSON in one binary format; MariaDB's JSON is LONGTEXT in utf8mb4.
            case JSON -> dialect != null && dialect.isMariadb()
                    ? (b, off, len) -> StringCodec.decode(b, off, len, "utf8mb4")
                    : dialect == ServerDialect.MYSQL_5_7 ? (b, off, len) -> JsonBinary.toText(b, off, len, false)
                    : JsonBinary::toText;
            default -> StringCodec::binary; // BINARY, VARBINARY, BLOB family, INET6, UUID
        };
    }

    private static ColumnDecoder text(Column column, String tableCharset) {
        String name = ColumnStorage.charsetOf(column, tableCharset);
        MysqlCharset cs = MysqlCharset.forName(name).or(() -> MysqlCharset.forCollation(name)).orElse(null);
        if (cs == null) {
            return (b, off, len) -> Decoded.bad("unknown character set '" + name + "'");
        }
        return column.type().kind() == TypeKind.CHAR ? (b, off, len) -> StringCodec.decodeChar(b, off, len, cs)
                : (b, off, len) -> StringCodec.decode(b, off, len, cs);
    }
}
