package dev.salvage.schema;

/**
 * One statement of a script, comments removed and versioned comments opened.
 *
 * @param line the 1-based line of the input where the statement starts
 */
public record SqlStatement(String text, int line) {
}
