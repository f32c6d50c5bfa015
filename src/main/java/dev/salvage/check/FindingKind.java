package dev.salvage.check;

/** The checks of {@code salvage check}, one constant per kind of disagreement (JSON names are lower case). */
public enum FindingKind {
    /** A page the walk needed could not be read: beyond the end of the file, all zeros, bad checksum, torn. */
    UNREADABLE_PAGE,
    /** The file ends inside a page, or before pages the tree points at. */
    TRUNCATED_FILE,
    /** The root page is missing, unreadable or not where the schema says. */
    ROOT,
    /** A page in the tree is no index page, or belongs to another index (PAGE_INDEX_ID). */
    WRONG_INDEX,
    /** PAGE_LEVEL is not one less than its parent's. */
    WRONG_LEVEL,
    /** FIL_PAGE_SPACE_ID is not the tablespace's. */
    WRONG_SPACE,
    /** FIL_PAGE_PREV / FIL_PAGE_NEXT disagree with the order the tree gives at that level. */
    SIBLING_LINK,
    /** A page of a level is missing from the chain: named by its neighbours, as index_chk did. */
    CHAIN_GAP,
    /** Pages reached through sibling links only: their parent is lost. */
    UNREACHABLE_FROM_ROOT,
    /** The record list does not run from infimum to supremum, or the free list is broken. */
    RECORD_LIST,
    /** PAGE_N_RECS disagrees with the records in the list. */
    RECORD_COUNT,
    /** n_owned and the page directory slots disagree with the record list. */
    DIRECTORY,
    /** A record whose fields cannot be located, or a node pointer without a usable child page number. */
    RECORD,
    /** Keys out of order within a page or across pages, or equal where they must differ. */
    KEY_ORDER,
    /** A child page's keys outside the range its node pointers give. */
    KEY_BOUND,
    /** A page of the tree outside the index's file segment (leaf or non-leaf). */
    SEGMENT,
    /** A page reached twice, from this index or another. */
    PAGE_REUSED,
    /** Pages carrying the index id that the tree does not reach (and the extent descriptors call used). */
    ORPHAN_PAGE,
    /** An index holds another number of entries than the clustered index. */
    ENTRY_COUNT,
    /** A secondary index entry no clustered record produces. */
    ORPHAN_ENTRY,
    /** A clustered record whose secondary index entry is absent. */
    MISSING_ENTRY,
    /** Two entries of a unique index with the same key. */
    DUPLICATE_KEY,
    /** A check that was not done, and why. */
    SKIPPED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
