package dev.salvage.dict;

/**
 * InnoDB's column type codes as SYS_COLUMNS keeps them (data0type.h): MTYPE, the main type, and PRTYPE, the
 * precise type: the MySQL field type code in the low byte, flags above it and the collation id in bits 16 up.
 */
final class DataType {
    static final int VARCHAR = 1;       // latin1_swedish_ci VARCHAR
    static final int CHAR = 2;          // latin1_swedish_ci CHAR
    static final int FIXBINARY = 3;     // BINARY, DECIMAL, BIT, new temporal types
    static final int BINARY = 4;        // VARBINARY
    static final int BLOB = 5;          // BLOB, TEXT, JSON
    static final int INT = 6;           // integers, YEAR, DATE, old temporal types, ENUM, SET
    static final int SYS_CHILD = 7;
    static final int SYS = 8;
    static final int FLOAT = 9;
    static final int DOUBLE = 10;
    static final int DECIMAL = 11;      // pre-5.0 decimal, stored as text
    static final int VARMYSQL = 12;     // VARCHAR in another collation
    static final int MYSQL = 13;        // CHAR in another collation
    static final int GEOMETRY = 14;

    static final int NOT_NULL = 256;
    static final int UNSIGNED = 512;
    static final int BINARY_TYPE = 1024;
    static final int LONG_TRUE_VARCHAR = 4096;
    static final int VIRTUAL = 8192;

    /** MySQL's enum_field_types codes, the low byte of PRTYPE. */
    static final int T_DECIMAL = 0, T_TINY = 1, T_SHORT = 2, T_LONG = 3, T_FLOAT = 4, T_DOUBLE = 5,
            T_TIMESTAMP = 7, T_LONGLONG = 8, T_INT24 = 9, T_DATE = 10, T_TIME = 11, T_DATETIME = 12, T_YEAR = 13,
            T_NEWDATE = 14, T_VARCHAR = 15, T_BIT = 16, T_TIMESTAMP2 = 17, T_DATETIME2 = 18, T_TIME2 = 19,
            T_JSON = 245, T_NEWDECIMAL = 246, T_ENUM = 247, T_SET = 248, T_BLOB = 252, T_VAR_STRING = 253,
            T_STRING = 254, T_GEOMETRY = 255;

    private DataType() {
    }

    static int mysqlType(long prtype) {
        return (int) (prtype & 0xFF);
    }

    /** The collation id, 0 for non-character types. */
    static int collation(long prtype) {
        return (int) ((prtype >>> 16) & 0x7FFF);
    }
}
