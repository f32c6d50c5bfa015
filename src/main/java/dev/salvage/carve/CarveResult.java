package dev.salvage.carve;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a carve run did, for the command's summary and for callers embedding the library.
 *
 * @param inputs          the inputs scanned, in order
 * @param stride          distance between candidate offsets
 * @param bytesScanned    bytes of candidate offsets scanned over all inputs
 * @param unreadableBytes bytes skipped because a read failed (bad sectors)
 * @param readErrors      the first few unreadable regions
 * @param elapsedNanos    wall time of scan and finish
 * @param pagesFound      every accepted page copy, all versions
 * @param distinctPages   distinct (space id, page no) (per page size)
 * @param olderVersions   copies that are not the newest of their page
 * @param finishCopiedBytes page bytes the finishing pass had to copy into order; 0 when every
 *                        group's spool already was in final order and was renamed into place
 * @param pagesByType     accepted copies per page type name
 * @param indexes         per (space id, index id)
 * @param out             the output directory
 * @param manifest        the manifest file
 * @param spaceFolders    per-tablespace carve folders ({@code spaces/<space id>-<size>}, relative to {@code out}),
 *                        written when the pages belong to more than one tablespace; empty otherwise
 */
public record CarveResult(List<Input> inputs, int stride, long bytesScanned, long unreadableBytes,
                          List<String> readErrors, long elapsedNanos, long pagesFound, long distinctPages,
                          long olderVersions, long finishCopiedBytes, Map<String, Long> pagesByType, List<IndexCount> indexes,
                          Path out, Path manifest, List<String> spaceFolders) {

    public record Input(String path, long bytes) {}

    /** Pages of one index: distinct page numbers and all copies; {@code file} null when pages were not written. */
    public record IndexCount(long spaceId, long indexId, int physicalSize, long pages, long versions, String file) {}

    /** Scan rate in MB/s (10^6 bytes per second) over the whole run. */
    public double megabytesPerSecond() {
        double seconds = elapsedNanos / 1e9;
        return seconds <= 0 ? 0 : bytesScanned / 1e6 / seconds;
    }
}
