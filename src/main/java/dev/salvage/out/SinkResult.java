package dev.salvage.out;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sink wrote, for the per-table accounting line.
 *
 * @param rows           rows written
 * @param damagedValues  values written as a damage marker ({@link RowValue.Damaged})
 * @param lossyValues    values that could not be written exactly (e.g. text with characters the column's
 *                       character set cannot hold, or undecodable bytes in a UTF-8 file); written as close as
 *                       possible
 * @param files          the files written, the data file first
 */
public record SinkResult(long rows, long damagedValues, long lossyValues, List<Path> files) {
    public SinkResult {
        files = List.copyOf(files);
    }
}
