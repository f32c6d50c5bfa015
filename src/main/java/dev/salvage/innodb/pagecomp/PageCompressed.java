package dev.salvage.innodb.pagecomp;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MariaDB page_compressed page (fil0pagecompress.cc) turned back into the page the server keeps in its buffer
 * pool. The server compresses the whole page, FIL header and trailer included, so the decompressed stream is
 * that page byte for byte; what the stored page adds is a header saying how to find the stream.
 *
 * <p>Two layouts, told apart by the tablespace (innodb_checksum_algorithm when it was created):
 * <pre>
 * full_crc32 (FIL_PAGE_TYPE bit 15 set)        others (FIL_PAGE_TYPE = 34354 FIL_PAGE_PAGE_COMPRESSED)
 * 0   the page's own bytes 0..25, except       0   0xDEADBEEF (no checksum over the stored bytes)
 * 24  type: 0x8000 | stored length / 256       4   the page's own bytes 4..23 (number, prev, next, LSN)
 * 26  compressed stream                        24  34354
 * ..  zero padding                             26  algorithm, 8 bytes (1..6)
 * L-5 lz4/lzo/snappy: low byte of the exact    34  space id
 *     end + 5 (0 = L itself)                   38  stream length, 2 bytes
 * L-4 CRC-32C of bytes 0..L-5                  40  compressed stream
 * </pre>
 * A full_crc32 page does not name its algorithm: the tablespace flags do ({@code FSP_FLAGS_FCRC32_COMPRESSED_ALGO});
 * when they are unknown, every algorithm is tried, the one whose stream header matches first. Pages 0, FSP_HDR,
 * XDES and freshly allocated pages are never compressed. Encrypted page_compressed pages (37401, or full_crc32 with
 * a key version) are reported, not read.
 */
public final class PageCompressed {

    /** FIL_PAGE_COMP_ALGO: the 8-byte algorithm field of the non-full_crc32 layout; the full_crc32 stream start. */
    public static final int COMP_ALGO = Fil.PAGE_FILE_FLUSH_LSN;
    /** FIL_PAGE_DATA + FIL_PAGE_COMP_SIZE: the 2-byte stream length of the non-full_crc32 layout. */
    public static final int COMP_SIZE = Fil.PAGE_DATA;
    /** FIL_PAGE_DATA + FIL_PAGE_COMP_METADATA_LEN: where the non-full_crc32 stream starts. */
    public static final int COMP_DATA = Fil.PAGE_DATA + 2;
    /** FIL_PAGE_FCRC32_CHECKSUM. */
    private static final int FCRC32_CHECKSUM = 4;
    /** The stored header bytes both layouts copy from the page itself: page number, neighbours, LSN. */
    private static final int SAME_FROM = Fil.PAGE_OFFSET;
    private static final int SAME_TO = Fil.PAGE_TYPE;

    /**
     * @param page      the logical page when {@code problem} is null; otherwise the bytes the stream gave before
     *                  it broke (the rest zero), or null when it gave none — only good for reading a header
     * @param decoded   how many bytes of {@code page} came from the stream
     * @param algorithm the algorithm used (the one tried first when all failed), null when none applied
     * @param stored    the stored length of the compressed stream, 0 when the header was unusable
     * @param problem   why the page could not be decompressed, null on success
     */
    public record Result(byte[] page, int decoded, PageCompressionAlgorithm algorithm, int stored, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private PageCompressed() {
    }

    /**
     * True when the page at {@code page[off]} is stored page_compressed: FIL_PAGE_TYPE 34354 or 37401 in a
     * non-full_crc32 tablespace, bit 15 of FIL_PAGE_TYPE in a full_crc32 one (buf_page_is_compressed).
     */
    public static boolean isCompressed(byte[] page, int off, boolean fullCrc32) {
        if (page == null || off < 0 || off > page.length - Fil.PAGE_DATA) {
            return false;
        }
        int type = Mach.read2(page, off + Fil.PAGE_TYPE);
        return fullCrc32 ? (type & PageType.FCRC32_COMPRESSED_MARKER) != 0
                : type == PageType.PAGE_COMPRESSED || type == PageType.PAGE_COMPRESSED_ENCRYPTED;
    }

    /**
     * The logical page of the stored page at {@code stored[off]} ({@code pageSize} bytes there).
     *
     * @param fullCrc32      the tablespace's pages use the full_crc32 layout
     * @param spaceAlgorithm for full_crc32: the algorithm number in the tablespace flags, 0 when unknown
     */
    public static Result decompress(byte[] stored, int off, int pageSize, boolean fullCrc32, int spaceAlgorithm) {
        if (stored == null || pageSize < Fil.PAGE_DATA + 64 || off < 0 || off > stored.length - pageSize) {
            return failed(null, 0, "page of " + pageSize + " bytes outside the buffer");
        }
        if (!isCompressed(stored, off, fullCrc32)) {
            return failed(null, 0, "not a page_compressed page (FIL_PAGE_TYPE " + Mach.read2(stored, off + Fil.PAGE_TYPE)
                    + ")");
        }
        return fullCrc32 ? fullCrc32(stored, off, pageSize, spaceAlgorithm) : nonFullCrc32(stored, off, pageSize);
    }

    /** fil_page_decompress_for_non_full_crc32. */
    private static Result nonFullCrc32(byte[] stored, int off, int pageSize) {
        if (Mach.read2(stored, off + Fil.PAGE_TYPE) == PageType.PAGE_COMPRESSED_ENCRYPTED) {
            return failed(null, 0, "page_compressed and encrypted: salvage does not decrypt");
        }
        if (Mach.readInt(stored, off) != PageChecksum.NO_CHECKSUM_MAGIC) {
            return failed(null, 0, String.format("checksum field is 0x%08X, not 0xDEADBEEF as on every page_compressed"
                    + " page", Mach.readInt(stored, off)));
        }
        long algorithmField = Mach.read8(stored, off + COMP_ALGO);
        PageCompressionAlgorithm algorithm = PageCompressionAlgorithm.of(algorithmField);
        if (algorithm == null) {
            return failed(null, 0, "unknown compression algorithm " + Long.toUnsignedString(algorithmField));
        }
        int length = Mach.read2(stored, off + COMP_SIZE);
        if (length == 0 || length > pageSize - COMP_DATA) {
            return failed(algorithm, length, "compressed length " + length + " is not 1.." + (pageSize - COMP_DATA));
        }
        return finish(stored, off, pageSize, algorithm, length,
                PageCodecs.decode(algorithm, stored, off + COMP_DATA, length, pageSize));
    }

    /** fil_page_decompress_for_full_crc32 (with buf_page_full_crc32_size). */
    private static Result fullCrc32(byte[] stored, int off, int pageSize, int spaceAlgorithm) {
        int keyVersion = Mach.readInt(stored, off);
        if (keyVersion != 0) {
            // FIL_PAGE_FCRC32_KEY_VERSION: compressed, then encrypted.
            return failed(null, 0, "page_compressed and encrypted (key version " + Integer.toUnsignedString(keyVersion)
                    + "): salvage does not decrypt");
        }
        int size = (Mach.read2(stored, off + Fil.PAGE_TYPE) & ~PageType.FCRC32_COMPRESSED_MARKER) << 8;
        if (size >= pageSize || size < COMP_ALGO + FCRC32_CHECKSUM + 2) {
            return failed(null, size, "stored length " + size + " (from FIL_PAGE_TYPE) is not below the page size "
                    + pageSize);
        }
        List<PageCompressionAlgorithm> candidates = new ArrayList<>();
        PageCompressionAlgorithm named = PageCompressionAlgorithm.of(spaceAlgorithm);
        if (named != null) {
            candidates.add(named);
        } else {
            // Flags unknown: the algorithm whose stream header is there first, then the rest.
            for (PageCompressionAlgorithm a : PageCompressionAlgorithm.values()) {
                int end = streamEnd(stored, off, size, a);
                if (end > COMP_ALGO && a.looksLike(stored, off + COMP_ALGO, end - COMP_ALGO, pageSize)) {
                    candidates.add(0, a);
                } else {
                    candidates.add(a);
                }
            }
        }
        Result first = null;
        Result longest = null;
        for (PageCompressionAlgorithm algorithm : candidates) {
            int end = streamEnd(stored, off, size, algorithm);
            Result r;
            if (end <= COMP_ALGO) {
                r = failed(algorithm, size, "length byte at " + (size - 5) + " gives an empty " + algorithm + " stream");
            } else {
                r = finish(stored, off, pageSize, algorithm, end - COMP_ALGO,
                        PageCodecs.decode(algorithm, stored, off + COMP_ALGO, end - COMP_ALGO, pageSize));
            }
            if (r.ok()) {
                return r;
            }
            first = first == null ? r : first;
            longest = longest == null || r.decoded() > longest.decoded() ? r : longest;
        }
        if (named == null && first != null) {
            // Keep the prefix of whichever stream went furthest, but name the failure of the likeliest.
            String why = "no algorithm decodes it (tablespace flags unknown); " + first.algorithm() + ": "
                    + first.problem();
            return new Result(longest.page(), longest.decoded(), first.algorithm(), first.stored(), why);
        }
        return first;
    }

    /**
     * The end of the compressed stream of a full_crc32 page of stored length {@code size}: for lz4, lzo and snappy
     * the low byte kept at {@code size - 5} gives it exactly; for the others the stream runs to the checksum.
     */
    private static int streamEnd(byte[] stored, int off, int size, PageCompressionAlgorithm algorithm) {
        int end = size;
        if (algorithm.storesLengthLowByte()) {
            int lsb = stored[off + size - 5] & 0xFF;
            if (lsb != 0) {
                end += lsb - 0x100;
            }
            end -= 5;
        }
        return end;
    }

    /** Checks the decoded stream and the header bytes it shares with the stored page. */
    private static Result finish(byte[] stored, int off, int pageSize, PageCompressionAlgorithm algorithm,
            int length, PageCodecs.Decoded d) {
        byte[] page = d.out();
        if (!d.ok()) {
            // The bytes before a break are only worth keeping when they still agree with the stored header.
            if (d.produced() < SAME_TO
                    || !Arrays.equals(page, SAME_FROM, SAME_TO, stored, off + SAME_FROM, off + SAME_TO)) {
                return failed(algorithm, length, d.problem());
            }
            Arrays.fill(page, d.produced(), page.length, (byte) 0);
            return new Result(page, d.produced(), algorithm, length, d.problem());
        }
        // Both layouts copy the page number, neighbours and LSN from the page they compress: a stream that decodes
        // to another page's header is not this page's.
        if (!Arrays.equals(page, SAME_FROM, SAME_TO, stored, off + SAME_FROM, off + SAME_TO)) {
            return new Result(null, 0, algorithm, length, "decompressed page number, links or LSN differ from"
                    + " the stored header (page " + Mach.read4(page, Fil.PAGE_OFFSET) + " instead of "
                    + Mach.read4(stored, off + Fil.PAGE_OFFSET) + ")");
        }
        return new Result(page, pageSize, algorithm, length, null);
    }

    private static Result failed(PageCompressionAlgorithm algorithm, int stored, String problem) {
        return new Result(null, 0, algorithm, stored, problem);
    }
}
