package dev.salvage.out;

import dev.salvage.schema.Column;
import dev.salvage.schema.TypeKind;

/** How a sink treats a column's values: decided once per column from its type. */
enum ValueClass {
    /** Integers, DECIMAL, FLOAT/DOUBLE: ASCII digits, unquoted in SQL. */
    NUMBER,
    /** BIT(M): written as the unsigned number ({@code b+0}), loaded with {@code CAST(@v AS UNSIGNED)}. */
    BIT,
    /** DATE, TIME, DATETIME, TIMESTAMP, YEAR: as the server prints them. */
    TEMPORAL,
    /** Character strings, ENUM and SET: characters in the column's character set. */
    TEXT,
    /** Binary strings, BLOB, GEOMETRY, INET6, UUID: bytes, written as hex. */
    BINARY,
    /** JSON: always utf8mb4 text. */
    JSON;

    static ValueClass of(Column column) {
        TypeKind kind = column.type().kind();
        if (kind == TypeKind.YEAR) {
            return TEMPORAL;
        }
        return switch (kind.family()) {
            case INTEGER, DECIMAL, FLOAT -> NUMBER;
            case BIT -> BIT;
            case TEMPORAL -> TEMPORAL;
            case TEXT -> TEXT;
            case BINARY, GEOMETRY -> BINARY;
            case JSON -> JSON;
        };
    }
}
