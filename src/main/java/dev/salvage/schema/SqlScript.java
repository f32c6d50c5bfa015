package dev.salvage.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script (mysqldump / mariadb-dump output, SHOW CREATE TABLE text) into statements at {@code ;}
 * outside quotes and comments. Plain comments are dropped. Versioned comments {@code /*!50100 ... *}{@code /}
 * are opened, keeping their body: they carry what older servers must skip but salvage must see
 * (partitioning, INVISIBLE, SRID, ...).
 */
public final class SqlScript {

    private final String text;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int line = 1;
    private int statementLine = -1;
    private int openVersionedComments;

    private SqlScript(String text) {
        this.text = text;
    }

    public static List<SqlStatement> split(String script) {
        SqlScript s = new SqlScript(script == null ? "" : script);
        s.scan();
        return s.statements;
    }

    private void scan() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = copyQuoted(i, c);
            } else if (c == '-' && text.startsWith("--", i) && (i + 2 >= n || Character.isWhitespace(text.charAt(i + 2)))) {
                i = skipToLineEnd(i);
            } else if (c == '#') {
                i = skipToLineEnd(i);
            } else if (c == '/' && text.startsWith("/*!", i)) {
                i = openVersionedComment(i);
            } else if (c == '/' && text.startsWith("/*", i)) {
                i = skipComment(i);
            } else if (c == '*' && openVersionedComments > 0 && text.startsWith("*/", i)) {
                // End of an opened versioned comment: nothing to keep.
                openVersionedComments--;
                append(' ');
                i += 2;
            } else if (c == ';') {
                finishStatement();
                i++;
            } else {
                append(c);
                i++;
            }
        }
        finishStatement();
    }

    private void append(char c) {
        if (c == '\n') {
            line++;
        }
        if (statementLine < 0 && !Character.isWhitespace(c)) {
            statementLine = line;
        }
        current.append(c);
    }

    private int copyQuoted(int start, char quote) {
        append(quote);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            append(c);
            i++;
            if (c == '\\' && quote != '`' && i < text.length()) {
                append(text.charAt(i));
                i++;
            } else if (c == quote) {
                if (i < text.length() && text.charAt(i) == quote) {
                    append(quote);
                    i++;
                } else {
                    return i;
                }
            }
        }
        return i;
    }

    private int skipToLineEnd(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }

    private int skipComment(int start) {
        int end = text.indexOf("*/", start + 2);
        int stop = end < 0 ? text.length() : end + 2;
        // Keep line numbering right across multi-line comments; a comment separates tokens like a space.
        text.substring(start, stop).chars().filter(ch -> ch == '\n').forEach(ch -> line++);
        if (statementLine >= 0) {
            current.append(' ');
        }
        return stop;
    }

    /** Skips {@code /*!} and the version digits; the body is scanned as ordinary text, the closing as a space. */
    private int openVersionedComment(int start) {
        int i = start + 3;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        openVersionedComments++;
        append(' ');
        return i;
    }

    private void finishStatement() {
        String statement = current.toString().trim();
        if (!statement.isEmpty()) {
            statements.add(new SqlStatement(statement, statementLine < 0 ? line : statementLine));
        }
        current.setLength(0);
        statementLine = -1;
    }
}
