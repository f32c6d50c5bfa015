package dev.salvage.recover;

/** {@code --deleted}: which records become rows. */
public enum DeletedMode {
    /** Live records only (the default). */
    NONE,
    /** Only delete-marked records and records from the page free list. */
    ONLY,
    /** Both. */
    WITH;

    boolean wantsLive() {
        return this != ONLY;
    }

    boolean wantsDeleted() {
        return this != NONE;
    }
}
