package dev.salvage.myisam;

import dev.salvage.out.RowValue;
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
import dev.salvage.types.JsonBinary;
import dev.salvage.types.MariadbTemporalCodec;
import dev.salvage.types.MysqlCharset;
import dev.salvage.types.StringCodec;
import dev.salvage.types.TemporalCodec;

import java.util.Arrays;

/**
 * Decodes one column of a MyISAM record image. The value formats are the server's in-memory ones
 * ({@code Field::store} in sql/field.cc), which differ from InnoDB's: integers, ENUM/SET, FLOAT/DOUBLE, DATE and
 * the pre-5.6.4 temporal types are little-endian and signed integers keep their sign bit; DECIMAL, BIT,
 * DATETIME2/TIME2/TIMESTAMP2 and MariaDB's fractional ("hires") temporals are big-endian as in InnoDB. Where an
 * InnoDB decoder exists, the bytes are reshaped into InnoDB's form and handed to it, so that the text matches
 * {@code salvage rows} exactly.
 */
final class MyisamValues {

    /** Decodes a column from the record image; {@code blob} is the column's contents for BLOB/TEXT, else null. */
    @FunctionalInterface
    interface FieldDecoder {
        RowValue decode(byte[] image, byte[] blob);
    }

    // MYSQL_TYPE_* codes of the formats that the .frm distinguishes and a CREATE TABLE does not.
    private static final int TIMESTAMP_OLD = 7;
    private static final int DATE_OLD = 10;
    private static final int TIME_OLD = 11;
    private static final int DATETIME_OLD = 12;
    private static final int DECIMAL_OLD = 0;

    private MyisamValues() {
    }

    static FieldDecoder of(MyisamField field, String tableCharset, ServerDialect dialect) {
        Column column = field.column();
        ColumnType type = column.type();
        int off = field.offset();
        int len = field.packLength();
        int fsp = type.fsp();
        boolean unsigned = column.unsigned();
        int fieldType = field.fieldType();
        if (len < 0) {
            return (image, blob) -> RowValue.damaged("storage of " + type.sql() + " in MyISAM not known");
        }
        if (MyisamLayout.isBlob(type.kind())) {
            return blob(field, tableCharset, dialect);
        }
        if (fieldType == DECIMAL_OLD || fieldType == DATE_OLD) {
            return (image, blob) -> RowValue.damaged("pre-5.0 " + type.sql() + " format not supported");
        }
        return switch (type.kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> (image, blob) -> RowValue.text(unsigned
                    ? Long.toUnsignedString(littleEndian(image, off, len))
                    : Long.toString(signExtend(littleEndian(image, off, len), len)));
            case DECIMAL -> {
                int p = type.length() == null ? 10 : type.length();
                int s = type.scale() == null ? 0 : type.scale();
                yield (image, blob) -> RowValue.of(DecimalCodec.decode(image, off, p, s));
            }
            case FLOAT, DOUBLE -> {
                int decimals = type.scale() == null ? -1 : type.scale();
                yield len == 8 ? (image, blob) -> RowValue.of(FloatCodec.decodeDouble(image, off, decimals))
                        : (image, blob) -> RowValue.of(FloatCodec.decodeFloat(image, off, decimals));
            }
            case YEAR -> (image, blob) -> RowValue.of(TemporalCodec.year(image, off));
            // Field_newdate: 3 bytes little-endian YYYY*16*32 + MM*32 + DD; InnoDB's form is big-endian, sign flipped.
            case DATE -> (image, blob) -> RowValue.of(TemporalCodec.date(
                    bigEndian(littleEndian(image, off, 3) ^ 0x800000L, 3), 0));
            case TIME -> fieldType == TIME_OLD
                    ? fsp == 0 ? (image, blob) -> RowValue.of(TemporalCodec.timeOld(flippedBigEndian(image, off, 3), 0))
                    : (image, blob) -> RowValue.of(MariadbTemporalCodec.time(image, off, fsp))
                    : (image, blob) -> RowValue.of(TemporalCodec.time2(image, off, fsp));
            case DATETIME -> fieldType == DATETIME_OLD
                    ? fsp == 0 ? (image, blob) -> RowValue.of(TemporalCodec.datetimeOld(flippedBigEndian(image, off, 8), 0))
                    : (image, blob) -> RowValue.of(MariadbTemporalCodec.datetime(image, off, fsp))
                    : (image, blob) -> RowValue.of(TemporalCodec.datetime2(image, off, fsp));
            case TIMESTAMP -> fieldType == TIMESTAMP_OLD
                    ? fsp == 0 ? (image, blob) -> RowValue.of(TemporalCodec.timestampOld(
                            bigEndian(littleEndian(image, off, 4), 4), 0))
                    : (image, blob) -> RowValue.of(MariadbTemporalCodec.timestamp(image, off, fsp))
                    : (image, blob) -> RowValue.of(TemporalCodec.timestamp2(image, off, fsp));
            case ENUM -> (image, blob) -> RowValue.of(EnumSetCodec.decodeEnum(
                    bigEndian(littleEndian(image, off, len), EnumSetCodec.enumLength(type.labels().size())), 0,
                    type.labels()));
            case SET -> (image, blob) -> RowValue.of(EnumSetCodec.decodeSet(
                    bigEndian(littleEndian(image, off, len), EnumSetCodec.setLength(type.labels().size())), 0,
                    type.labels()));
            case BIT -> bit(field);
            case CHAR -> fixedText(column, tableCharset, off, len);
            case VARCHAR -> varText(column, tableCharset, off, len);
            case VARBINARY -> (image, blob) -> {
                int prefix = len > 256 ? 2 : 1;
                int n = (int) littleEndian(image, off, prefix);
                return n > len - prefix ? RowValue.damaged("VARBINARY length " + n + " beyond " + (len - prefix))
                        : RowValue.bytes(Arrays.copyOfRange(image, off + prefix, off + prefix + n));
            };
            default -> (image, blob) -> RowValue.bytes(Arrays.copyOfRange(image, off, off + len)); // BINARY, INET6, UUID
        };
    }

    private static FieldDecoder fixedText(Column column, String tableCharset, int off, int len) {
        MysqlCharset cs = charset(column, tableCharset);
        if (cs == null) {
            return (image, blob) -> RowValue.damaged("unknown character set of " + column.name());
        }
        return (image, blob) -> {
            Decoded d = StringCodec.decodeChar(image, off, len, cs);
            if (d.kind() != Decoded.Kind.TEXT) {
                return RowValue.of(d);
            }
            int end = off + len;
            while (end > off && image[end - 1] == ' ') {
                end--;
            }
            return RowValue.text(d.text(), Arrays.copyOfRange(image, off, end));
        };
    }

    private static FieldDecoder varText(Column column, String tableCharset, int off, int len) {
        MysqlCharset cs = charset(column, tableCharset);
        int prefix = len > 256 ? 2 : 1;
        return (image, blob) -> {
            int n = (int) littleEndian(image, off, prefix);
            if (n > len - prefix) {
                return RowValue.damaged("VARCHAR length " + n + " beyond " + (len - prefix));
            }
            return text(image, off + prefix, n, cs);
        };
    }

    private static RowValue text(byte[] b, int off, int n, MysqlCharset cs) {
        if (cs == null) {
            return RowValue.damaged("unknown character set");
        }
        Decoded d = StringCodec.decode(b, off, n, cs);
        return d.kind() == Decoded.Kind.TEXT ? RowValue.text(d.text(), Arrays.copyOfRange(b, off, off + n))
                : RowValue.of(d);
    }

    private static FieldDecoder blob(MyisamField field, String tableCharset, ServerDialect dialect) {
        Column column = field.column();
        TypeKind kind = column.type().kind();
        int lengthBytes = field.packLength() - PackedRecord.BLOB_POINTER;
        int off = field.offset();
        MysqlCharset cs = charset(column, tableCharset);
        return (image, blob) -> {
            if (blob == null) {
                return RowValue.damaged("BLOB contents missing");
            }
            long stored = lengthBytes >= 1 && lengthBytes <= 4 ? littleEndian(image, off, lengthBytes) : -1;
            if (stored != blob.length) {
                return RowValue.damaged("BLOB length " + stored + " in the record, " + blob.length + " bytes stored");
            }
            return switch (kind.family()) {
                case TEXT -> text(blob, 0, blob.length, cs);
                case GEOMETRY -> RowValue.of(GeometryCodec.decode(blob, 0, blob.length));
                case JSON -> dialect != null && dialect.isMariadb() ? text(blob, 0, blob.length,
                        MysqlCharset.forName("utf8mb4").orElse(null))
                        : RowValue.of(JsonBinary.toText(blob, 0, blob.length, false));
                default -> RowValue.bytes(blob);
            };
        };
    }

    /** BIT(M): the whole bytes big-endian at the column, the M % 8 high bits among the NULL flags. */
    private static FieldDecoder bit(MyisamField field) {
        int bits = MyisamLayout.bits(field.column());
        int bytes = field.packLength();
        int uneven = bits & 7;
        int start = field.unevenBitStart();
        int off = field.offset();
        return (image, blob) -> {
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value = value << 8 | (image[off + i] & 0xff);
            }
            if (uneven != 0 && start >= 0) {
                long high = 0;
                for (int i = 0; i < uneven; i++) {
                    int b = start + i;
                    high |= (long) ((image[b / 8] >> (b % 8)) & 1) << i;
                }
                value |= high << (8 * bytes);
            }
            return RowValue.of(BitCodec.decode(bigEndian(value, BitCodec.storedLength(bits)), 0, bits));
        };
    }

    private static MysqlCharset charset(Column column, String tableCharset) {
        String name = column.charset() != null ? column.charset() : tableCharset != null ? tableCharset : "utf8mb4";
        return MysqlCharset.forName(name).or(() -> MysqlCharset.forCollation(name)).orElse(null);
    }

    static long littleEndian(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    static long signExtend(long raw, int len) {
        int shift = 64 - 8 * len;
        return shift == 0 ? raw : (raw << shift) >> shift;
    }

    static byte[] bigEndian(long value, int len) {
        byte[] out = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** A little-endian signed integer as InnoDB stores it (big-endian, sign bit flipped), for the old formats. */
    private static byte[] flippedBigEndian(byte[] b, int off, int len) {
        return bigEndian(littleEndian(b, off, len) ^ (1L << (8 * len - 1)), len);
    }
}
