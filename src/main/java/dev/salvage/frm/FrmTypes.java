package dev.salvage.frm;

import dev.salvage.schema.ColumnType;
import dev.salvage.schema.TypeKind;
import java.util.List;
import java.util.Locale;

/**
 * Field entry → {@link ColumnType}: the field type byte (MYSQL_TYPE_*), the pack flag and the length together
 * say what the DDL declared (sql/field.cc {@code make_field}, MariaDB {@code Type_handler::*frm_unpack}).
 */
final class FrmTypes {

    // enum_field_types (include/mysql_com.h, MariaDB include/mysql_com.h)
    static final int DECIMAL = 0, TINY = 1, SHORT = 2, LONG = 3, FLOAT = 4, DOUBLE = 5, TIMESTAMP = 7,
            LONGLONG = 8, INT24 = 9, DATE = 10, TIME = 11, DATETIME = 12, YEAR = 13, NEWDATE = 14, VARCHAR = 15,
            BIT = 16, TIMESTAMP2 = 17, DATETIME2 = 18, TIME2 = 19, JSON = 245, NEWDECIMAL = 246, ENUM = 247,
            SET = 248, TINY_BLOB = 249, MEDIUM_BLOB = 250, LONG_BLOB = 251, BLOB = 252, VAR_STRING = 253,
            STRING = 254, GEOMETRY = 255;

    /** NOT_FIXED_DEC: FLOAT/DOUBLE declared without (M,D). */
    static final int NOT_FIXED_DEC = 31;
    /** The width of "YYYY-MM-DD hh:mm:ss" and "hh:mm:ss" without fraction (MAX_DATETIME_WIDTH, MIN_TIME_WIDTH). */
    private static final int DATETIME_WIDTH = 19, TIME_WIDTH = 10;

    private static final TypeKind[] GEOMETRIES = {TypeKind.GEOMETRY, TypeKind.POINT, TypeKind.LINESTRING,
        TypeKind.POLYGON, TypeKind.MULTIPOINT, TypeKind.MULTILINESTRING, TypeKind.MULTIPOLYGON,
        TypeKind.GEOMETRYCOLLECTION};

    private FrmTypes() {
    }

    /**
     * The declared type, or null when the bytes name no type salvage knows.
     *
     * @param binary          the column's collation is {@code binary} (makes BINARY/VARBINARY/BLOB)
     * @param mbMaxLen        longest character of the column's character set, to turn bytes into characters
     * @param labels          ENUM/SET labels when the field has an interval
     * @param dataTypeName    MariaDB's extra2 data type name ({@code inet6}, {@code uuid}, ...), else null
     */
    static ColumnType columnType(FrmField f, boolean binary, int mbMaxLen, List<String> labels, String dataTypeName) {
        if (dataTypeName != null) {
            ColumnType named = byName(dataTypeName);
            if (named != null) {
                return named;
            }
        }
        int len = f.length();
        return switch (f.fieldType()) {
            case TINY -> ColumnType.of(TypeKind.TINYINT, len);
            case SHORT -> ColumnType.of(TypeKind.SMALLINT, len);
            case INT24 -> ColumnType.of(TypeKind.MEDIUMINT, len);
            case LONG -> ColumnType.of(TypeKind.INT, len);
            case LONGLONG -> ColumnType.of(TypeKind.BIGINT, len);
            case DECIMAL, NEWDECIMAL -> decimal(f);
            case FLOAT -> floating(TypeKind.FLOAT, f);
            case DOUBLE -> floating(TypeKind.DOUBLE, f);
            case BIT -> ColumnType.of(TypeKind.BIT, len);
            case YEAR -> ColumnType.of(TypeKind.YEAR, len);
            case DATE, NEWDATE -> ColumnType.of(TypeKind.DATE);
            case TIME, TIME2 -> temporal(TypeKind.TIME, len, TIME_WIDTH);
            case DATETIME, DATETIME2 -> temporal(TypeKind.DATETIME, len, DATETIME_WIDTH);
            case TIMESTAMP, TIMESTAMP2 -> temporal(TypeKind.TIMESTAMP, len, DATETIME_WIDTH);
            case VARCHAR, VAR_STRING -> binary ? ColumnType.of(TypeKind.VARBINARY, len)
                    : ColumnType.of(TypeKind.VARCHAR, len / Math.max(1, mbMaxLen));
            case STRING, ENUM, SET -> string(f, binary, mbMaxLen, labels);
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB -> blob(f, binary);
            case JSON -> ColumnType.of(TypeKind.JSON);
            case GEOMETRY -> ColumnType.of(f.collationId() >= 0 && f.collationId() < GEOMETRIES.length
                    ? GEOMETRIES[f.collationId() & 0xFF] : TypeKind.GEOMETRY);
            default -> null;
        };
    }

    private static ColumnType byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "inet6" -> ColumnType.of(TypeKind.INET6);
            case "uuid" -> ColumnType.of(TypeKind.UUID);
            default -> null;
        };
    }

    /** DECIMAL(M,D): the .frm keeps the display length, M plus a point (when D &gt; 0) plus a sign (signed). */
    private static ColumnType decimal(FrmField f) {
        int scale = f.decimals();
        int precision = f.length() - (scale > 0 ? 1 : 0) - (f.unsigned() ? 0 : 1);
        return ColumnType.of(TypeKind.DECIMAL, Math.max(precision, 0), scale);
    }

    private static ColumnType floating(TypeKind kind, FrmField f) {
        int dec = f.decimals();
        return dec >= NOT_FIXED_DEC ? ColumnType.of(kind) : ColumnType.of(kind, f.length(), dec);
    }

    /** TIME/DATETIME/TIMESTAMP keep "width + 1 + fsp" as their length when they have a fraction. */
    private static ColumnType temporal(TypeKind kind, int length, int width) {
        int fsp = length > width ? length - width - 1 : 0;
        return fsp > 0 ? ColumnType.of(kind, fsp) : ColumnType.of(kind);
    }

    static int fsp(ColumnType type) {
        return type.length() == null ? 0 : type.length();
    }

    private static ColumnType string(FrmField f, boolean binary, int mbMaxLen, List<String> labels) {
        if (f.intervalNumber() > 0 || f.fieldType() == ENUM || f.fieldType() == SET) {
            boolean isSet = f.fieldType() == SET
                    || (f.fieldType() != ENUM && (f.packFlag() & FrmField.FLAG_BITFIELD) != 0
                    && (f.packFlag() & FrmField.FLAG_INTERVAL) == 0);
            return isSet ? ColumnType.setOf(labels) : ColumnType.enumOf(labels);
        }
        return binary ? ColumnType.of(TypeKind.BINARY, f.length())
                : ColumnType.of(TypeKind.CHAR, f.length() / Math.max(1, mbMaxLen));
    }

    /** The TEXT/BLOB size follows from the bytes of its length prefix (pack flag bits 3-6). */
    private static ColumnType blob(FrmField f, boolean binary) {
        int prefixBytes = f.packLengthBits();
        if (prefixBytes < 1 || prefixBytes > 4) {
            prefixBytes = switch (f.fieldType()) {
                case TINY_BLOB -> 1;
                case MEDIUM_BLOB -> 3;
                case LONG_BLOB -> 4;
                default -> 2;
            };
        }
        TypeKind[] kinds = binary
                ? new TypeKind[] {TypeKind.TINYBLOB, TypeKind.BLOB, TypeKind.MEDIUMBLOB, TypeKind.LONGBLOB}
                : new TypeKind[] {TypeKind.TINYTEXT, TypeKind.TEXT, TypeKind.MEDIUMTEXT, TypeKind.LONGTEXT};
        return ColumnType.of(kinds[prefixBytes - 1]);
    }

    /** Bytes the field takes in the record, or -1 when unknown (used to slice the default value). */
    static int packLength(FrmField f, ColumnType type) {
        int len = f.length();
        return switch (f.fieldType()) {
            case TINY -> 1;
            case SHORT -> 2;
            case INT24 -> 3;
            case LONG -> 4;
            case LONGLONG -> 8;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case YEAR -> 1;
            case DATE -> 4;
            case NEWDATE -> 3;
            case TIME -> 3;
            case DATETIME -> 8;
            case TIMESTAMP -> 4;
            case TIME2 -> 3 + (fsp(type) + 1) / 2;
            case DATETIME2 -> 5 + (fsp(type) + 1) / 2;
            case TIMESTAMP2 -> 4 + (fsp(type) + 1) / 2;
            case BIT -> len / 8;
            case VARCHAR, VAR_STRING -> len + (len > 255 ? 2 : 1);
            case STRING -> f.intervalNumber() > 0 ? Math.max(1, f.packLengthBits()) : len;
            case ENUM, SET -> Math.max(1, f.packLengthBits());
            case NEWDECIMAL -> type.length() == null ? -1
                    : dev.salvage.types.DecimalCodec.storedLength(type.length(), type.scale() == null ? 0 : type.scale());
            default -> -1;
        };
    }
}
