package dev.salvage.recover;

import java.util.List;

/**
 * What recovering one table found.
 *
 * @param table        table name
 * @param indexId      the clustered index read, -1 when none was found
 * @param indexChoice  how the index was chosen, a sentence
 * @param layout       the record layout used, for reports
 * @param leafPages    leaf pages read
 * @param expected     sum of PAGE_N_RECS over those pages
 * @param foundByList  records found through record lists
 * @param foundByScan  records found by scanning damaged pages
 * @param deleted      delete-marked and free-list records found
 * @param rejected     records rejected by parsing or plausibility checks
 * @param lost         expected records not found
 * @param rowsWritten  rows handed to the sink
 * @param missingPages leaf pages a neighbour links to that could not be read as leaves of this index
 * @param problemPages accounting of every page that was not clean
 * @param findings     table-level sentences
 */
public record RecoveryResult(String table, long indexId, String indexChoice, String layout, long leafPages,
                             long expected, long foundByList, long foundByScan, long deleted, long rejected,
                             long lost, long rowsWritten, List<Long> missingPages, List<PageAccount> problemPages,
                             List<String> findings) {

    /** Every expected record recovered, nothing rejected, no leaf page missing. */
    public boolean complete() {
        return indexId >= 0 && lost == 0 && rejected == 0 && missingPages.isEmpty();
    }
}
