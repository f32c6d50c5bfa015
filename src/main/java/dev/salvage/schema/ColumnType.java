package dev.salvage.schema;

import java.util.List;
import java.util.Objects;

/**
 * A column's type with its parameters, as declared.
 *
 * @param kind   the type
 * @param length what the parenthesised first number means for this kind: display width for integers and
 *               YEAR, precision M for DECIMAL/FLOAT/DOUBLE, bits for BIT, characters for CHAR/VARCHAR, bytes
 *               for BINARY/VARBINARY, fractional-second digits for TIME/DATETIME/TIMESTAMP; null when absent
 * @param scale  digits after the point for DECIMAL/FLOAT/DOUBLE, null when absent
 * @param labels ENUM/SET labels, unquoted, in order; empty for other kinds
 */
public record ColumnType(TypeKind kind, Integer length, Integer scale, List<String> labels) {

    public ColumnType {
        Objects.requireNonNull(kind, "kind");
        labels = List.copyOf(labels == null ? List.of() : labels);
    }

    public static ColumnType of(TypeKind kind) {
        return new ColumnType(kind, null, null, List.of());
    }

    public static ColumnType of(TypeKind kind, int length) {
        return new ColumnType(kind, length, null, List.of());
    }

    public static ColumnType of(TypeKind kind, int length, int scale) {
        return new ColumnType(kind, length, scale, List.of());
    }

    public static ColumnType enumOf(List<String> labels) {
        return new ColumnType(TypeKind.ENUM, null, null, labels);
    }

    public static ColumnType setOf(List<String> labels) {
        return new ColumnType(TypeKind.SET, null, null, labels);
    }

    /** Fractional-second digits of TIME/DATETIME/TIMESTAMP (0 when not declared). */
    public int fsp() {
        return kind.family() == TypeKind.Family.TEMPORAL && length != null ? length : 0;
    }

    /** The type as DDL text, e.g. {@code decimal(65,30)} or {@code enum('a','it''s')}. */
    public String sql() {
        StringBuilder out = new StringBuilder(kind.sqlName());
        if (kind == TypeKind.ENUM || kind == TypeKind.SET) {
            out.append('(');
            for (int i = 0; i < labels.size(); i++) {
                out.append(i == 0 ? "" : ",").append(SqlText.quoteString(labels.get(i)));
            }
            out.append(')');
        } else if (length != null) {
            out.append('(').append(length);
            if (scale != null) {
                out.append(',').append(scale);
            }
            out.append(')');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sql();
    }
}
