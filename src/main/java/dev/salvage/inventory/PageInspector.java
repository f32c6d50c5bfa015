package dev.salvage.inventory;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fil.Vendor;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.page.FilHeader;
import dev.salvage.innodb.page.IndexPageHeader;

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
        FilHeader header = FilHeader.read(buf, off, physical);
        long pageNoField = header.pageNo();
        long spaceId = header.spaceId();
        long lsn = header.lsn();
        // Code 18 means SDI_BLOB to MySQL and INSTANT to MariaDB: the page bytes settle it when the flags cannot.
        PageType type = PageType.of(header.typeCode(), vendor, buf, off);

        ChecksumVerdict verdict = PageChecksum.verify(buf, off, size, layout.fullCrc32(), preferred);
        boolean compressedCopy = false;
        if (verdict.valid()) {
            preferred = verdict.algorithm();
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
            if (layout.spaceId() >= 0 && spaceId != layout.spaceId()) {
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
