package dev.salvage.innodb.rec;

/** How a walk along next-record pointers ended. */
public enum WalkEnd {
    /** The record list reached the supremum: the normal end of the record list. */
    SUPREMUM,
    /** A next pointer of 0: the normal end of the free list; a break in the record list. */
    NULL_NEXT,
    /** A next pointer outside the record heap (or at a system record, on the free list). */
    OUT_OF_HEAP,
    /** A next pointer back to a record already visited. */
    LOOP,
    /** The free list ran into a record of the record list. */
    CROSSES_LIST,
    /** The visitor asked to stop. */
    STOPPED,
    /** Not an index page this walker can read (too short, or the page size is not a power of two). */
    NOT_WALKABLE
}
