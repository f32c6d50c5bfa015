package dev.salvage.recover;

/** How a record was reached, written with {@code --provenance}. */
public enum FoundBy {
    /** Following the page's record list (the normal way). */
    LIST,
    /** Scanning bytes no listed record claims, after the record list broke. */
    SCAN,
    /** Following the page free list (purged records). */
    FREE
}
