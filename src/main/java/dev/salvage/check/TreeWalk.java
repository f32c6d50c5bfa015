package dev.salvage.check;

import dev.salvage.check.keys.IndexKey;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.ChainWalk;
import dev.salvage.innodb.rec.PageRecordsReport;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.innodb.rec.WalkEnd;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Descends one index from its root, depth first, children in node pointer order, so every level is met from
 * left to right as the sibling chain should run (btr0btr.cc {@code btr_validate_level} does it level by level;
 * depth first keeps one page per level in memory). On each page: type, index id, level, space id, segment,
 * record list, PAGE_N_RECS, directory; between pages of a level: FIL_PAGE_PREV/NEXT both ways and key order;
 * between a node pointer and its child: the child's keys lie in the pointer's range.
 *
 * <p>A page that cannot be used is remembered at its level and reported once its right-hand neighbour is
 * known ("missing between A and B", as index_chk said it). When a non-leaf page is lost, the levels below
 * continue through sibling links from the last page reached to the next one the tree reaches, so the pages
 * under it are still checked and counted and only they are called unreachable from the root.
 */
final class TreeWalk {

    /** Findings beyond this many per index are counted, not listed. */
    static final int MAX_FINDINGS = 500;
    /** As many levels as IndexSurvey and IndexPageHeader's plausibility check let a root or survey claim. */
    private static final int MAX_LEVELS = 256;

    private final PageFetcher fetcher;
    private final IndexTarget target;
    private final IndexShape shape;
    private final Comparator<IndexKey> order;
    private final BitSet visited = new BitSet();
    private final BitSet claimed;
    private final long spaceId;
    private final int pageSize;
    private final List<Finding> findings = new ArrayList<>();
    private int dropped;
    private final RecordWalker walker = new RecordWalker();
    private final RecordOffsets rec = new RecordOffsets();
    private final Level[] levels = new Level[MAX_LEVELS];
    private FileSegment leafSegment;
    private FileSegment topSegment;
    private long rootPage = -1;
    private LeafSink sink;
    /** False when node pointers cannot be read: levels are walked one by one along their chains. */
    private boolean descend = true;

    private long leafPages;
    private long nonLeafPages;
    private long entries;
    private long deleteMarked;
    private int height;

    /** Receives every leaf record that parses, in index order (for the checks that compare indexes). */
    interface LeafSink {
        void leaf(byte[] page, long pageNo, RecordOffsets rec);

        /** The walk continues elsewhere than at the next record in order (after a lost page). */
        void gap();
    }

    void sink(LeafSink sink) {
        this.sink = sink;
    }

    /** Per level: where the left-to-right walk stands. */
    private static final class Level {
        long lastPage = Fil.FIL_NULL;
        long lastReadable = Fil.FIL_NULL;
        long lastReadableNext = Fil.FIL_NULL;
        final List<long[]> missing = new ArrayList<>();
        final List<String> missingWhy = new ArrayList<>();
        /** A page above lost its subtree: pages of this level after lastReadable are known only by links. */
        boolean lostAbove;
        IndexKey lastKey;
        long pages;
    }

    TreeWalk(PageFetcher fetcher, IndexTarget target, BitSet claimed, long spaceId) {
        this.fetcher = fetcher;
        this.target = target;
        this.shape = target.shape();
        this.order = shape == null || !target.parseLeaves() ? null : shape.order().orElse(null);
        this.claimed = claimed;
        this.spaceId = spaceId;
        this.pageSize = fetcher.logicalSize();
        for (int i = 0; i < MAX_LEVELS; i++) {
            levels[i] = new Level();
        }
    }

    /** Walks from {@code root}, expected at {@code rootLevel}; the root's segments bound every page. */
    void walkFrom(long root, int rootLevel) {
        this.rootPage = root;
        this.height = rootLevel + 1;
        visit(root, rootLevel, null, null, -1);
        finish();
    }

    /**
     * The root is lost: walk the top surviving level through its sibling chain from {@code leftmost}, each page
     * as if a lost parent pointed at it, and descend from each.
     */
    void walkLevelChain(long leftmost, int level) {
        this.height = level + 1;
        chain(leftmost, level);
        finish();
    }

    /**
     * Without node pointers to follow (COMPACT records and no schema): every level on its own, along its
     * sibling chain from the leftmost page the survey found; pages the chain does not reach are counted.
     */
    void walkLevels(IndexSurvey.IndexPages survey) {
        descend = false;
        this.height = survey.maxLevel + 1;
        this.rootPage = survey.soleRoot();
        for (int level = survey.maxLevel; level >= 0; level--) {
            long before = levels[level].pages;
            if (survey.leftmost[level] == Fil.FIL_NULL) {
                add(Finding.error(target.name(), -1, FindingKind.CHAIN_GAP, "level " + level
                        + ": no readable page starts the sibling chain (the leftmost page is lost)"));
                continue;
            }
            chain(survey.leftmost[level], level);
            long reached = levels[level].pages - before;
            if (reached < survey.pagesPerLevel[level]) {
                add(Finding.error(target.name(), levels[level].lastReadable, FindingKind.CHAIN_GAP, "level " + level
                        + ": the sibling chain from page " + survey.leftmost[level] + " reaches " + reached + " of the "
                        + survey.pagesPerLevel[level] + " readable pages of the level, up to page "
                        + page(levels[level].lastReadable)));
            }
        }
        finish();
    }

    private void chain(long leftmost, int level) {
        levels[level].lostAbove = false;
        long page = leftmost;
        long guard = fetcher.pageCount() + 1;
        while (page != Fil.FIL_NULL && guard-- > 0) {
            if (visited(page)) {
                add(Finding.error(target.name(), page, FindingKind.SIBLING_LINK,
                        "level " + level + ": the sibling chain loops back to page " + page));
                break;
            }
            PageFetcher.Fetched f = fetcher.fetch(page);
            if (!f.ok()) {
                add(Finding.error(target.name(), page, FindingKind.CHAIN_GAP, "level " + level + ": page " + page
                        + " " + f.problem() + "; the sibling chain cannot be followed past it"));
                markVisited(page, "");
                break;
            }
            long next = Mach.read4(f.page(), Fil.PAGE_NEXT);
            visit(page, level, null, null, -1, f);
            page = next;
        }
    }

    private void visit(long pageNo, int level, IndexKey lo, IndexKey hi, long parent) {
        visit(pageNo, level, lo, hi, parent, null);
    }

    private void visit(long pageNo, int level, IndexKey lo, IndexKey hi, long parent, PageFetcher.Fetched pre) {
        Level st = levels[level];
        String from = parent < 0 ? "" : " (child of page " + parent + ")";
        if (pageNo < 0 || pageNo >= fetcher.pageCount()) {
            missing(level, pageNo, "is beyond the end of the file (" + fetcher.pageCount() + " pages)" + from,
                    FindingKind.TRUNCATED_FILE);
            return;
        }
        if (pre == null && visited(pageNo)) {
            add(Finding.error(target.name(), pageNo, FindingKind.PAGE_REUSED, "page " + pageNo + from
                    + " is reached a second time in this index"));
            return;
        }
        markVisited(pageNo, from);
        PageFetcher.Fetched f = pre != null ? pre : fetcher.fetch(pageNo);
        if (!f.ok()) {
            missing(level, pageNo, f.problem() + from, FindingKind.UNREADABLE_PAGE);
            return;
        }
        byte[] page = f.page();
        String wrong = wrongPage(page, level);
        if (wrong != null) {
            IndexPageHeader other = IndexPageHeader.read(page, 0);
            FindingKind kind = other.indexId() == target.indexId() && other.level() != level
                    ? FindingKind.WRONG_LEVEL : FindingKind.WRONG_INDEX;
            missing(level, pageNo, wrong + from, kind);
            return;
        }
        IndexPageHeader h = IndexPageHeader.read(page, 0);
        long fileSpace = Mach.read4(page, Fil.PAGE_SPACE_ID);
        if (spaceId >= 0 && fileSpace != spaceId) {
            add(Finding.error(target.name(), pageNo, FindingKind.WRONG_SPACE, "page " + pageNo + " carries space id "
                    + fileSpace + ", the tablespace's is " + spaceId));
        }
        if (pageNo == rootPage) {
            readSegments(page);
        }
        checkSegment(pageNo, level);
        placed(level, pageNo, Mach.read4(page, Fil.PAGE_PREV), Mach.read4(page, Fil.PAGE_NEXT));
        st.pages++;
        List<Child> children = records(page, pageNo, h, level, lo, hi);
        if (level == 0) {
            leafPages++;
            return;
        }
        nonLeafPages++;
        for (int i = 0; descend && i < children.size(); i++) {
            Child c = children.get(i);
            IndexKey childHi = i + 1 < children.size() ? children.get(i + 1).key : hi;
            visit(c.page, level - 1, c.minRec ? lo : c.key, childHi, pageNo);
        }
    }

    /** Why the page is not this index's page at this level, or null. */
    private String wrongPage(byte[] page, int level) {
        int type = Mach.read2(page, Fil.PAGE_TYPE);
        if (type != PageType.INDEX && type != PageType.SDI_BLOB_OR_INSTANT) {
            return "is a " + PageType.of(type, null).name() + " page, not an index page";
        }
        IndexPageHeader h = IndexPageHeader.read(page, 0);
        if (h.indexId() != target.indexId()) {
            return "belongs to index id " + h.indexId() + " (a page from another index), not " + target.indexId();
        }
        if (h.level() != level) {
            return "has level " + h.level() + " where level " + level + " was expected";
        }
        String implausible = h.implausibility(pageSize);
        return implausible == null ? null : "has an impossible index page header (" + implausible + ")";
    }

    private record Child(long page, IndexKey key, boolean minRec) {
    }

    /** Walks the page's records: counts, order and bounds; returns the node pointers of a non-leaf page. */
    private List<Child> records(byte[] page, long pageNo, IndexPageHeader h, int level, IndexKey lo, IndexKey hi) {
        List<Child> children = new ArrayList<>();
        Level st = levels[level];
        RecordFormat format = RecordFormat.of(h);
        int heapEnd = RecordWalker.heapEnd(h, pageSize, format);
        int heapStart = format.heapStart();
        boolean parse = shape != null && (level > 0 || target.parseLeaves());
        boolean pointersReadable = shape != null || format == RecordFormat.REDUNDANT;
        var layout = shape == null ? null : level == 0 ? shape.leafLayout() : shape.nodePointerLayout();
        int[] bad = new int[1];
        IndexKey[] prev = {null};
        boolean[] first = {true};
        PageRecordsReport report = walker.check(page, pageSize, origin -> {
            boolean deleted = RecordHeader.isDeleted(page, origin, format);
            boolean minRec = RecordHeader.isMinRec(page, origin, format);
            if (level == 0 && minRec) {
                return true; // MariaDB's instant ALTER metadata record: a definition, not a row
            }
            if (level == 0) {
                if (deleted) {
                    deleteMarked++;
                } else {
                    entries++;
                }
            }
            IndexKey key = null;
            long child = -1;
            if (parse) {
                if (!RecordParser.parse(page, origin, format, layout, heapStart, heapEnd, rec)) {
                    if (bad[0]++ == 0) {
                        add(Finding.error(target.name(), pageNo, FindingKind.RECORD, "page " + pageNo + ": "
                                + rec.describe()));
                    }
                    return true;
                }
                // A leaf key is only compared; without an order it would be copied for nothing.
                key = level > 0 || order != null ? shape.key(page, rec) : null;
                if (level == 0 && sink != null) {
                    sink.leaf(page, pageNo, rec);
                }
                if (level > 0) {
                    int f = shape.keyFields();
                    child = rec.length(f) == 4 ? Mach.read4(page, rec.offset(f)) : -1;
                }
            } else if (level > 0 && format == RecordFormat.REDUNDANT) {
                child = NodePointers.redundantChild(page, origin, heapStart, heapEnd);
            }
            if (level > 0 && pointersReadable) {
                if (child < 0) {
                    if (bad[0]++ == 0) {
                        add(Finding.error(target.name(), pageNo, FindingKind.RECORD, "page " + pageNo
                                + ": node pointer at offset " + origin + " has no readable child page number"));
                    }
                } else {
                    children.add(new Child(child, key, minRec));
                }
            }
            if (key != null && order != null && !(level > 0 && minRec)) {
                compareKeys(pageNo, origin, level, key, prev[0], first[0], lo, st);
                prev[0] = key;
                first[0] = false;
            }
            return true;
        });
        if (order != null && prev[0] != null) {
            if (hi != null && order.compare(prev[0], hi) >= 0) {
                add(Finding.error(target.name(), pageNo, FindingKind.KEY_BOUND, "page " + pageNo + ": last key "
                        + describe(prev[0]) + " is not below the next node pointer's key " + describe(hi)));
            }
            st.lastKey = prev[0];
        }
        ChainWalk list = report.records();
        if (list.end() != WalkEnd.SUPREMUM) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD_LIST, "page " + pageNo + ": record list "
                    + list.describe()));
        } else if (list.found() != list.expected()) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD_COUNT, "page " + pageNo + ": PAGE_N_RECS is "
                    + list.expected() + " but the record list holds " + list.found()));
        }
        if (!report.free().complete(true)) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD_LIST, "page " + pageNo + ": free list "
                    + report.free().describe()));
        }
        if (list.end() == WalkEnd.SUPREMUM && !report.directory().consistent()) {
            add(Finding.error(target.name(), pageNo, FindingKind.DIRECTORY, "page " + pageNo + ": page directory: "
                    + report.directory().problem()));
        }
        // MariaDB's instant ALTER rewrites the system records of the clustered root (FIL_PAGE_TYPE_INSTANT).
        if (!report.systemRecordsIntact() && Mach.read2(page, Fil.PAGE_TYPE) != PageType.SDI_BLOB_OR_INSTANT) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD_LIST, "page " + pageNo
                    + ": infimum/supremum records damaged"));
        }
        if (bad[0] > 1) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD, "page " + pageNo + ": " + bad[0]
                    + " records could not be read"));
        }
        if (level > 0 && pointersReadable && children.isEmpty() && list.end() == WalkEnd.SUPREMUM) {
            add(Finding.error(target.name(), pageNo, FindingKind.RECORD, "page " + pageNo
                    + ": non-leaf page without node pointers"));
        }
        return children;
    }

    private void compareKeys(long pageNo, int origin, int level, IndexKey key, IndexKey prev, boolean firstOnPage,
            IndexKey lo, Level st) {
        if (prev != null) {
            int c = order.compare(prev, key);
            if (c >= 0) {
                add(Finding.error(target.name(), pageNo, FindingKind.KEY_ORDER, "page " + pageNo + ": record at offset "
                        + origin + " key " + describe(key) + (c == 0 ? " equals" : " sorts before")
                        + " the previous record's " + describe(prev)));
            }
            return;
        }
        if (lo != null && order.compare(key, lo) < 0) {
            add(Finding.error(target.name(), pageNo, FindingKind.KEY_BOUND, "page " + pageNo + ": first key "
                    + describe(key) + " is below its node pointer's key " + describe(lo)));
        }
        if (firstOnPage && st.lastKey != null && order.compare(st.lastKey, key) >= 0) {
            add(Finding.error(target.name(), pageNo, FindingKind.KEY_ORDER, "page " + pageNo + ": first key "
                    + describe(key) + " is not above the last key " + describe(st.lastKey)
                    + " of the page before it at level " + level));
        }
    }

    private String describe(IndexKey key) {
        return shape == null ? String.valueOf(key) : shape.describe(key);
    }

    /** The page has its place at its level: check the sibling links with the page placed before it. */
    private void placed(int level, long pageNo, long prev, long next) {
        Level st = levels[level];
        if (st.lostAbove) {
            st.lostAbove = false;
            bridge(level, pageNo, prev);
        } else {
            reportMissing(level, pageNo);
            if (prev != st.lastPage) {
                add(Finding.error(target.name(), pageNo, FindingKind.SIBLING_LINK, "page " + pageNo
                        + ": FIL_PAGE_PREV is " + page(prev) + " but the page before it at level " + level + " is "
                        + page(st.lastPage)));
            }
            if (st.lastReadable != Fil.FIL_NULL && st.lastPage == st.lastReadable && st.lastReadableNext != pageNo) {
                add(Finding.error(target.name(), st.lastReadable, FindingKind.SIBLING_LINK, "page " + st.lastReadable
                        + ": FIL_PAGE_NEXT is " + page(st.lastReadableNext) + " but the page after it at level "
                        + level + " is " + pageNo));
            }
        }
        st.lastPage = pageNo;
        st.lastReadable = pageNo;
        st.lastReadableNext = next;
    }

    /** Pages the tree did not give, between the last one reached at this level and {@code pageNo}: follow links. */
    private void bridge(int level, long pageNo, long prevOfTarget) {
        Level st = levels[level];
        reportMissing(level, pageNo);
        if (sink != null && level == 0) {
            sink.gap();
        }
        long start = st.lastReadable == Fil.FIL_NULL ? Fil.FIL_NULL : st.lastReadableNext;
        boolean backwards = start == Fil.FIL_NULL && st.lastReadable == Fil.FIL_NULL;
        long cursor = backwards ? prevOfTarget : start;
        long count = 0;
        long records = 0;
        long guard = fetcher.pageCount() + 1;
        String stop = null;
        while (cursor != (backwards ? Fil.FIL_NULL : pageNo) && guard-- > 0) {
            if (cursor == Fil.FIL_NULL) {
                stop = "the chain ends";
                break;
            }
            if (cursor < 0 || cursor >= fetcher.pageCount()) {
                stop = "page " + cursor + " is beyond the end of the file";
                break;
            }
            if (visited(cursor)) {
                stop = "page " + cursor + " was already reached";
                break;
            }
            PageFetcher.Fetched f = fetcher.fetch(cursor);
            markVisited(cursor, "");
            if (!f.ok()) {
                stop = "page " + cursor + " " + f.problem();
                break;
            }
            String wrong = wrongPage(f.page(), level);
            if (wrong != null) {
                stop = "page " + cursor + " " + wrong;
                break;
            }
            checkSegment(cursor, level);
            long before = entries;
            IndexPageHeader h = IndexPageHeader.read(f.page(), 0);
            if (backwards) {
                levels[level].lastKey = null; // walking right to left: no order to compare with
            }
            records(f.page(), cursor, h, level, null, null);
            records += entries - before;
            count++;
            st.pages++;
            if (level == 0) {
                leafPages++;
            } else {
                nonLeafPages++;
            }
            cursor = backwards ? Mach.read4(f.page(), Fil.PAGE_PREV) : Mach.read4(f.page(), Fil.PAGE_NEXT);
        }
        String where = (st.lastReadable == Fil.FIL_NULL ? "the start of level " + level : "page " + st.lastReadable)
                + " and " + (pageNo == Fil.FIL_NULL ? "the end of level " + level : "page " + pageNo);
        if (count > 0) {
            add(Finding.error(target.name(), pageNo, FindingKind.UNREACHABLE_FROM_ROOT, count + " page(s) at level "
                    + level + " between " + where + " are not reachable from the root (a page above is lost);"
                    + " reached through sibling links" + (level == 0 ? ", " + records + " entries counted" : "")));
        }
        if (stop != null) {
            add(Finding.error(target.name(), pageNo, FindingKind.CHAIN_GAP, "level " + level + ": pages missing between "
                    + where + ": " + stop));
        }
    }

    private void missing(int level, long pageNo, String why, FindingKind kind) {
        Level st = levels[level];
        if (sink != null) {
            sink.gap();
        }
        st.missing.add(new long[] {pageNo, kind.ordinal()});
        st.missingWhy.add(why);
        st.lastPage = pageNo;
        for (int l = 0; descend && l < level; l++) {
            levels[l].lostAbove = true;
        }
    }

    /** Reports the pages that could not be used since the last good page of the level, now that both ends are known. */
    private void reportMissing(int level, long rightNeighbour) {
        Level st = levels[level];
        for (int i = 0; i < st.missing.size(); i++) {
            long pageNo = st.missing.get(i)[0];
            FindingKind kind = FindingKind.values()[(int) st.missing.get(i)[1]];
            String left = st.lastReadable == Fil.FIL_NULL ? "the start of level " + level : "page " + st.lastReadable;
            String right = rightNeighbour == Fil.FIL_NULL ? "the end of level " + level : "page " + rightNeighbour;
            add(Finding.error(target.name(), pageNo, kind, (level == 0 ? "leaf page " : "page ") + pageNo + " (level "
                    + level + ") " + st.missingWhy.get(i) + ": missing between " + left + " and " + right));
        }
        st.missing.clear();
        st.missingWhy.clear();
    }

    private void finish() {
        for (int level = height - 1; level >= 0; level--) {
            Level st = levels[level];
            if (st.lostAbove) {
                st.lostAbove = false;
                if (st.lastReadable == Fil.FIL_NULL && st.lastPage == Fil.FIL_NULL) {
                    continue; // nothing of the level was reached at all: the losses above say why
                }
                bridge(level, Fil.FIL_NULL, Fil.FIL_NULL);
                continue;
            }
            reportMissing(level, Fil.FIL_NULL);
            if (st.lastReadable != Fil.FIL_NULL && st.lastPage == st.lastReadable
                    && st.lastReadableNext != Fil.FIL_NULL) {
                add(Finding.error(target.name(), st.lastReadable, FindingKind.SIBLING_LINK, "page " + st.lastReadable
                        + " is the last page of level " + level + " the tree reaches but FIL_PAGE_NEXT is "
                        + st.lastReadableNext));
            }
        }
    }

    private void readSegments(byte[] root) {
        if (target.indexId() >>> 32 == 0xFFFFFFFFL) {
            // DICT_IBUF_ID_MIN: the change buffer tree keeps its one segment in its header page (page 3), not in
            // the root's PAGE_BTR_SEG fields.
            add(Finding.note(target.name(), rootPage, FindingKind.SKIPPED, "change buffer tree: file segment"
                    + " membership not checked"));
            return;
        }
        int extentPages = dev.salvage.innodb.fsp.ExtentMap.extentPages(fetcher.layout().pageSize());
        FileSegment.Pages reader = p -> {
            PageFetcher.Fetched f = fetcher.fetch(p);
            return f.ok() ? f.page() : null;
        };
        leafSegment = FileSegment.read(root, IndexPageHeader.BTR_SEG_LEAF, reader, pageSize, extentPages,
                fetcher.pageCount());
        topSegment = FileSegment.read(root, IndexPageHeader.BTR_SEG_TOP, reader, pageSize, extentPages,
                fetcher.pageCount());
        for (FileSegment s : new FileSegment[] {leafSegment, topSegment}) {
            if (s.problem() != null) {
                add(Finding.error(target.name(), rootPage, FindingKind.SEGMENT, "root page " + rootPage + ": "
                        + (s == leafSegment ? "leaf" : "non-leaf") + " file segment unreadable: " + s.problem()));
            }
        }
    }

    /** The root and every non-leaf page live in the non-leaf segment, other leaves in the leaf segment. */
    private void checkSegment(long pageNo, int level) {
        boolean top = level > 0 || pageNo == rootPage;
        FileSegment s = top ? topSegment : leafSegment;
        if (s == null || s.problem() != null) {
            return;
        }
        if (!s.contains(pageNo)) {
            add(Finding.error(target.name(), pageNo, FindingKind.SEGMENT, "page " + pageNo + " (level " + level
                    + ") is not in the index's " + (top ? "non-leaf" : "leaf") + " file segment"));
        }
    }

    private boolean visited(long pageNo) {
        return pageNo < Integer.MAX_VALUE && visited.get((int) pageNo);
    }

    private void markVisited(long pageNo, String from) {
        if (pageNo >= Integer.MAX_VALUE) {
            return;
        }
        visited.set((int) pageNo);
        if (claimed != null) {
            if (claimed.get((int) pageNo)) {
                add(Finding.error(target.name(), pageNo, FindingKind.PAGE_REUSED, "page " + pageNo + from
                        + " is also part of another index"));
            }
            claimed.set((int) pageNo);
        }
    }

    private static String page(long p) {
        return p == Fil.FIL_NULL ? "none" : Long.toString(p);
    }

    private void add(Finding f) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(f);
        } else {
            dropped++;
        }
    }

    List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        if (dropped > 0) {
            out.add(Finding.error(target.name(), -1, FindingKind.SKIPPED, dropped + " more findings not listed"));
        }
        return out;
    }

    BitSet visitedPages() {
        return visited;
    }

    long leafPages() {
        return leafPages;
    }

    long nonLeafPages() {
        return nonLeafPages;
    }

    long entries() {
        return entries;
    }

    long deleteMarked() {
        return deleteMarked;
    }

    int height() {
        return height;
    }

    boolean orderChecked() {
        return order != null;
    }
}
