package dev.salvage.inventory;

import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.PageType;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the inventory learned about one page.
 *
 * @param page        position in the tablespace (offset / physical page size)
 * @param offset      byte offset in the tablespace (across ibdata1, ibdata2, … as one space)
 * @param pageNoField FIL_PAGE_OFFSET as stored
 * @param spaceId     FIL_PAGE_SPACE_ID as stored
 * @param type        from the page-type registry
 * @param indexId     PAGE_INDEX_ID for pages with an index header (unsigned; MySQL 8's SDI index is
 *                    0xFFFFFFFFFFFFFFFF, i.e. -1 as a long), else {@link #NO_INDEX} — test with {@link #hasIndex()}
 * @param level       PAGE_LEVEL for pages with an index header, else -1
 * @param lsn         FIL_PAGE_LSN
 * @param checksum    the checksum verdict (null for all-zero pages)
 * @param allZero     every byte is zero
 * @param inUse       the extent descriptors mark the page in use (null when unknown)
 * @param doublewrite the page lies in the system tablespace's doublewrite buffer (a copy of another page)
 * @param problems    why the page is not sound (empty when it is)
 */
public record PageInfo(long page, long offset, long pageNoField, long spaceId, PageType type, long indexId,
                       int level, long lsn, ChecksumVerdict checksum, boolean allZero, Boolean inUse,
                       boolean doublewrite, long prev, long next, Set<PageProblem> problems) {

    /** Marker for pages without an index header; compare with {@link #hasIndex()}, not with the id. */
    public static final long NO_INDEX = -1;

    /** True for pages with an index page header (index id and level are meaningful). */
    public boolean hasIndex() {
        return type.hasIndexHeader() && !allZero;
    }

    public boolean sound() {
        return problems.isEmpty();
    }

    public boolean torn() {
        return problems.contains(PageProblem.TORN);
    }

    public boolean misplaced() {
        return problems.contains(PageProblem.WRONG_PAGE_NUMBER) || problems.contains(PageProblem.WRONG_SPACE_ID);
    }

    static Set<PageProblem> none() {
        return EnumSet.noneOf(PageProblem.class);
    }
}
