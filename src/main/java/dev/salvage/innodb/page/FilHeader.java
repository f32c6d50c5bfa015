package dev.salvage.innodb.page;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageSize;

/**
 * The 38-byte FIL header every page starts with, and the 8-byte trailer where the format has one
 * (fil0fil.h). Unsigned 32-bit fields are held in longs.
 *
 * <p>The trailer's two words mean different things per format: without full_crc32 they are the
 * old-style checksum then the low 32 bits of FIL_PAGE_LSN; with full_crc32 they are the low 32
 * LSN bits then the CRC-32C. ROW_FORMAT=COMPRESSED pages have no trailer at all.
 *
 * @param checksum             FIL_PAGE_SPACE_OR_CHKSUM; the key version in full_crc32 format
 * @param pageNo               FIL_PAGE_OFFSET
 * @param prev                 FIL_PAGE_PREV ({@link Fil#FIL_NULL} when none)
 * @param next                 FIL_PAGE_NEXT ({@link Fil#FIL_NULL} when none)
 * @param lsn                  FIL_PAGE_LSN
 * @param typeCode             FIL_PAGE_TYPE
 * @param flushLsnOrKeyVersion FIL_PAGE_FILE_FLUSH_LSN: flush LSN on page 0 of ibdata1; MariaDB
 *                             without full_crc32: key version (high 4 bytes) and post-encryption
 *                             checksum (low 4 bytes) of encrypted pages
 * @param spaceId              FIL_PAGE_SPACE_ID
 * @param hasTrailer           whether the trailer words were read (page size given and in bounds)
 * @param trailerWord0         the 4 bytes at size-8
 * @param trailerWord1         the 4 bytes at size-4
 */
public record FilHeader(long checksum, long pageNo, long prev, long next, long lsn, int typeCode,
                        long flushLsnOrKeyVersion, long spaceId, boolean hasTrailer, long trailerWord0,
                        long trailerWord1) {

    /** Reads the header only; null when fewer than 38 bytes remain from {@code off}. */
    public static FilHeader read(byte[] page, int off) {
        return read(page, off, 0);
    }

    /**
     * Reads the header and, when {@code physicalSize} bytes are present from {@code off}, the
     * trailer words too. Null when even the header does not fit.
     */
    public static FilHeader read(byte[] page, int off, int physicalSize) {
        if (page == null || off < 0 || off > page.length - Fil.PAGE_DATA) {
            return null;
        }
        boolean trailer = physicalSize >= Fil.PAGE_DATA + Fil.PAGE_END_LSN_OLD_CHKSUM
                && off <= page.length - physicalSize;
        long w0 = trailer ? Mach.read4(page, off + physicalSize - 8) : 0;
        long w1 = trailer ? Mach.read4(page, off + physicalSize - 4) : 0;
        return new FilHeader(Mach.read4(page, off + Fil.PAGE_SPACE_OR_CHKSUM), Mach.read4(page, off + Fil.PAGE_OFFSET),
                Mach.read4(page, off + Fil.PAGE_PREV), Mach.read4(page, off + Fil.PAGE_NEXT),
                Mach.read8(page, off + Fil.PAGE_LSN), Mach.read2(page, off + Fil.PAGE_TYPE),
                Mach.read8(page, off + Fil.PAGE_FILE_FLUSH_LSN), Mach.read4(page, off + Fil.PAGE_SPACE_ID),
                trailer, w0, w1);
    }

    public boolean hasPrev() {
        return prev != Fil.FIL_NULL;
    }

    public boolean hasNext() {
        return next != Fil.FIL_NULL;
    }

    /** The low 32 bits of FIL_PAGE_LSN, which the trailer repeats. */
    public long lsnLow32() {
        return lsn & 0xFFFFFFFFL;
    }

    /** Old-style checksum in the trailer (not full_crc32); -1 when the trailer was not read. */
    public long trailerOldChecksum() {
        return hasTrailer ? trailerWord0 : -1;
    }

    /** The LSN low 32 bits as the trailer stores them for this format; -1 when the trailer was not read. */
    public long trailerLsnLow32(boolean fullCrc32) {
        if (!hasTrailer) {
            return -1;
        }
        return fullCrc32 ? trailerWord0 : trailerWord1;
    }

    /** MariaDB encryption key version: offset 0 in full_crc32, offset 26 otherwise; 0 = not encrypted. */
    public long keyVersion(boolean fullCrc32) {
        return fullCrc32 ? checksum : flushLsnOrKeyVersion >>> 32;
    }

    /**
     * True when header and trailer disagree on the LSN: the page was written partly (a torn
     * write) or its end belongs to another page. False when not applicable: ROW_FORMAT=COMPRESSED
     * pages, MariaDB page_compressed pages (their stored length ends before the trailer; the
     * full_crc32 marker or the types 34354/37401), full_crc32 encrypted pages (the server skips
     * the comparison for them) and headers read without trailer.
     */
    public boolean isTorn(PageSize size, boolean fullCrc32) {
        if (!hasTrailer || size == null || size.isCompressed()) {
            return false;
        }
        if (fullCrc32) {
            if ((typeCode & 0x8000) != 0 && (typeCode & 0x7F00) == 0 || checksum != 0) {
                return false;
            }
            return trailerWord0 != lsnLow32();
        }
        if (typeCode == 34354 || typeCode == 37401) {
            return false;
        }
        return trailerWord1 != lsnLow32();
    }
}
