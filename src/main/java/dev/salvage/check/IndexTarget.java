package dev.salvage.check;

import dev.salvage.check.keys.IndexShape;

/**
 * One index to walk.
 *
 * @param name     the index name from the schema, or "index id N" without one
 * @param indexId  PAGE_INDEX_ID its pages carry
 * @param rootPage the root page number from the schema (MySQL 8.0 SDI), -1 when the survey must find it
 * @param shape    its record layout and key order; null without a schema (structure-only checks)
 * @param parseLeaves leaf records are parsed with the shape (false: counted only, e.g. after instant ALTER)
 */
public record IndexTarget(String name, long indexId, long rootPage, IndexShape shape, boolean parseLeaves) {

    public IndexTarget(String name, long indexId, long rootPage, IndexShape shape) {
        this(name, indexId, rootPage, shape, shape != null);
    }

    boolean clustered() {
        return shape != null && shape.clustered();
    }
}
