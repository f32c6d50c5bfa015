package dev.salvage.schema;

/** What an index enforces or serves. */
public enum IndexKind {
    PRIMARY, UNIQUE, KEY, FULLTEXT, SPATIAL
}
