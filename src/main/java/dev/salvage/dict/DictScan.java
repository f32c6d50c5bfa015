package dev.salvage.dict;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.inventory.PageInventory;
import dev.salvage.io.FilePageSource;
import dev.salvage.io.FileSet;
import dev.salvage.io.PageSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the records of the dictionary tables from the system tablespace: every leaf page whatever tree
 * reaches it (a scan of all pages by PAGE_INDEX_ID), then the trees themselves from the roots in the
 * dictionary header, so that a leaf whose header was damaged is still read and a break in a tree is reported.
 * Pages are read one at a time; only the dictionary records are kept.
 */
final class DictScan {

    private static final int BATCH = 64;

    private final PageSource source;
    private final SpaceLayout layout;
    private final ExtentMap extents;
    private final int size;
    private final DictPageReader reader = new DictPageReader();
    private final Map<SysTable, List<DictRecord>> records = new EnumMap<>(SysTable.class);
    private final List<String> findings = new ArrayList<>();
    private final BitSet harvested = new BitSet();
    /** Leaf pages of indexes the first scan did not want: the only pages the scan for the later tables needs. */
    private final BitSet otherLeaves = new BitSet();
    private DictHeader header;

    private DictScan(PageSource source, SpaceLayout layout, ExtentMap extents) {
        this.source = source;
        this.layout = layout;
        this.extents = extents;
        this.size = layout.pageSize().physical();
        for (SysTable t : SysTable.values()) {
            records.put(t, new ArrayList<>());
        }
    }

    /** What a scan found. */
    record Result(Map<SysTable, List<DictRecord>> records, List<String> findings, DictHeader header,
            SpaceLayout layout) {
    }

    static Result run(List<Path> files) throws IOException {
        try (FileSet set = FileSet.open(FileSet.sortedSystemFiles(files))) {
            SpaceLayout layout = PageSizeDetector.detect(set, null);
            PageSource source = new FilePageSource(set, layout.pageSize());
            ExtentMap extents = PageInventory.readExtentMap(source, layout);
            DictScan scan = new DictScan(source, layout, extents);
            scan.checkSize();
            scan.readHeader();
            Map<Long, SysTable> fixed = new java.util.HashMap<>();
            for (SysTable t : List.of(SysTable.SYS_TABLES, SysTable.SYS_COLUMNS, SysTable.SYS_INDEXES,
                    SysTable.SYS_FIELDS)) {
                fixed.put(t.fixedIndexId(), t);
            }
            scan.scan(fixed, null);
            if (scan.header != null) {
                for (SysTable t : fixed.values()) {
                    scan.walkTree(t, scan.header.root(t), t.fixedIndexId());
                }
            }
            // SYS_FOREIGN, SYS_FOREIGN_COLS and SYS_VIRTUAL are ordinary tables: SYS_TABLES and SYS_INDEXES say
            // where they are.
            Map<Long, SysTable> later = new java.util.HashMap<>();
            Map<SysTable, Long> roots = new EnumMap<>(SysTable.class);
            scan.findLaterTables(later, roots);
            if (!later.isEmpty()) {
                scan.scan(later, scan.otherLeaves);
                for (Map.Entry<Long, SysTable> e : later.entrySet()) {
                    scan.walkTree(e.getValue(), roots.getOrDefault(e.getValue(), -1L), e.getKey());
                }
            }
            return new Result(scan.records, scan.findings, scan.header, layout);
        }
    }

    /**
     * Where the trees of dropped indexes were: MySQL sets SYS_INDEXES.PAGE_NO to FIL_NULL when it frees a
     * dropped index's tree, but in the system tablespace the freed pages keep their PAGE_INDEX_ID until reused.
     * The root is the page of the highest level (with no siblings when several claim it).
     */
    static Map<Long, Long> freedRoots(List<Path> files, java.util.Set<Long> indexIds) throws IOException {
        Map<Long, Long> roots = new java.util.HashMap<>();
        if (indexIds.isEmpty()) {
            return roots;
        }
        Map<Long, Integer> levels = new java.util.HashMap<>();
        try (FileSet set = FileSet.open(FileSet.sortedSystemFiles(files))) {
            SpaceLayout layout = PageSizeDetector.detect(set, null);
            PageSource source = new FilePageSource(set, layout.pageSize());
            int size = layout.pageSize().physical();
            byte[] batch = new byte[BATCH * size];
            long pages = source.pageCount();
            for (long first = 0; first < pages; first += BATCH) {
                int n = source.readPages(first, (int) Math.min(BATCH, pages - first), batch);
                for (int i = 0; i < n; i++) {
                    int off = i * size;
                    if (!DictPageReader.isIndexPage(batch, off) || Mach.read4(batch, off + Fil.PAGE_OFFSET) != first + i) {
                        continue;
                    }
                    long indexId = Mach.read8(batch, off + Fil.PAGE_DATA + IndexPageHeader.INDEX_ID);
                    if (!indexIds.contains(indexId)) {
                        continue;
                    }
                    int level = Mach.read2(batch, off + Fil.PAGE_DATA + IndexPageHeader.LEVEL);
                    boolean alone = Mach.read4(batch, off + Fil.PAGE_PREV) == Fil.FIL_NULL
                            && Mach.read4(batch, off + Fil.PAGE_NEXT) == Fil.FIL_NULL;
                    Integer best = levels.get(indexId);
                    if (best == null || level > best || level == best && alone) {
                        levels.put(indexId, level);
                        roots.put(indexId, first + i);
                    }
                }
            }
        }
        return roots;
    }

    /** A space shorter than its header's FSP_SIZE was cut: dictionary pages beyond the end are missing. */
    private void checkSize() throws IOException {
        byte[] page = new byte[size];
        if (source.pageCount() == 0 || source.readPages(0, 1, page) != 1) {
            return;
        }
        long declared = Mach.read4(page, PageSizeDetector.FSP_SIZE);
        if (layout.flags() != null && declared > source.pageCount()) {
            findings.add("the files hold " + source.pageCount() + " pages, the space header says " + declared
                    + ": the space was cut short");
        }
    }

    private void readHeader() throws IOException {
        byte[] page = new byte[size];
        if (source.pageCount() <= DictHeader.PAGE_NO || source.readPages(DictHeader.PAGE_NO, 1, page) != 1) {
            findings.add("the space has no page " + DictHeader.PAGE_NO + ": no dictionary header; scanning pages only");
            return;
        }
        if (!PageChecksum.verify(page, 0, layout.pageSize(), layout.fullCrc32(), null).valid()) {
            findings.add("dictionary header page " + DictHeader.PAGE_NO + ": checksum mismatch");
        }
        DictHeader h = DictHeader.read(page);
        String why = h.implausibility(source.pageCount());
        if (why != null) {
            findings.add("dictionary header page " + DictHeader.PAGE_NO + " not usable (" + why
                    + "); scanning pages only");
            return;
        }
        header = h;
    }

    /**
     * Reads every leaf page whose PAGE_INDEX_ID is one of {@code wanted}; with {@code only}, batches holding none of
     * its pages are not read at all (a second pass over a multi-GB system tablespace costs as much as the first).
     */
    private void scan(Map<Long, SysTable> wanted, BitSet only) throws IOException {
        byte[] batch = new byte[BATCH * size];
        byte[] page = new byte[size];
        long pages = source.pageCount();
        for (long first = 0; first < pages; first += BATCH) {
            if (only != null) {
                int next = only.nextSetBit((int) first);
                if (next < 0) {
                    return;
                }
                if (next >= first + BATCH) {
                    continue;
                }
            }
            int n = source.readPages(first, (int) Math.min(BATCH, pages - first), batch);
            for (int i = 0; i < n; i++) {
                int off = i * size;
                if (!DictPageReader.isIndexPage(batch, off)) {
                    continue;
                }
                long indexId = Mach.read8(batch, off + Fil.PAGE_DATA + IndexPageHeader.INDEX_ID);
                SysTable table = wanted.get(indexId);
                int level = Mach.read2(batch, off + Fil.PAGE_DATA + IndexPageHeader.LEVEL);
                // The doublewrite buffer in ibdata1 holds older copies of pages under their own page numbers:
                // stale versions, which could show a dropped table's rows as live.
                if (level != 0 || Mach.read4(batch, off + Fil.PAGE_OFFSET) != first + i) {
                    continue;
                }
                if (table == null) {
                    otherLeaves.set((int) (first + i));
                    continue;
                }
                System.arraycopy(batch, off, page, 0, size);
                harvest(page, first + i, table);
            }
        }
    }

    private void harvest(byte[] page, long pageNo, SysTable table) {
        harvested.set((int) pageNo);
        boolean free = extents != null && extents.isKnownFree(pageNo);
        if (!free && !PageChecksum.verify(page, 0, layout.pageSize(), layout.fullCrc32(), null).valid()) {
            findings.add(table + " page " + pageNo + ": checksum mismatch; records read where they parse");
        }
        List<DictRecord> into = records.get(table);
        // A freed page keeps old copies of records that now live elsewhere: never evidence of a live row.
        reader.read(page, size, pageNo, table, r -> into.add(free && !r.garbage()
                ? new DictRecord(r.table(), r.fields(), true, true, r.page(), r.origin()) : r),
                free ? new ArrayList<>() : findings);
    }

    /**
     * Walks the tree from its root: down the leftmost node pointers, then along the leaf level's next pointers,
     * reading leaves the scan did not (their header did not carry the index id) and reporting breaks.
     */
    private void walkTree(SysTable table, long root, long indexId) throws IOException {
        if (root < 0 || root >= source.pageCount()) {
            return;
        }
        byte[] page = new byte[size];
        BitSet seen = new BitSet();
        long pageNo = root;
        RecordOffsets offsets = new RecordOffsets();
        for (int depth = 0; ; depth++) {
            if (!readPage(pageNo, page) || !DictPageReader.isIndexPage(page, 0)) {
                findings.add(table + ": page " + pageNo + (depth == 0 ? " (root)" : "")
                        + " is not an index page; the tree cannot be followed from there");
                return;
            }
            IndexPageHeader h = IndexPageHeader.read(page, 0);
            if (h.indexId() != indexId) {
                findings.add(table + ": page " + pageNo + " in its tree carries index id " + h.indexId());
            }
            if (h.level() == 0 || depth > 64) {
                break;
            }
            int first = RecordHeader.next(page, size, RecordFormat.REDUNDANT.infimum(), RecordFormat.REDUNDANT);
            FieldLayout nodePtr = table.layout().nodePointer(table.keyFields());
            if (first == 0 || !RecordParser.parse(page, size, first, RecordFormat.REDUNDANT, nodePtr, offsets)) {
                findings.add(table + ": node pointer page " + pageNo + " unreadable; leaves found by the scan only");
                return;
            }
            pageNo = Mach.read4(page, offsets.offset(table.keyFields()));
        }
        // Leaf level, left to right.
        while (true) {
            if (!seen.get((int) pageNo)) {
                seen.set((int) pageNo);
            } else {
                findings.add(table + ": leaf chain loops back to page " + pageNo);
                return;
            }
            if (!harvested.get((int) pageNo)) {
                IndexPageHeader h = IndexPageHeader.read(page, 0);
                findings.add(table + ": leaf page " + pageNo + " reached from the root carries index id "
                        + (h == null ? "?" : h.indexId()) + (h != null && h.level() != 0 ? " level " + h.level() : ""));
                harvest(page, pageNo, table);
            }
            long next = Mach.read4(page, Fil.PAGE_NEXT);
            if (next == Fil.FIL_NULL) {
                return;
            }
            if (next >= source.pageCount() || !readPage(next, page) || !DictPageReader.isIndexPage(page, 0)) {
                findings.add(table + ": leaf page " + pageNo + " points to page " + next
                        + ", which is not an index page; leaves after it found by the scan only");
                return;
            }
            pageNo = next;
        }
    }

    private boolean readPage(long pageNo, byte[] page) throws IOException {
        return pageNo >= 0 && pageNo < source.pageCount() && source.readPages(pageNo, 1, page) == 1;
    }

    /** Finds the clustered index ids and roots of SYS_FOREIGN, SYS_FOREIGN_COLS and SYS_VIRTUAL. */
    private void findLaterTables(Map<Long, SysTable> ids, Map<SysTable, Long> roots) {
        Map<Long, SysTable> tableIds = new java.util.HashMap<>();
        for (DictRecord r : records.get(SysTable.SYS_TABLES)) {
            if (r.deleted()) {
                continue;
            }
            String name = r.text("NAME");
            for (SysTable t : List.of(SysTable.SYS_FOREIGN, SysTable.SYS_FOREIGN_COLS, SysTable.SYS_VIRTUAL)) {
                if (t.name().equals(name)) {
                    tableIds.put(r.number("ID"), t);
                }
            }
        }
        for (DictRecord r : records.get(SysTable.SYS_INDEXES)) {
            SysTable t = tableIds.get(r.number("TABLE_ID"));
            if (t != null && !r.deleted() && (r.number("TYPE") & DictIndexType.CLUSTERED) != 0) {
                ids.put(r.number("ID"), t);
                roots.put(t, r.number("PAGE_NO"));
            }
        }
    }
}
