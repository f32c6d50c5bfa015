package dev.salvage.schema;

/** Quoting and unquoting of identifiers and string literals in MySQL's DDL dialect. */
public final class SqlText {

    private SqlText() {
    }

    /** {@code `name`}, doubling backticks inside. */
    public static String quoteIdentifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code 'text'} as SHOW CREATE TABLE writes it: quotes doubled, backslash and control bytes escaped. */
    public static String quoteString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> out.append("''");
                case '\\' -> out.append("\\\\");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u001a' -> out.append("\\Z");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** Removes backticks or double quotes around an identifier (undoubling inner ones); other text unchanged. */
    public static String unquoteIdentifier(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        if (n.length() >= 2 && (n.charAt(0) == '`' || n.charAt(0) == '"') && n.charAt(n.length() - 1) == n.charAt(0)) {
            String q = String.valueOf(n.charAt(0));
            return n.substring(1, n.length() - 1).replace(q + q, q);
        }
        return n;
    }

    /**
     * The value of a quoted string literal ({@code 'a''b'}, {@code "a"}, with backslash escapes), or the text
     * unchanged when it is not quoted.
     */
    public static String unquoteString(String literal) {
        String s = literal.trim();
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            return s;
        }
        char quote = s.charAt(0);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == quote && i + 1 < s.length() - 1 && s.charAt(i + 1) == quote) {
                out.append(quote);
                i++;
            } else if (c == '\\' && i + 1 < s.length() - 1) {
                char next = s.charAt(++i);
                switch (next) {
                    case '0' -> out.append('\0');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'Z' -> out.append('\u001a');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
