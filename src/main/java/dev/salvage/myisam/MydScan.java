package dev.salvage.myisam;

import java.util.List;

/**
 * What a front-to-back pass over the .MYD found, in {@code chk_data_link}'s terms.
 *
 * @param records        intact records
 * @param deletedBlocks  deleted records (FIXED) or deleted blocks (DYNAMIC)
 * @param deletedLength  bytes in deleted blocks
 * @param used           bytes of record data including block headers
 * @param linkUsed       bytes of block headers
 * @param unused         bytes at the ends of blocks that records did not fill
 * @param splits         blocks counted as myisamchk counts them (records' parts and deleted blocks)
 * @param brokenRecords  record starts that could not be read back into a record
 * @param garbageBytes   bytes skipped while looking for the next block header
 * @param findings       what went wrong, capped (see {@code suppressedFindings})
 */
public record MydScan(long records, long deletedBlocks, long deletedLength, long used, long linkUsed, long unused,
        long splits, long brokenRecords, long garbageBytes, long scannedLength, List<MyisamFinding> findings,
        long suppressedFindings) {

    public MydScan {
        findings = List.copyOf(findings);
    }
}
