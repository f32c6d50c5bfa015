package dev.salvage.check;

import java.util.List;

/**
 * What checking one index found.
 *
 * @param name          index name, or "index id N"
 * @param indexId       PAGE_INDEX_ID
 * @param clustered     the clustered index (null when unknown: no schema)
 * @param rootPage      the root page walked from, -1 when the root was lost
 * @param height        levels from the root down to the leaves
 * @param leafPages     leaf pages reached (through the tree or, around lost pages, through sibling links)
 * @param nonLeafPages  non-leaf pages reached
 * @param entries       leaf records that are not delete-marked: what CHECK TABLE counts
 * @param deleteMarked  delete-marked leaf records (purge had not removed them yet)
 * @param orderChecked  key order and node pointer bounds were checked
 * @param findings      errors and notes, in walk order
 */
public record IndexReport(String name, long indexId, Boolean clustered, long rootPage, int height, long leafPages,
                          long nonLeafPages, long entries, long deleteMarked, boolean orderChecked,
                          List<Finding> findings) {

    public IndexReport {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.stream().noneMatch(Finding::isError);
    }
}
