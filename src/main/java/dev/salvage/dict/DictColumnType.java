package dev.salvage.dict;

import dev.salvage.schema.Collation;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;
import dev.salvage.types.DecimalCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a SYS_COLUMNS row (MTYPE, PRTYPE, LEN) into a column definition. The dictionary keeps what InnoDB
 * needs to store a value, not everything the server declared: what is lost is said in {@link #losses()}.
 */
final class DictColumnType {

    private final List<String> losses = new ArrayList<>();
    private Column column;

    private DictColumnType() {
    }

    /** The column, or a VARBINARY stand-in with a loss note when the type codes are unknown. */
    static DictColumnType of(String name, long mtype, long prtype, long len, ServerDialect dialect) {
        DictColumnType t = new DictColumnType();
        t.column = t.map(name, (int) mtype, prtype, (int) Math.max(0, Math.min(len, 65535)), dialect);
        return t;
    }

    Column column() {
        return column;
    }

    /** What the dictionary does not tell about this column, one phrase each. */
    List<String> losses() {
        return losses;
    }

    private Column map(String name, int mtype, long prtype, int len, ServerDialect dialect) {
        int mysql = DataType.mysqlType(prtype);
        boolean notNull = (prtype & DataType.NOT_NULL) != 0;
        boolean unsigned = (prtype & DataType.UNSIGNED) != 0;
        int collationId = DataType.collation(prtype);
        if (mtype == DataType.VARCHAR || mtype == DataType.CHAR) {
            collationId = collationId == 0 ? 8 : collationId; // these two types are latin1_swedish_ci by definition
        }
        Collation collation = Collation.byId(collationId, dialect).orElse(null);
        ColumnType type;
        boolean textual = false;
        switch (mtype) {
            case DataType.INT -> type = integerLike(mysql, len);
            case DataType.FLOAT -> type = ColumnType.of(TypeKind.FLOAT);
            case DataType.DOUBLE -> type = ColumnType.of(TypeKind.DOUBLE);
            case DataType.FIXBINARY -> type = fixedBinary(mysql, len);
            case DataType.BINARY -> type = ColumnType.of(TypeKind.VARBINARY, len);
            case DataType.BLOB -> {
                boolean binary = collationId == 63 || (prtype & DataType.BINARY_TYPE) != 0 || collation == null;
                if (mysql == DataType.T_JSON) {
                    type = ColumnType.of(TypeKind.JSON);
                } else if (mysql == DataType.T_GEOMETRY) {
                    type = geometry();
                } else {
                    type = ColumnType.of(blobKind(len, binary));
                    textual = !binary;
                }
            }
            case DataType.GEOMETRY -> type = geometry();
            case DataType.VARCHAR, DataType.VARMYSQL, DataType.CHAR, DataType.MYSQL -> {
                boolean fixed = mtype == DataType.CHAR || mtype == DataType.MYSQL;
                int chars = len;
                if (collation != null) {
                    int max = MysqlCharset.byName(collation.charset(), dialect).map(MysqlCharset::maxBytesPerChar)
                            .orElse(1);
                    chars = len / Math.max(1, max);
                } else {
                    losses.add("collation id " + collationId + " unknown: length shown in bytes");
                }
                type = ColumnType.of(fixed ? TypeKind.CHAR : TypeKind.VARCHAR, chars);
                textual = collation != null;
            }
            default -> {
                losses.add("InnoDB type " + mtype + "/" + prtype + " unknown: shown as varbinary");
                type = ColumnType.of(TypeKind.VARBINARY, Math.max(1, len));
            }
        }
        Column c = new Column(name, type, !notNull, null, null, null, null,
                unsigned && type.kind().isNumeric(), false, null, false, null, false, false, null);
        if (textual && collation != null) {
            c = c.withCharset(collation.charset(), collation.name());
        }
        return c;
    }

    private ColumnType integerLike(int mysql, int len) {
        switch (mysql) {
            case DataType.T_TINY: return ColumnType.of(TypeKind.TINYINT);
            case DataType.T_SHORT: return ColumnType.of(TypeKind.SMALLINT);
            case DataType.T_INT24: return ColumnType.of(TypeKind.MEDIUMINT);
            case DataType.T_LONG: return ColumnType.of(TypeKind.INT);
            case DataType.T_LONGLONG: return ColumnType.of(TypeKind.BIGINT);
            case DataType.T_YEAR: return ColumnType.of(TypeKind.YEAR, 4);
            case DataType.T_DATE, DataType.T_NEWDATE: return ColumnType.of(TypeKind.DATE);
            // Temporal types in their pre-5.6.4 formats are integers to InnoDB.
            case DataType.T_TIME: return ColumnType.of(TypeKind.TIME);
            case DataType.T_DATETIME: return ColumnType.of(TypeKind.DATETIME);
            case DataType.T_TIMESTAMP: return ColumnType.of(TypeKind.TIMESTAMP);
            case DataType.T_STRING, DataType.T_ENUM, DataType.T_SET: return enumOrSet(len);
            default:
                losses.add("integer of MySQL type " + mysql + " unknown: shown by its size");
                return ColumnType.of(len <= 1 ? TypeKind.TINYINT : len == 2 ? TypeKind.SMALLINT
                        : len == 3 ? TypeKind.MEDIUMINT : len == 4 ? TypeKind.INT : TypeKind.BIGINT);
        }
    }

    /**
     * ENUM and SET are stored as their index or bit mask; the labels live only in the .frm. Stand-in labels keep
     * the stored size (so rows decode to the right number); ENUM and SET of 1 or 2 bytes cannot be told apart.
     */
    private ColumnType enumOrSet(int len) {
        if (len <= 2) {
            int n = len <= 1 ? 255 : 256;
            losses.add("ENUM labels unknown (could also be a SET): " + n + " stand-in labels keep its " + len
                    + "-byte size");
            return ColumnType.enumOf(labels(n));
        }
        int n = Math.min(64, 8 * len);
        losses.add("SET members unknown: " + n + " stand-in members keep its " + len + "-byte size");
        return ColumnType.setOf(labels(n));
    }

    private static List<String> labels(int n) {
        List<String> labels = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            labels.add("v" + i);
        }
        return labels;
    }

    private ColumnType fixedBinary(int mysql, int len) {
        switch (mysql) {
            case DataType.T_NEWDECIMAL: return decimal(len);
            case DataType.T_BIT: {
                int bits = Math.max(1, Math.min(64, len * 8));
                if (len > 0) {
                    losses.add("BIT width unknown: " + ((len - 1) * 8 + 1) + " to " + bits + " bits, shown as " + bits);
                }
                return ColumnType.of(TypeKind.BIT, bits);
            }
            case DataType.T_DATETIME, DataType.T_DATETIME2: return temporal(TypeKind.DATETIME, len - 5);
            case DataType.T_TIMESTAMP, DataType.T_TIMESTAMP2: return temporal(TypeKind.TIMESTAMP, len - 4);
            case DataType.T_TIME, DataType.T_TIME2: return temporal(TypeKind.TIME, len - 3);
            default:
                if (len == 16) {
                    losses.add("BINARY(16) may be a MariaDB INET6 or UUID column");
                }
                return ColumnType.of(TypeKind.BINARY, len);
        }
    }

    /** The fractional part takes (fsp + 1) / 2 bytes: fsp 1 and 2 (3 and 4, 5 and 6) look alike. */
    private ColumnType temporal(TypeKind kind, int fractionBytes) {
        int fsp = Math.max(0, Math.min(3, fractionBytes)) * 2;
        if (fsp > 0) {
            losses.add("fractional seconds " + (fsp - 1) + " or " + fsp + " digits, shown as " + fsp);
        }
        return fsp == 0 ? ColumnType.of(kind) : ColumnType.of(kind, fsp);
    }

    /**
     * The dictionary keeps only a DECIMAL's byte size. The largest precision with scale 0 that takes exactly
     * that size is shown; values keep their digits but not where the point goes.
     */
    private ColumnType decimal(int len) {
        int best = -1;
        for (int p = 1; p <= 65; p++) {
            if (decimalBytes(p, 0) == len) {
                best = p;
            }
        }
        if (best < 0) {
            losses.add("DECIMAL of " + len + " bytes fits no precision: shown as decimal(65,0)");
            return ColumnType.of(TypeKind.DECIMAL, 65, 0);
        }
        losses.add("DECIMAL precision and scale unknown (" + len + " bytes): shown as decimal(" + best + ",0)");
        return ColumnType.of(TypeKind.DECIMAL, best, 0);
    }

    /** decimal_bin_size(precision, scale), as the row decoder computes it. */
    static int decimalBytes(int precision, int scale) {
        return DecimalCodec.storedLength(precision, scale);
    }

    private ColumnType geometry() {
        losses.add("spatial subtype (POINT, POLYGON…) unknown: shown as geometry");
        return ColumnType.of(TypeKind.GEOMETRY);
    }

    /** BLOB and TEXT sizes by their length bytes plus the 8-byte pointer of the server's field. */
    private TypeKind blobKind(int len, boolean binary) {
        return switch (len) {
            case 9 -> binary ? TypeKind.TINYBLOB : TypeKind.TINYTEXT;
            case 11 -> binary ? TypeKind.MEDIUMBLOB : TypeKind.MEDIUMTEXT;
            case 12 -> binary ? TypeKind.LONGBLOB : TypeKind.LONGTEXT;
            default -> binary ? TypeKind.BLOB : TypeKind.TEXT;
        };
    }
}
