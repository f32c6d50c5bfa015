package dev.salvage.myisam;

import java.util.List;

/**
 * What {@code myisam rows} got from one table.
 *
 * @param rows               intact records written
 * @param deletedRows        deleted records written (with {@code --deleted})
 * @param deletedNotDecoded  deleted blocks that could not be turned into rows
 * @param damagedRows        intact records with at least one value that did not decode
 * @param scan               the data-file pass: broken records and skipped bytes
 * @param findings           every problem: the scan's and the decoding's, capped
 */
public record MyisamRowsResult(long rows, long deletedRows, long deletedNotDecoded, long damagedRows, MydScan scan,
        List<MyisamFinding> findings, long suppressedFindings) {

    public MyisamRowsResult {
        findings = List.copyOf(findings);
    }

    /** True when something was skipped or came out damaged: the command then exits 1. */
    public boolean lostAnything() {
        return scan.brokenRecords() > 0 || scan.garbageBytes() > 0 || damagedRows > 0;
    }
}
