package dev.salvage.innodb.rec;

/**
 * The outcome of walking one chain of records (the record list or the free list).
 *
 * @param found     user records visited (infimum and supremum not counted)
 * @param expected  what the page header promises: PAGE_N_RECS for the record list,
 *                  PAGE_N_HEAP - 2 - PAGE_N_RECS for the free list
 * @param end       how the walk ended
 * @param lastGood  origin of the last record whose next pointer was followed (infimum for an empty list);
 *                  the next pointer of this record is the broken one when the walk ended badly
 * @param badNext   the offending next pointer value when {@code end} is OUT_OF_HEAP, LOOP or CROSSES_LIST; else 0
 */
public record ChainWalk(int found, int expected, WalkEnd end, int lastGood, int badNext) {

    /** The chain ended where it should and held as many records as the header says. */
    public boolean complete(boolean freeList) {
        return end == (freeList ? WalkEnd.NULL_NEXT : WalkEnd.SUPREMUM) && found == expected;
    }

    public String describe() {
        String how = switch (end) {
            case SUPREMUM -> "reached the supremum";
            case NULL_NEXT -> "ended with a null next pointer";
            case OUT_OF_HEAP -> "next pointer " + badNext + " of record " + lastGood + " leaves the record heap";
            case LOOP -> "next pointer " + badNext + " of record " + lastGood + " loops back";
            case CROSSES_LIST -> "next pointer " + badNext + " of record " + lastGood + " enters the record list";
            case STOPPED -> "stopped by the caller";
            case NOT_WALKABLE -> "page not walkable";
        };
        return found + " of " + expected + " records, " + how;
    }
}
