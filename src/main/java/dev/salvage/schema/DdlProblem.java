package dev.salvage.schema;

/**
 * Something in the DDL that salvage could not read or had to guess.
 *
 * @param line    1-based line of the input where the statement starts
 * @param table   the table concerned, null when the statement could not be read far enough to tell
 * @param fatal   true when the table was left out of the result
 */
public record DdlProblem(int line, String table, boolean fatal, String message) {

    @Override
    public String toString() {
        return "line " + line + (table == null ? "" : " (table " + table + ")") + ": " + message;
    }
}
