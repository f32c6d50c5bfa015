package dev.salvage.carve;

import dev.salvage.innodb.fil.ChecksumAlgorithm;

/**
 * What {@link PageRecognizer} concluded about the bytes at one offset.
 *
 * @param physicalSize bytes the page occupies (1–64 KiB)
 * @param compressed   a ROW_FORMAT=COMPRESSED page (no FIL trailer, zip checksum)
 * @param evidence     why it was accepted
 * @param algorithm    the checksum algorithm that matched, null when accepted on structure
 */
public record Recognition(int physicalSize, boolean compressed, Evidence evidence, ChecksumAlgorithm algorithm) {
}
