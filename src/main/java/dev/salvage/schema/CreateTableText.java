package dev.salvage.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the partitioning clause off a CREATE TABLE text. It is kept verbatim: salvage only needs to write it
 * back, and JSqlParser would reformat or reject the MariaDB and MySQL variants of it.
 *
 * @param body         the statement without the partitioning clause
 * @param partitioning the clause from {@code PARTITION BY} to the end, or null
 */
record CreateTableText(String body, String partitioning) {

    private static final Pattern PARTITION_BY = Pattern.compile("(?i)\\bPARTITION\\s+BY\\b");

    static CreateTableText of(String statement) {
        int listEnd = endOfElementList(statement);
        if (listEnd < 0) {
            return new CreateTableText(statement, null);
        }
        int at = findOutsideQuotes(statement, listEnd);
        if (at < 0) {
            return new CreateTableText(statement, null);
        }
        return new CreateTableText(statement.substring(0, at).trim(),
                statement.substring(at).trim().replaceAll("\\s+", " "));
    }

    /** Index just after the ')' that closes the column list, or -1. */
    private static int endOfElementList(String s) {
        int depth = 0;
        boolean started = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i);
            } else if (c == '(') {
                depth++;
                started = true;
            } else if (c == ')') {
                depth--;
                if (started && depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int findOutsideQuotes(String s, int from) {
        StringBuilder masked = new StringBuilder(s);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(s, i);
                for (int k = i; k <= end && k < s.length(); k++) {
                    masked.setCharAt(k, ' ');
                }
                i = end;
            }
        }
        Matcher m = PARTITION_BY.matcher(masked.toString().toUpperCase(Locale.ROOT));
        return m.find(from) ? m.start() : -1;
    }

    /** Index of the closing quote of the quoted text starting at {@code start}. */
    private static int skipQuoted(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return s.length();
    }
}
