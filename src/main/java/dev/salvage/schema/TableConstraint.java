package dev.salvage.schema;

/**
 * A table-level CHECK or FOREIGN KEY constraint, kept as text: salvage needs it only to write the DDL back.
 *
 * @param name       the constraint name, null when unnamed
 * @param definition the text after {@code CONSTRAINT name}, e.g. {@code CHECK (`a` < 100)}
 */
public record TableConstraint(String name, String definition) {
}
