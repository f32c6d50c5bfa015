package dev.salvage.innodb.rec;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.page.IndexPageHeader;

import java.util.Arrays;

/**
 * Walks the records of an index page: the record list from the infimum along next pointers to the supremum,
 * and the free list from PAGE_FREE, with bounds checks on every pointer and loop detection through a visited
 * bitmap over page offsets; the page directory is checked against the list on the way. One walker serves
 * many pages in turn (its bitmaps are reused); not thread-safe, use one per thread.
 *
 * <p>Pages are given as {@code byte[] page} holding the page at offset 0, {@code pageSize} bytes long
 * (uncompressed; ROW_FORMAT=COMPRESSED pages must be decompressed first).
 */
public final class RecordWalker {

    private long[] inList = new long[0];
    private long[] inFree = new long[0];
    // Filled by the record list walk for the directory comparison.
    private int ownersMatched;
    private String directoryProblem;

    /** Walks both lists and checks the directory. */
    public PageRecordsReport check(byte[] page, int pageSize) {
        return check(page, pageSize, null);
    }

    /** As {@link #check(byte[], int)}, passing each user record of the record list to {@code visitor}. */
    public PageRecordsReport check(byte[] page, int pageSize, RecordVisitor visitor) {
        ChainWalk records = walkRecords(page, pageSize, visitor);
        ChainWalk free = walkFree(page, pageSize, null, true);
        IndexPageHeader header = IndexPageHeader.read(page, 0);
        RecordFormat format = header == null ? RecordFormat.COMPACT : RecordFormat.of(header);
        int slots = header == null ? 0 : header.nDirSlots();
        String problem = records.end() == WalkEnd.NOT_WALKABLE ? "page not walkable" : directoryProblem;
        if (problem == null && records.end() != WalkEnd.SUPREMUM && records.end() != WalkEnd.STOPPED) {
            problem = "record list broken before the supremum; " + ownersMatched + " slots matched";
        }
        return new PageRecordsReport(format, header != null && header.systemRecordsMatch(page, 0), records, free,
                new DirectoryCheck(slots, ownersMatched, problem));
    }

    /** Walks the record list, calling {@code visitor} (may be null) for each user record. */
    public ChainWalk walkRecords(byte[] page, int pageSize, RecordVisitor visitor) {
        ownersMatched = 0;
        directoryProblem = null;
        IndexPageHeader header = walkable(page, pageSize);
        if (header == null) {
            directoryProblem = "page not walkable";
            return new ChainWalk(0, 0, WalkEnd.NOT_WALKABLE, 0, 0);
        }
        RecordFormat format = RecordFormat.of(header);
        int expected = header.nRecs();
        int heapEnd = heapEnd(header, pageSize, format);
        int lowest = format.heapStart() + format.headerBytes();
        boolean slotsUsable = PageDirectory.plausibleSlotCount(header.nDirSlots(), pageSize, format);
        if (!slotsUsable) {
            directoryProblem = "PAGE_N_DIR_SLOTS " + header.nDirSlots() + " impossible for the page size";
        }
        inList = clear(inList, pageSize);
        int current = format.infimum();
        mark(inList, current);
        int found = 0;
        int slot = 0;
        int sinceOwner = 0;
        while (true) {
            // Directory bookkeeping for the record we stand on (infimum, user records, then supremum below).
            sinceOwner++;
            if (slotsUsable && directoryProblem == null) {
                int owned = RecordHeader.nOwned(page, current, format);
                if (owned != 0) {
                    if (slot >= header.nDirSlots()) {
                        directoryProblem = "more owners than the " + header.nDirSlots() + " slots";
                    } else if (PageDirectory.slot(page, pageSize, slot) != current) {
                        directoryProblem = "slot " + slot + " points at " + PageDirectory.slot(page, pageSize, slot)
                                + " but record " + current + " owns the group";
                    } else if (owned != sinceOwner) {
                        directoryProblem = "record " + current + " owns " + owned + " but its group holds " + sinceOwner;
                    } else {
                        ownersMatched++;
                        slot++;
                        sinceOwner = 0;
                    }
                }
            }
            int next = RecordHeader.next(page, pageSize, current, format);
            if (next == 0) {
                return new ChainWalk(found, expected, WalkEnd.NULL_NEXT, current, 0);
            }
            if (next == format.supremum()) {
                finishDirectory(page, pageSize, header, format, slotsUsable, slot, sinceOwner);
                return new ChainWalk(found, expected, WalkEnd.SUPREMUM, current, 0);
            }
            if (next < lowest || next >= heapEnd) {
                return new ChainWalk(found, expected, WalkEnd.OUT_OF_HEAP, current, next);
            }
            if (isMarked(inList, next)) {
                return new ChainWalk(found, expected, WalkEnd.LOOP, current, next);
            }
            mark(inList, next);
            found++;
            if (visitor != null && !visitor.visit(next)) {
                return new ChainWalk(found, expected, WalkEnd.STOPPED, next, 0);
            }
            current = next;
        }
    }

    /**
     * Walks the free list (purged records, reusable space) from PAGE_FREE. Run after {@link #walkRecords} on
     * the same page to also detect a free list that runs into the record list.
     */
    public ChainWalk walkFree(byte[] page, int pageSize, RecordVisitor visitor) {
        return walkFree(page, pageSize, visitor, false);
    }

    private ChainWalk walkFree(byte[] page, int pageSize, RecordVisitor visitor, boolean listWalked) {
        IndexPageHeader header = walkable(page, pageSize);
        if (header == null) {
            return new ChainWalk(0, 0, WalkEnd.NOT_WALKABLE, 0, 0);
        }
        RecordFormat format = RecordFormat.of(header);
        int expected = Math.max(0, header.nHeap() - 2 - header.nRecs());
        int heapEnd = heapEnd(header, pageSize, format);
        int lowest = format.heapStart() + format.headerBytes();
        inFree = clear(inFree, pageSize);
        int found = 0;
        int current = 0;
        int next = header.free();
        while (next != 0) {
            if (next < lowest || next >= heapEnd) {
                return new ChainWalk(found, expected, WalkEnd.OUT_OF_HEAP, current, next);
            }
            if (isMarked(inFree, next)) {
                return new ChainWalk(found, expected, WalkEnd.LOOP, current, next);
            }
            if (listWalked && isMarked(inList, next)) {
                return new ChainWalk(found, expected, WalkEnd.CROSSES_LIST, current, next);
            }
            mark(inFree, next);
            found++;
            if (visitor != null && !visitor.visit(next)) {
                return new ChainWalk(found, expected, WalkEnd.STOPPED, next, 0);
            }
            current = next;
            next = RecordHeader.next(page, pageSize, current, format);
        }
        return new ChainWalk(found, expected, WalkEnd.NULL_NEXT, current, 0);
    }

    /**
     * The page offset record bytes must stay below: the start of the page directory when the slot count is
     * plausible, else the trailer. (PAGE_HEAP_TOP is not trusted: a damaged header must not hide records.)
     */
    public static int heapEnd(IndexPageHeader header, int pageSize, RecordFormat format) {
        if (PageDirectory.plausibleSlotCount(header.nDirSlots(), pageSize, format)) {
            return PageDirectory.start(pageSize, header.nDirSlots());
        }
        return pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM;
    }

    private void finishDirectory(byte[] page, int pageSize, IndexPageHeader header, RecordFormat format,
            boolean slotsUsable, int slot, int sinceOwner) {
        if (!slotsUsable || directoryProblem != null) {
            return;
        }
        int supremum = format.supremum();
        int owned = RecordHeader.nOwned(page, supremum, format);
        sinceOwner++;
        if (slot != header.nDirSlots() - 1) {
            directoryProblem = "supremum reached at slot " + slot + " of " + header.nDirSlots();
        } else if (PageDirectory.slot(page, pageSize, slot) != supremum) {
            directoryProblem = "last slot points at " + PageDirectory.slot(page, pageSize, slot) + ", not the supremum";
        } else if (owned != sinceOwner) {
            directoryProblem = "supremum owns " + owned + " but its group holds " + sinceOwner;
        } else {
            ownersMatched++;
        }
    }

    private static IndexPageHeader walkable(byte[] page, int pageSize) {
        if (page == null || pageSize < 1024 || pageSize > 65536 || Integer.bitCount(pageSize) != 1
                || page.length < pageSize) {
            return null;
        }
        return IndexPageHeader.read(page, 0);
    }

    private static long[] clear(long[] bits, int pageSize) {
        int words = (pageSize + 63) >>> 6;
        if (bits.length < words) {
            return new long[words];
        }
        Arrays.fill(bits, 0, words, 0L);
        return bits;
    }

    private static void mark(long[] bits, int offset) {
        bits[offset >>> 6] |= 1L << offset;
    }

    private static boolean isMarked(long[] bits, int offset) {
        return (bits[offset >>> 6] & (1L << offset)) != 0;
    }
}
