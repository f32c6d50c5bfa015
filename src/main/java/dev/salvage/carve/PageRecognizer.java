package dev.salvage.carve;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.PageType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decides whether the bytes at one offset begin an InnoDB page, and of which size. One instance per
 * worker thread (it remembers the last checksum algorithm that matched, so the common case costs
 * one checksum pass).
 *
 * <p>The order of tests keeps the cost per offset tiny for bytes that are not pages:
 * <ol>
 * <li>FIL_PAGE_LSN (offset 16, 8 bytes) must not be 0: all-zero blocks and never-written pages are
 *     never pages.</li>
 * <li>Uncompressed sizes 4–64 KiB: the trailer repeats the low 32 bits of the LSN — at size−4 in the
 *     classic layout (after the old-style checksum), at size−8 in MariaDB's full_crc32 layout (before
 *     the CRC). Random bytes match with probability 2^-32 per position.</li>
 * <li>The type must be one the registry knows.</li>
 * <li>A checksum under any algorithm (full_crc32 first when the full_crc32 trailer position matched),
 *     or, for index types only, a consistent structure ({@link IndexPageShape}). Non-index pages need
 *     a checksum: their bytes offer nothing else that random or repetitive data could not imitate.</li>
 * <li>Only when no uncompressed size was accepted: ROW_FORMAT=COMPRESSED sizes 1–16 KiB, which have
 *     no trailer, need a type that can occur in a compressed tablespace and a valid zip checksum.</li>
 * </ol>
 * Each offset is judged on its own bytes alone, never on what was found before it, so the result does
 * not depend on how the input was split into ranges.
 */
public final class PageRecognizer {

    /** Uncompressed (logical = physical) page sizes, smallest first. */
    static final int[] PLAIN_SIZES = {4096, 8192, 16384, 32768, 65536};
    /** Physical sizes of ROW_FORMAT=COMPRESSED pages. */
    static final int[] ZIP_SIZES = {1024, 2048, 4096, 8192, 16384};
    /** The most bytes a page can need beyond its first byte. */
    public static final int MAX_PAGE = 65536;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /**
     * The same reads in the machine's byte order, for {@link #mayBePage}: it only tests words for zero
     * and for equality with each other, which the byte order cannot change, and a big-endian view costs
     * a byte swap per read in the scan loop (the C1 compiler that pages and carve run with does not
     * fold it away).
     */
    private static final VarHandle INT_NATIVE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG_NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** The low 32 bits of FIL_PAGE_LSN, which the trailer repeats (the LSN is stored big-endian). */
    private static final int PAGE_LSN_LOW = Fil.PAGE_LSN + 4;
    private static final PageSize[] PLAIN_PAGE_SIZES = new PageSize[PLAIN_SIZES.length];

    static {
        for (int i = 0; i < PLAIN_SIZES.length; i++) {
            PLAIN_PAGE_SIZES[i] = PageSize.of(PLAIN_SIZES[i]);
        }
    }

    private ChecksumAlgorithm lastPlain;
    private ChecksumAlgorithm lastZip;

    /**
     * The cheap part of {@link #recognize}, a few int compares: false when the bytes at {@code b[off]}
     * cannot begin a page of any size (LSN zero, no trailer position repeats the LSN, and the type is
     * not one a compressed page could have). Kept small and separate so that the JIT compiles the scan
     * loop early and well: nearly every offset of any input ends here.
     */
    static boolean mayBePage(byte[] b, int off, int available) {
        int avail = Math.min(available, b.length - off);
        if (off < 0 || avail < ZIP_SIZES[0]) {
            return false;
        }
        if ((long) LONG_NATIVE.get(b, off + Fil.PAGE_LSN) == 0) {
            return false;
        }
        int lsnLow = (int) INT_NATIVE.get(b, off + PAGE_LSN_LOW);
        for (int size = PLAIN_SIZES[0]; size <= avail && size <= MAX_PAGE; size <<= 1) {
            if ((int) INT_NATIVE.get(b, off + size - 4) == lsnLow || (int) INT_NATIVE.get(b, off + size - 8) == lsnLow) {
                return true;
            }
        }
        return PageTypes.isPlausibleZipType(typeCode(b, off));
    }

    /**
     * Judges the bytes at {@code b[off]}, of which {@code available} are present. Returns null when
     * they do not begin a page. Never throws on any content.
     */
    public Recognition recognize(byte[] b, int off, int available) {
        int avail = Math.min(available, b.length - off);
        if (off < 0 || avail < ZIP_SIZES[0]) {
            return null;
        }
        long lsn = (long) LONG.get(b, off + Fil.PAGE_LSN);
        if (lsn == 0) {
            return null;
        }
        int lsnLow = (int) lsn;
        for (int i = 0; i < PLAIN_SIZES.length; i++) {
            int size = PLAIN_SIZES[i];
            if (size > avail) {
                break;
            }
            boolean classic = (int) INT.get(b, off + size - 4) == lsnLow;
            boolean fullCrc32 = (int) INT.get(b, off + size - 8) == lsnLow;
            if (classic || fullCrc32) {
                Recognition r = judgePlain(b, off, i, classic, fullCrc32);
                if (r != null) {
                    return r;
                }
            }
        }
        return recognizeZip(b, off, avail);
    }

    private Recognition judgePlain(byte[] b, int off, int sizeIndex, boolean classic, boolean fullCrc32) {
        PageType type = PageTypes.resolve(b, off);
        if (!type.isKnown()) {
            return null;
        }
        PageSize size = PLAIN_PAGE_SIZES[sizeIndex];
        if (fullCrc32) {
            ChecksumVerdict v = PageChecksum.verify(b, off, size, true, ChecksumAlgorithm.FULL_CRC32);
            if (v.valid()) {
                return new Recognition(size.physical(), false, Evidence.CHECKSUM, v.algorithm());
            }
        }
        if (classic) {
            ChecksumVerdict v = PageChecksum.verify(b, off, size, false, lastPlain);
            if (v.valid() && v.algorithm() != ChecksumAlgorithm.UNCHECKSUMMED) {
                lastPlain = v.algorithm();
                return new Recognition(size.physical(), false, Evidence.CHECKSUM, v.algorithm());
            }
        }
        if (type.hasIndexHeader() && IndexPageShape.isPlausible(b, off, size.physical())) {
            return new Recognition(size.physical(), false, Evidence.INDEX_STRUCTURE, null);
        }
        return null;
    }

    private Recognition recognizeZip(byte[] b, int off, int avail) {
        if (!PageTypes.isPlausibleZipType(typeCode(b, off))) {
            return null;
        }
        int sizes = 0;
        while (sizes < ZIP_SIZES.length && ZIP_SIZES[sizes] <= avail) {
            sizes++;
        }
        // The first size whose zip checksum verifies, all sizes in one pass (the same answer as
        // PageChecksum.verify size by size with lastZip preferred).
        PageChecksum.ZipMatch m = PageChecksum.firstZipMatch(b, off, ZIP_SIZES, sizes, lastZip);
        if (m == null) {
            return null;
        }
        lastZip = m.algorithm();
        return new Recognition(m.physicalSize(), true, Evidence.CHECKSUM, m.algorithm());
    }

    static int typeCode(byte[] b, int off) {
        return ((b[off + Fil.PAGE_TYPE] & 0xFF) << 8) | (b[off + Fil.PAGE_TYPE + 1] & 0xFF);
    }
}
