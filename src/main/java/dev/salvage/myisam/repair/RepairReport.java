package dev.salvage.myisam.repair;

import dev.salvage.myisam.MyisamFinding;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code myisam repair} did for one table.
 *
 * @param table           the table's name
 * @param output          the new .MYI, .MYD and .frm (the .frm only when the input had one)
 * @param format          FIXED or DYNAMIC
 * @param keySource       where the key definitions came from (the old .MYI header, or the .frm when the .MYI
 *                        was missing or unreadable: "index file rebuilt from the .frm")
 * @param rowsWritten     records in the new .MYD
 * @param rowsInState     records the old .MYI state claimed
 * @param brokenRecords   records the data scan could not read back (left out)
 * @param skippedBytes    bytes of the old .MYD without a readable block
 * @param duplicatesDropped records left out because a unique key already held their value
 * @param tooLongDropped  records too long to write as one block (left out)
 * @param keys            each index rebuilt
 * @param autoIncrement   the new state's auto_increment value
 * @param findings        the data scan's findings and the rebuild's own (why rows were dropped)
 */
public record RepairReport(String table, List<Path> output, String format, String keySource, long rowsWritten,
        long rowsInState, long brokenRecords, long skippedBytes, long duplicatesDropped, long tooLongDropped,
        List<KeyResult> keys, long autoIncrement, List<MyisamFinding> findings, long suppressedFindings) {

    /**
     * One rebuilt index.
     *
     * @param number  1-based key number
     * @param parts   its parts in MyISAM's type names
     * @param packing how its keys are stored
     * @param keys    keys written (one per row)
     * @param blocks  key blocks written
     * @param levels  levels of the tree (0 for an empty index)
     * @param root    root block position, -1 when empty or disabled
     * @param enabled false for an index disabled in the old state (left empty and disabled)
     * @param sortRuns sorted runs its keys were spilled to (0: sorted in memory)
     */
    public record KeyResult(int number, String parts, String packing, boolean unique, long keys, long blocks,
            int levels, long root, boolean enabled, int sortRuns) {
    }

    public RepairReport {
        output = List.copyOf(output);
        keys = List.copyOf(keys);
        findings = List.copyOf(findings);
    }

    public long rowsDropped() {
        return brokenRecords + duplicatesDropped + tooLongDropped;
    }

    /** True when anything of the old data did not make it into the new table. */
    public boolean lostAnything() {
        return brokenRecords > 0 || skippedBytes > 0 || duplicatesDropped > 0 || tooLongDropped > 0;
    }
}
