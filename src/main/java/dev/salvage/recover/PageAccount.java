package dev.salvage.recover;

import java.util.List;

/**
 * The accounting of one leaf page.
 *
 * @param pageNo         page number
 * @param expected       PAGE_N_RECS (records in the record list, delete-marked ones included)
 * @param foundByList    records reached through the record list that parsed and passed every check
 * @param foundByScan    records found by scanning unclaimed bytes (not delete-marked)
 * @param deleted        delete-marked or free-list records found (rows only with {@code --deleted})
 * @param rejected       records the list led to that failed parsing or a plausibility check
 * @param lost           expected records not found: {@code expected - foundByList - foundByScan}, at least 0
 * @param checksumValid  the page checksum matched
 * @param walk           how the record list walk ended, for reports
 * @param findings       what went wrong, a bounded number of sentences
 */
public record PageAccount(long pageNo, int expected, int foundByList, int foundByScan, int deleted, int rejected,
                          int lost, boolean checksumValid, String walk, List<String> findings) {

    public PageAccount {
        findings = List.copyOf(findings);
    }

    /** Nothing lost or rejected, checksum fine. */
    public boolean clean() {
        return lost == 0 && rejected == 0 && foundByScan == 0 && checksumValid && findings.isEmpty();
    }
}
