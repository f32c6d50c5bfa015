package dev.salvage.check;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.io.PageSource;
import dev.salvage.recover.RecoveryInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leaf chain completeness of each index file of a {@code salvage carve} folder, where pages sit in no
 * particular order and no tree can be walked: every leaf's FIL_PAGE_NEXT must be another leaf of the file
 * (whose FIL_PAGE_PREV points back), exactly one leaf starts the chain and one ends it. A page named by a
 * neighbour but absent is reported between the two leaves that name it, as Percona's index_chk did.
 * Two passes per file; memory is a bit per page number plus the breaks found.
 */
final class CarvedCheck {

    private static final int BATCH = 64;

    private CarvedCheck() {
    }

    static CheckResult run(RecoveryInput input, TablespaceCheck.Schema schema) throws IOException {
        List<IndexReport> reports = new ArrayList<>();
        List<Finding> table = new ArrayList<>();
        table.add(Finding.note(null, -1, FindingKind.SKIPPED, "carve folder: only leaf chain completeness and the"
                + " records of each leaf are checked (no tree to descend, no file segments)"));
        long pagesRead = 0;
        for (PageSource source : input.sources()) {
            PageFetcher fetcher = new PageFetcher(source, input.layout());
            pagesRead += source.pageCount();
            reports.addAll(checkFile(source, fetcher));
        }
        return new CheckResult(schema.name(), schema.source(), input.name(), reports, table, pagesRead);
    }

    /** What one file holds per index id. */
    private static final class Chain {
        final BitSet leaves = new BitSet();
        final BitSet seenTwice = new BitSet();
        final Map<Long, Long> nextMissing = new TreeMap<>(); // missing page -> leaf naming it as next
        final Map<Long, Long> prevMissing = new TreeMap<>(); // missing page -> leaf naming it as prev
        final List<Long> starts = new ArrayList<>();
        final List<Long> ends = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        long entries;
        long deleteMarked;
        long leafPages;
        long unreadable;
    }

    private static List<IndexReport> checkFile(PageSource source, PageFetcher fetcher) throws IOException {
        Map<Long, Chain> chains = new TreeMap<>();
        // Pass 1: which leaf page numbers the file holds, per index id.
        scan(source, fetcher, (pageNo, page, h) -> {
            Chain c = chains.computeIfAbsent(h.indexId(), k -> new Chain());
            if (pageNo < Integer.MAX_VALUE) {
                if (c.leaves.get((int) pageNo)) {
                    c.seenTwice.set((int) pageNo);
                }
                c.leaves.set((int) pageNo);
            }
        }, chains);
        // Pass 2: every leaf's links against that set; records counted.
        RecordWalker walker = new RecordWalker();
        int pageSize = fetcher.logicalSize();
        scan(source, fetcher, (pageNo, page, h) -> {
            Chain c = chains.computeIfAbsent(h.indexId(), k -> new Chain());
            c.leafPages++;
            long prev = Mach.read4(page, Fil.PAGE_PREV);
            long next = Mach.read4(page, Fil.PAGE_NEXT);
            if (prev == Fil.FIL_NULL) {
                c.starts.add(pageNo);
            } else if (!has(c.leaves, prev)) {
                c.prevMissing.put(prev, pageNo);
            }
            if (next == Fil.FIL_NULL) {
                c.ends.add(pageNo);
            } else if (!has(c.leaves, next)) {
                c.nextMissing.put(next, pageNo);
            }
            RecordFormat format = RecordFormat.of(h);
            var report = walker.check(page, pageSize, origin -> {
                if (RecordHeader.isDeleted(page, origin, format)) {
                    c.deleteMarked++;
                } else {
                    c.entries++;
                }
                return true;
            });
            if (!report.records().complete(false)) {
                c.findings.add(Finding.error(null, pageNo, FindingKind.RECORD_LIST, "page " + pageNo
                        + ": record list " + report.records().describe()));
            }
        }, null);
        List<IndexReport> out = new ArrayList<>();
        for (Map.Entry<Long, Chain> e : chains.entrySet()) {
            out.add(report(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static IndexReport report(long indexId, Chain c) {
        String name = "index id " + Long.toUnsignedString(indexId);
        List<Finding> findings = new ArrayList<>();
        for (Finding f : c.findings) {
            findings.add(new Finding(f.severity(), name, f.page(), f.kind(), f.message()));
        }
        for (Map.Entry<Long, Long> gap : c.nextMissing.entrySet()) {
            long missing = gap.getKey();
            Long right = c.prevMissing.remove(missing);
            findings.add(Finding.error(name, missing, FindingKind.CHAIN_GAP, "leaf page " + missing
                    + " missing between page " + gap.getValue() + " and "
                    + (right == null ? "a page that does not name it" : "page " + right)));
        }
        for (Map.Entry<Long, Long> gap : c.prevMissing.entrySet()) {
            findings.add(Finding.error(name, gap.getKey(), FindingKind.CHAIN_GAP, "leaf page " + gap.getKey()
                    + " missing before page " + gap.getValue()));
        }
        if (c.starts.size() != 1) {
            findings.add(Finding.error(name, c.starts.isEmpty() ? -1 : c.starts.get(0), FindingKind.CHAIN_GAP,
                    c.starts.size() + " leaves have no FIL_PAGE_PREV (the chain should start once): "
                            + head(c.starts)));
        }
        if (c.ends.size() != 1) {
            findings.add(Finding.error(name, c.ends.isEmpty() ? -1 : c.ends.get(0), FindingKind.CHAIN_GAP,
                    c.ends.size() + " leaves have no FIL_PAGE_NEXT (the chain should end once): " + head(c.ends)));
        }
        if (!c.seenTwice.isEmpty()) {
            findings.add(Finding.note(name, c.seenTwice.nextSetBit(0), FindingKind.PAGE_REUSED,
                    c.seenTwice.cardinality() + " page number(s) occur more than once in the carved file"
                            + " (older copies); the first is " + c.seenTwice.nextSetBit(0)));
        }
        if (c.unreadable > 0) {
            findings.add(Finding.note(name, -1, FindingKind.UNREADABLE_PAGE, c.unreadable
                    + " page(s) of the file fail their checksum and were left out"));
        }
        return new IndexReport(name, indexId, null, -1, 1, c.leafPages, 0, c.entries, c.deleteMarked, false,
                findings);
    }

    private static String head(List<Long> pages) {
        return pages.size() <= 10 ? pages.toString() : pages.subList(0, 10) + " …";
    }

    private static boolean has(BitSet set, long page) {
        return page < Integer.MAX_VALUE && set.get((int) page);
    }

    private interface LeafVisitor {
        void leaf(long pageNo, byte[] page, IndexPageHeader header);
    }

    private static void scan(PageSource source, PageFetcher fetcher, LeafVisitor visitor, Map<Long, Chain> count)
            throws IOException {
        int physical = source.pageSize().physical();
        byte[] buffer = new byte[BATCH * physical];
        byte[] stored = new byte[physical]; // reused: visitors keep nothing of the page
        for (long first = 0; first < source.pageCount(); first += BATCH) {
            int n = source.readPages(first, (int) Math.min(BATCH, source.pageCount() - first), buffer);
            for (int i = 0; i < n; i++) {
                System.arraycopy(buffer, i * physical, stored, 0, physical);
                long pageNo = Mach.read4(stored, Fil.PAGE_OFFSET);
                PageFetcher.Fetched f = fetcher.judge(-1, stored);
                IndexPageHeader h = f.ok() ? IndexPageHeader.read(f.page(), 0) : null;
                if (h == null || h.level() != 0) {
                    if (h == null && count != null) {
                        long id = Mach.read8(stored, IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID);
                        Chain c = count.get(id);
                        if (c != null) {
                            c.unreadable++;
                        }
                    }
                    continue;
                }
                visitor.leaf(pageNo, f.page(), h);
            }
        }
    }
}
