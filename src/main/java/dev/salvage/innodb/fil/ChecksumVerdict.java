package dev.salvage.innodb.fil;

/**
 * Outcome of verifying one page's checksum.
 *
 * @param valid     some algorithm matches the stored checksum
 * @param algorithm the matching algorithm, or null when none matches
 */
public record ChecksumVerdict(boolean valid, ChecksumAlgorithm algorithm) {
    public static final ChecksumVerdict INVALID = new ChecksumVerdict(false, null);

    public static ChecksumVerdict valid(ChecksumAlgorithm algorithm) {
        return new ChecksumVerdict(true, algorithm);
    }
}
