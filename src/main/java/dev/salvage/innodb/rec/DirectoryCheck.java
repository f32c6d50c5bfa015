package dev.salvage.innodb.rec;

/**
 * The page directory compared with the record list walked.
 *
 * @param slots         PAGE_N_DIR_SLOTS
 * @param ownersMatched owners met along the list that matched their slot, in order
 * @param problem       the first disagreement, or null when directory and list agree
 */
public record DirectoryCheck(int slots, int ownersMatched, String problem) {

    public boolean consistent() {
        return problem == null;
    }
}
