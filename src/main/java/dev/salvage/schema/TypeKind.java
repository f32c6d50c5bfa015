package dev.salvage.schema;

import java.util.Locale;
import java.util.Optional;

/** The column types of MySQL 5.5–8.0 and MariaDB, by the name SHOW CREATE TABLE prints. */
public enum TypeKind {
    TINYINT(Family.INTEGER), SMALLINT(Family.INTEGER), MEDIUMINT(Family.INTEGER), INT(Family.INTEGER),
    BIGINT(Family.INTEGER),
    DECIMAL(Family.DECIMAL), FLOAT(Family.FLOAT), DOUBLE(Family.FLOAT),
    BIT(Family.BIT),
    YEAR(Family.TEMPORAL), DATE(Family.TEMPORAL), TIME(Family.TEMPORAL), DATETIME(Family.TEMPORAL),
    TIMESTAMP(Family.TEMPORAL),
    CHAR(Family.TEXT), VARCHAR(Family.TEXT),
    TINYTEXT(Family.TEXT), TEXT(Family.TEXT), MEDIUMTEXT(Family.TEXT), LONGTEXT(Family.TEXT),
    BINARY(Family.BINARY), VARBINARY(Family.BINARY),
    TINYBLOB(Family.BINARY), BLOB(Family.BINARY), MEDIUMBLOB(Family.BINARY), LONGBLOB(Family.BINARY),
    ENUM(Family.TEXT), SET(Family.TEXT),
    JSON(Family.JSON),
    GEOMETRY(Family.GEOMETRY), POINT(Family.GEOMETRY), LINESTRING(Family.GEOMETRY), POLYGON(Family.GEOMETRY),
    MULTIPOINT(Family.GEOMETRY), MULTILINESTRING(Family.GEOMETRY), MULTIPOLYGON(Family.GEOMETRY),
    /** MySQL 8.0 prints {@code geomcollection}, MariaDB and MySQL 5.7 {@code geometrycollection}. */
    GEOMETRYCOLLECTION(Family.GEOMETRY),
    /** MariaDB 10.5+. */
    INET6(Family.BINARY),
    /** MariaDB 10.7+. */
    UUID(Family.BINARY);

    /** Groups of types that one decoder family handles and that share DDL rules (charset, unsigned, ...). */
    public enum Family { INTEGER, DECIMAL, FLOAT, BIT, TEMPORAL, TEXT, BINARY, JSON, GEOMETRY }

    private final Family family;

    TypeKind(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** Types whose values are characters and so carry a character set and collation. */
    public boolean hasCharset() {
        return family == Family.TEXT;
    }

    /** Types that accept UNSIGNED and ZEROFILL. */
    public boolean isNumeric() {
        return family == Family.INTEGER || family == Family.DECIMAL || family == Family.FLOAT;
    }

    /** The lowercase name as SHOW CREATE TABLE prints it. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for a type name as it appears in DDL, synonyms included; empty when unknown. */
    public static Optional<TypeKind> fromSqlName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (n) {
            case "INTEGER": return Optional.of(INT);
            case "INT1": case "BOOL": case "BOOLEAN": return Optional.of(TINYINT);
            case "INT2": return Optional.of(SMALLINT);
            case "INT3": case "MIDDLEINT": return Optional.of(MEDIUMINT);
            case "INT4": return Optional.of(INT);
            case "INT8": return Optional.of(BIGINT);
            case "DEC": case "NUMERIC": case "FIXED": return Optional.of(DECIMAL);
            case "REAL": case "DOUBLE PRECISION": case "FLOAT8": return Optional.of(DOUBLE);
            case "FLOAT4": return Optional.of(FLOAT);
            case "GEOMCOLLECTION": return Optional.of(GEOMETRYCOLLECTION);
            case "CHARACTER": case "NCHAR": case "NATIONAL CHAR": case "NATIONAL CHARACTER": return Optional.of(CHAR);
            case "CHARACTER VARYING": case "NVARCHAR": case "NATIONAL VARCHAR": case "VARCHAR2":
                return Optional.of(VARCHAR);
            case "LONG": case "LONG VARCHAR": return Optional.of(MEDIUMTEXT);
            case "LONG VARBINARY": return Optional.of(MEDIUMBLOB);
            default:
                try {
                    return Optional.of(valueOf(n));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
        }
    }
}
