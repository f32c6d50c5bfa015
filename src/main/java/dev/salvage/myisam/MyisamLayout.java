package dev.salvage.myisam;

import dev.salvage.frm.FrmResult;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.BitCodec;
import dev.salvage.types.DecimalCodec;
import dev.salvage.types.EnumSetCodec;
import dev.salvage.types.MysqlCharset;
import dev.salvage.types.TemporalCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a MyISAM record image, from the .frm (exact: the server's own offsets and NULL bits) or computed
 * from a CREATE TABLE the way the server lays out {@code record[0]} (NULL flags first, then the columns in order).
 *
 * @param table    the definition (names, types, charsets)
 * @param dialect  the server that wrote the table (MySQL 5.7 JSON is binary, MariaDB's is text)
 * @param fields   the stored columns in order (virtual generated columns have no bytes and are left out)
 * @param length   the record length the layout implies
 */
public record MyisamLayout(TableDef table, ServerDialect dialect, List<MyisamField> fields, int length) {

    static final int FIELD_TYPE_BIT = 16;
    static final int FIELD_TYPE_STRING = 254;

    public MyisamLayout {
        fields = List.copyOf(fields);
    }

    /**
     * From a .frm. {@code fixedFormat}: the NULL flags of a FIXED table start at bit 1 (bit 0 is the "not
     * deleted" flag), those of a DYNAMIC table at bit 0; needed to place a BIT column's uneven bits.
     */
    public static MyisamLayout fromFrm(FrmResult frm, boolean fixedFormat) {
        List<Column> columns = frm.table().columns();
        List<MyisamField> fields = new ArrayList<>();
        int nextBit = fixedFormat ? 1 : 0;
        int length = 0;
        for (int i = 0; i < frm.fields().size() && i < columns.size(); i++) {
            FrmResult.FieldLayout f = frm.fields().get(i);
            Column c = columns.get(i);
            if (f.nullBit() >= 0) {
                nextBit = f.nullBit() + 1;
            }
            int uneven = -1;
            if (f.fieldType() == FIELD_TYPE_BIT && c.type().kind() == TypeKind.BIT && (bits(c) & 7) != 0) {
                uneven = nextBit;
                nextBit += bits(c) & 7;
            }
            if (f.virtual() || c.isVirtual()) {
                continue;
            }
            int pack = f.packLength() >= 0 ? f.packLength() : packLength(c, frm.dialect(), frm.table().charset());
            fields.add(new MyisamField(c, f.fieldType(), f.offset(), pack, f.nullBit(), uneven));
            length = Math.max(length, f.offset() + Math.max(pack, 0));
        }
        return new MyisamLayout(frm.table(), frm.dialect(), fields, length);
    }

    /**
     * From DDL text, laid out as the server does ({@code TABLE_SHARE::init_from_binary_frm}): the NULL flag bytes
     * (one flag per NULLable column, the uneven bits of BIT columns, bit 0 reserved in FIXED tables), then every
     * stored column in order. Temporal columns are assumed in the 5.6.4+ formats.
     */
    public static MyisamLayout fromTableDef(TableDef table, ServerDialect dialect, boolean fixedFormat) {
        int bit = fixedFormat ? 1 : 0;
        int[] nullBits = new int[table.columns().size()];
        int[] uneven = new int[table.columns().size()];
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            nullBits[i] = c.nullable() && !c.isVirtual() ? bit++ : -1;
            uneven[i] = -1;
            if (c.type().kind() == TypeKind.BIT && !c.isVirtual() && (bits(c) & 7) != 0) {
                uneven[i] = bit;
                bit += bits(c) & 7;
            }
        }
        int offset = (bit + 7) / 8;
        List<MyisamField> fields = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            if (c.isVirtual()) {
                continue;
            }
            int pack = packLength(c, dialect, table.charset());
            fields.add(new MyisamField(c, -1, offset, pack, nullBits[i], uneven[i]));
            offset += Math.max(pack, 0);
        }
        return new MyisamLayout(table, dialect, fields, offset);
    }

    static int bits(Column c) {
        return c.type().length() == null ? 1 : c.type().length();
    }

    /** Bytes of the value-length prefix of a BLOB/TEXT column in the record (1 TINY, 2 plain, 3 MEDIUM, 4 LONG). */
    static int blobLengthBytes(TypeKind kind) {
        return switch (kind) {
            case TINYBLOB, TINYTEXT -> 1;
            case BLOB, TEXT -> 2;
            case MEDIUMBLOB, MEDIUMTEXT -> 3;
            default -> 4; // LONGBLOB, LONGTEXT, JSON, every GEOMETRY type
        };
    }

    static boolean isBlob(TypeKind kind) {
        return switch (kind) {
            case TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, JSON, GEOMETRY, POINT,
                    LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> true;
            default -> false;
        };
    }

    /** Bytes a column takes in the server's record, as {@code Field::pack_length()}; -1 when unknown. */
    static int packLength(Column c, ServerDialect dialect, String tableCharset) {
        ColumnType type = c.type();
        Integer length = type.length();
        int fsp = type.fsp();
        TypeKind kind = type.kind();
        if (isBlob(kind)) {
            return blobLengthBytes(kind) + PackedRecord.BLOB_POINTER;
        }
        return switch (kind) {
            case TINYINT, YEAR -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT, DATE -> 3;
            case INT -> 4;
            case BIGINT, DOUBLE -> 8;
            case FLOAT -> type.scale() == null && length != null && length > 24 ? 8 : 4;
            case DECIMAL -> DecimalCodec.storedLength(length == null ? 10 : length,
                    type.scale() == null ? 0 : type.scale());
            case BIT -> bits(c) / 8;
            case TIME -> TemporalCodec.time2Length(fsp);
            case DATETIME -> TemporalCodec.datetime2Length(fsp);
            case TIMESTAMP -> TemporalCodec.timestamp2Length(fsp);
            case ENUM -> EnumSetCodec.enumLength(type.labels().size());
            case SET -> EnumSetCodec.setLength(type.labels().size());
            case CHAR -> (length == null ? 1 : length) * maxBytes(c, dialect, tableCharset);
            case BINARY -> length == null ? 1 : length;
            case VARCHAR -> prefixed((length == null ? 1 : length) * maxBytes(c, dialect, tableCharset));
            case VARBINARY -> prefixed(length == null ? 1 : length);
            case INET6, UUID -> 16;
            default -> -1;
        };
    }

    private static int prefixed(int bytes) {
        return bytes + (bytes > 255 ? 2 : 1);
    }

    private static int maxBytes(Column c, ServerDialect dialect, String tableCharset) {
        String cs = c.charset() != null ? c.charset() : tableCharset != null ? tableCharset : dialect.defaultCharset();
        return MysqlCharset.forName(cs).or(() -> MysqlCharset.forCollation(cs))
                .map(MysqlCharset::maxBytesPerChar).orElse(4);
    }
}
