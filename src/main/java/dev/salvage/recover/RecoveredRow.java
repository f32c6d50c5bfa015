package dev.salvage.recover;

import dev.salvage.out.RowValue;

import java.util.List;

/**
 * One row and where it came from.
 *
 * @param pageNo  page number in its tablespace (FIL_PAGE_OFFSET for carved pages)
 * @param origin  record origin offset within the page
 * @param heapNo  the record's heap number
 * @param deleted delete-marked, or taken from the free list
 * @param trxId   DB_TRX_ID
 * @param foundBy how the record was reached
 * @param values  one value per output column
 */
public record RecoveredRow(long pageNo, int origin, int heapNo, boolean deleted, long trxId, FoundBy foundBy,
                           List<RowValue> values) {
}
