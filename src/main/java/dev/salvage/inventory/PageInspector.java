package dev.salvage.inventory;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fil.Vendor;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.page.FilHeader;
import dev.salvage.innodb.page.IndexPageHeader;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Classifies and verifies one page at a time. One instance per thread: it remembers the checksum
 * algorithm that matched last, so a file written with one algorithm costs one pass per page.
 */
public final class PageInspector {

    static final int PAGE_LEVEL = IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL;
    static final int PAGE_INDEX_ID = IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID;

    private final SpaceLayout layout;
    private final PageSize size;
    private final Vendor vendor;
    private final ExtentMap extents;
    private final Doublewrite doublewrite;
    private ChecksumAlgorithm preferred;
    /** The valid verdict for {@link #preferred}, shared by every page it explains. */
    private ChecksumVerdict preferredVerdict;

    public PageInspector(SpaceLayout layout, ExtentMap extents, Doublewrite doublewrite) {
        this.layout = layout;
        this.size = layout.pageSize();
        this.vendor = layout.flags() == null ? Vendor.UNKNOWN : layout.flags().vendor();
        this.extents = extents;
        this.doublewrite = doublewrite;
    }

    /**
     * MySQL writes a ROW_FORMAT=COMPRESSED page into a doublewrite slot as its compressed image followed
     * by zeros; such a slot is sound when some zip size explains it.
     */
    private ChecksumVerdict verifyCompressedCopy(byte[] buf, int off) {
        int physical = size.physical();
        for (int zip = 1024; zip < physical && zip <= Math.min(16384, size.logical()); zip <<= 1) {
            if (Mach.isZero(buf, off + zip, physical - zip)) {
                ChecksumVerdict v = PageChecksum.verify(buf, off, PageSize.zip(size.logical(), zip), false, null);
                if (v.valid()) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Compressed or encrypted page images do not keep the plain trailer, so they cannot be called torn. */
    private static boolean bodyTransformed(PageType type) {
        return type.category() == PageType.Category.COMPRESSED || type.category() == PageType.Category.ENCRYPTED;
    }

    /**
     * Bytes of the page start that {@link #inspect(ByteBuffer, int, long)} copies for the header fields:
     * the FIL header, the index page header and the system records that settle type code 18.
     */
    private static final int HEAD_BYTES = 256;

    /** Page-sized copy area for pages given in a ByteBuffer (created on first use). */
    private byte[] scratch;

    /**
     * Like {@link #inspect(byte[], int, long)} for the page at {@code buf[off]} (absolute index). When the
     * algorithm that matched the previous page holds for this one too (nearly every page of a healthy
     * file), the checksum is verified where the page lies — in a direct buffer, without the page ever
     * being copied — and only the header and trailer are copied for the fields. Every other page
     * (damaged, zero, another algorithm, compressed) is copied whole and goes the byte[] way, so the
     * result is the same either way.
     */
    public PageInfo inspect(ByteBuffer buf, int off, long pageNo) {
        int physical = size.physical();
        if (scratch == null) {
            scratch = new byte[physical];
        }
        if ((preferred == ChecksumAlgorithm.CRC32C || preferred == ChecksumAlgorithm.FULL_CRC32)
                && physical > HEAD_BYTES && !headerIsZero(buf, off)
                && PageChecksum.matchesInPlace(buf, off, size, preferred)) {
            buf.get(off, scratch, 0, HEAD_BYTES);
            buf.get(off + physical - Fil.PAGE_END_LSN_OLD_CHKSUM, scratch, physical - Fil.PAGE_END_LSN_OLD_CHKSUM,
                    Fil.PAGE_END_LSN_OLD_CHKSUM);
            return inspectNonZero(scratch, 0, pageNo, preferredVerdict);
        }
        buf.get(off, scratch, 0, physical);
        return inspect(scratch, 0, pageNo);
    }

    /** A page whose checksum matched is never all zero (verify rejects those); this keeps the fast path honest. */
    private static boolean headerIsZero(ByteBuffer buf, int off) {
        return buf.getLong(off) == 0 && buf.getLong(off + 8) == 0 && buf.getLong(off + 16) == 0
                && buf.getLong(off + 24) == 0 && buf.getInt(off + 32) == 0 && buf.getShort(off + 36) == 0;
    }

    public PageInfo inspect(byte[] buf, int off, long pageNo) {
        int physical = size.physical();
        long offset = pageNo * physical;
        boolean inDoublewrite = doublewrite != null && doublewrite.contains(pageNo);
        if (Mach.isZero(buf, off, physical)) {
            Boolean inUse = extents == null ? null : extents.isInUse(pageNo);
            Set<PageProblem> problems = PageInfo.none();
            // Page 0 (the FSP header) is always in use, whatever the (now unreadable) descriptors said.
            if ((Boolean.TRUE.equals(inUse) || pageNo == 0) && !inDoublewrite) {
                problems.add(PageProblem.ZEROED_IN_USE);
            }
            return new PageInfo(pageNo, offset, 0, 0, PageType.of(0, vendor), -1, -1, 0, null, true, inUse,
                    inDoublewrite, 0, 0, problems);
        }
        return inspectNonZero(buf, off, pageNo, null);
    }

    /**
     * A page that is not all zero. {@code known}: its checksum verdict when already established (a valid
     * one for {@link #preferred}); then only the header, the first {@link #HEAD_BYTES} and the trailer
     * of {@code buf} are read.
     */
    private PageInfo inspectNonZero(byte[] buf, int off, long pageNo, ChecksumVerdict known) {
        int physical = size.physical();
        long offset = pageNo * physical;
        boolean inDoublewrite = doublewrite != null && doublewrite.contains(pageNo);
        FilHeader header = FilHeader.read(buf, off, physical);
        long pageNoField = header.pageNo();
        long spaceId = header.spaceId();
        long lsn = header.lsn();
        // Code 18 means SDI_BLOB to MySQL and INSTANT to MariaDB: the page bytes settle it when the flags cannot.
        PageType type = PageType.of(header.typeCode(), vendor, buf, off);

        ChecksumVerdict verdict = known != null ? known : PageChecksum.verify(buf, off, size, layout.fullCrc32(), preferred);
        boolean compressedCopy = false;
        if (verdict.valid()) {
            if (verdict.algorithm() != preferred) {
                preferred = verdict.algorithm();
                preferredVerdict = verdict;
            }
        } else if (inDoublewrite) {
            ChecksumVerdict zip = verifyCompressedCopy(buf, off);
            if (zip != null) {
                verdict = zip;
                compressedCopy = true;
            }
        }
        Set<PageProblem> problems = EnumSet.noneOf(PageProblem.class);
        if (!verdict.valid()) {
            problems.add(PageProblem.CHECKSUM_MISMATCH);
        }
        if (!compressedCopy && !bodyTransformed(type) && header.isTorn(size, layout.fullCrc32())) {
            problems.add(PageProblem.TORN);
        }
        if (!inDoublewrite) {
            if (pageNoField != pageNo) {
                problems.add(PageProblem.WRONG_PAGE_NUMBER);
            }
            // A full_crc32 page_compressed page keeps FIL_PAGE_SPACE_ID inside its compressed stream: the stored
            // bytes there are compressed data, not a space id to compare.
            boolean spaceIdCompressed = layout.fullCrc32()
                    && dev.salvage.innodb.pagecomp.PageCompressed.isCompressed(buf, off, true);
            if (layout.spaceId() >= 0 && spaceId != layout.spaceId() && !spaceIdCompressed) {
                problems.add(PageProblem.WRONG_SPACE_ID);
            }
        }
        long indexId = PageInfo.NO_INDEX;
        int level = -1;
        if (type.hasIndexHeader()) {
            indexId = Mach.read8(buf, off + PAGE_INDEX_ID);
            level = Mach.read2(buf, off + PAGE_LEVEL);
        }
        Boolean inUse = extents == null ? null : extents.isInUse(pageNo);
        return new PageInfo(pageNo, offset, pageNoField, spaceId, type, indexId, level, lsn, verdict, false,
                inUse, inDoublewrite, header.prev(), header.next(), problems);
    }
}
