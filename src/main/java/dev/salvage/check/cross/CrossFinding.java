package dev.salvage.check.cross;

/**
 * One disagreement between indexes of a table, or within a unique index.
 *
 * @param index   the index the finding is about (the secondary index for entry findings)
 * @param key     the key as {@code IndexShape.describe} prints it, null for count findings
 * @param page    the page the record was read from (the clustered page for a missing entry, the secondary
 *                page for an orphan or duplicate), -1 when the finding is not about one record
 * @param message the whole sentence, naming page and key where there are some
 */
public record CrossFinding(String index, Kind kind, String key, long page, String message) {

    public enum Kind {
        /** The index holds a different number of entries than the clustered index has records (CHECK TABLE's test). */
        COUNT_MISMATCH,
        /** A secondary entry with no clustered record that would produce it. */
        ORPHAN_ENTRY,
        /** A clustered record whose secondary entry is absent. */
        MISSING_ENTRY,
        /** Two non-deleted entries of a unique index with equal keys (NULLs may repeat). */
        DUPLICATE_KEY,
        /** Entries could not be compared key by key (e.g. off-page prefix columns): only counts were compared. */
        KEYS_NOT_COMPARED
    }

    /** Errors are everything but the note that keys were not compared. */
    public boolean isError() {
        return kind != Kind.KEYS_NOT_COMPARED;
    }
}
