package dev.salvage.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the attributes after a column's type from JSqlParser's token list ({@code NOT, NULL, DEFAULT, 'x',
 * COLLATE, latin1_bin, ...}). JSqlParser keeps these as loose tokens, so the grammar of MySQL's column
 * attributes lives here.
 */
final class ColumnAttributes {

    Boolean nullable;
    String defaultValue;
    String onUpdate;
    String charset;
    String collation;
    String generated;
    boolean generatedStored;
    String comment;
    boolean autoIncrement;
    boolean invisible;
    String check;
    boolean primaryKey;
    boolean unique;
    final List<String> unknown = new ArrayList<>();

    static ColumnAttributes read(List<String> tokens) {
        ColumnAttributes a = new ColumnAttributes();
        if (tokens != null) {
            a.readAll(tokens);
        }
        return a;
    }

    private void readAll(List<String> t) {
        int i = 0;
        while (i < t.size()) {
            String word = t.get(i).toUpperCase(Locale.ROOT);
            switch (word) {
                case "NOT" -> {
                    if (i + 1 < t.size() && t.get(i + 1).equalsIgnoreCase("NULL")) {
                        nullable = false;
                        i++;
                    } else {
                        unknown.add(t.get(i));
                    }
                    i++;
                }
                case "NULL" -> {
                    nullable = true;
                    i++;
                }
                case "DEFAULT" -> {
                    int end = valueEnd(t, i + 1);
                    defaultValue = join(t, i + 1, end);
                    i = end;
                }
                case "ON" -> {
                    // ON UPDATE expr
                    int end = valueEnd(t, i + 2);
                    onUpdate = join(t, i + 2, end);
                    i = end;
                }
                case "AUTO_INCREMENT" -> {
                    autoIncrement = true;
                    i++;
                }
                case "COMMENT" -> {
                    comment = i + 1 < t.size() ? SqlText.unquoteString(t.get(i + 1)) : "";
                    i += 2;
                }
                case "COLLATE" -> {
                    collation = i + 1 < t.size() ? SqlText.unquoteString(SqlText.unquoteIdentifier(t.get(i + 1))) : null;
                    i += 2;
                }
                case "CHARSET" -> {
                    charset = i + 1 < t.size() ? SqlText.unquoteIdentifier(t.get(i + 1)) : null;
                    i += 2;
                }
                case "CHARACTER" -> {
                    // CHARACTER SET name
                    charset = i + 2 < t.size() ? SqlText.unquoteIdentifier(t.get(i + 2)) : null;
                    i += 3;
                }
                case "GENERATED" -> i++; // GENERATED ALWAYS AS (expr): the AS carries the expression
                case "ALWAYS" -> i++;
                case "AS" -> {
                    generated = i + 1 < t.size() ? t.get(i + 1) : "";
                    i += 2;
                }
                case "VIRTUAL" -> {
                    generatedStored = false;
                    i++;
                }
                case "STORED", "PERSISTENT" -> {
                    generatedStored = true;
                    i++;
                }
                case "INVISIBLE" -> {
                    invisible = true;
                    i++;
                }
                case "VISIBLE" -> i++;
                case "CHECK" -> {
                    check = i + 1 < t.size() ? t.get(i + 1) : "";
                    i += 2;
                }
                case "PRIMARY" -> {
                    primaryKey = true;
                    i += i + 1 < t.size() && t.get(i + 1).equalsIgnoreCase("KEY") ? 2 : 1;
                }
                case "UNIQUE" -> {
                    unique = true;
                    i += i + 1 < t.size() && t.get(i + 1).equalsIgnoreCase("KEY") ? 2 : 1;
                }
                case "KEY" -> {
                    primaryKey = true; // a bare KEY in a column definition means PRIMARY KEY
                    i++;
                }
                default -> {
                    unknown.add(t.get(i));
                    i++;
                }
            }
        }
    }

    /**
     * A value is one token, except that JSqlParser splits {@code current_timestamp (3)} after ON UPDATE into
     * a name and a parenthesised argument list, which belong together.
     */
    private static int valueEnd(List<String> t, int start) {
        if (start >= t.size()) {
            return start;
        }
        int end = start + 1;
        if (end < t.size() && t.get(end).startsWith("(") && !t.get(start).startsWith("'")
                && Character.isLetter(t.get(start).charAt(0)) && !t.get(start).equalsIgnoreCase("NULL")) {
            end++;
        }
        return end;
    }

    private static String join(List<String> t, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to && i < t.size(); i++) {
            out.append(t.get(i));
        }
        return out.toString();
    }
}
