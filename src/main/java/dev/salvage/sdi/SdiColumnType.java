package dev.salvage.sdi;

import dev.salvage.schema.ColumnType;
import dev.salvage.schema.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a column's {@code column_type_utf8} ({@code tinyint(3) unsigned}, {@code decimal(10,3)},
 * {@code enum('a','b''c')}, {@code mediumint(8) unsigned zerofill}) — the type exactly as SHOW CREATE TABLE
 * prints it, which the dictionary keeps next to the numeric type code.
 *
 * @param unsigned the text says {@code unsigned} (the SDI's is_unsigned flag is also set for YEAR, so the
 *                 text is the authority for what the DDL says)
 */
record SdiColumnType(ColumnType type, boolean unsigned, boolean zerofill) {

    /** Empty when the text is not a type this reader knows (damage, or a type newer than the reader). */
    static Optional<SdiColumnType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        Optional<TypeKind> kind = TypeKind.fromSqlName(s.substring(0, i));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        if (i < s.length() && s.charAt(i) == '(') {
            i = arguments(s, i + 1, args);
            if (i < 0) {
                return Optional.empty();
            }
        }
        String rest = s.substring(i).toLowerCase(Locale.ROOT);
        boolean unsigned = rest.contains("unsigned");
        boolean zerofill = rest.contains("zerofill");
        TypeKind k = kind.get();
        if (k == TypeKind.ENUM) {
            return Optional.of(new SdiColumnType(ColumnType.enumOf(args), false, false));
        }
        if (k == TypeKind.SET) {
            return Optional.of(new SdiColumnType(ColumnType.setOf(args), false, false));
        }
        try {
            Integer length = args.isEmpty() ? null : Integer.valueOf(args.get(0).trim());
            Integer scale = args.size() > 1 ? Integer.valueOf(args.get(1).trim()) : null;
            return Optional.of(new SdiColumnType(new ColumnType(k, length, scale, List.of()), unsigned, zerofill));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads the comma-separated arguments after '(' (quoted labels unquoted); index after ')' or -1. */
    private static int arguments(String s, int i, List<String> args) {
        StringBuilder current = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i++;
                while (i < s.length()) {
                    char q = s.charAt(i);
                    if (q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        current.append('\'');
                        i += 2;
                    } else if (q == '\'') {
                        break;
                    } else {
                        current.append(q);
                        i++;
                    }
                }
                i++;
            } else if (c == ',') {
                args.add(current.toString());
                current.setLength(0);
                i++;
            } else if (c == ')') {
                args.add(current.toString());
                return i + 1;
            } else {
                current.append(c);
                i++;
            }
        }
        return -1;
    }
}
