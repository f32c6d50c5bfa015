package dev.salvage.check.keys;

import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.sdi.SdiIndexIds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which {@link IndexShape} each index id of a file is. With a data dictionary (SDI, SYS_INDEXES) the ids are
 * known by name. Without one, the shapes are tried on a few sampled leaf pages of every id: the right layout
 * parses every listed record, the records' sizes add up exactly to the page's used heap (PAGE_HEAP_TOP minus
 * the free list's PAGE_GARBAGE: a wrong layout mis-sizes them), and their keys ascend under the shape's
 * order. The clustered shape's layout carries DB_TRX_ID/DB_ROLL_PTR and every column, so only the clustered
 * index fits it. Shapes that fit equally well (two secondary indexes on columns of the same type) are given to
 * the ids in ascending order, the order InnoDB assigns ids in at CREATE TABLE; so do the ids of an empty
 * table, whose pages hold no record to try.
 *
 * <p>Memory: at most {@link #SAMPLE_PAGES} pages per index id are kept.
 */
public final class IndexMatcher {

    public static final int SAMPLE_PAGES = 4;
    /** Below this share of records parsing, a shape does not fit an index at all. */
    static final double MIN_SHARE = 0.9;

    /**
     * @param how   "dictionary", or what the sample showed ("fits 4 sampled pages exactly, keys ascending")
     * @param score 0..1: 1 when every sampled page fits exactly
     */
    public record Match(long indexId, IndexShape shape, String how, double score) {
    }

    private final List<IndexShape> shapes;
    private final int pageSize;
    private final Map<Long, List<byte[]>> samples = new TreeMap<>();

    public IndexMatcher(List<IndexShape> shapes, int pageSize) {
        this.shapes = List.copyOf(shapes);
        this.pageSize = pageSize;
    }

    /** Matches by name from the dictionary's ids (SDI's se_private_data, SYS_INDEXES); unknown names are skipped. */
    public static Map<Long, Match> byDictionary(List<IndexShape> shapes, List<SdiIndexIds> ids) {
        Map<Long, Match> out = new LinkedHashMap<>();
        for (SdiIndexIds id : ids) {
            if (id.indexId() < 0) {
                continue;
            }
            for (IndexShape s : shapes) {
                // A table without a key: information_schema says GEN_CLUST_INDEX, MySQL 8.0's dictionary
                // keeps a hidden index named PRIMARY.
                boolean rowId = s.clustered() && s.index().isEmpty() && ("GEN_CLUST_INDEX".equalsIgnoreCase(
                        id.index()) || id.hidden() && "PRIMARY".equalsIgnoreCase(id.index()));
                boolean same = rowId || s.name().equalsIgnoreCase(id.index()) && !(s.index().isEmpty());
                if (same) {
                    out.put(id.indexId(), new Match(id.indexId(), s, "dictionary", 1.0));
                    break;
                }
            }
        }
        return out;
    }

    /** Offers a leaf page (PAGE_LEVEL 0) of {@code indexId}; a copy is kept while fewer than SAMPLE_PAGES are. */
    public void sample(long indexId, byte[] leafPage) {
        List<byte[]> list = samples.computeIfAbsent(indexId, k -> new ArrayList<>());
        IndexPageHeader h = IndexPageHeader.read(leafPage, 0);
        if (list.size() < SAMPLE_PAGES && h != null && h.level() == 0 && h.nRecs() > 0) {
            list.add(leafPage.clone());
        }
    }

    /** The index ids seen by {@link #sample}. */
    public Set<Long> indexIds() {
        return samples.keySet();
    }

    /** Every sampled index id that some shape fits, with the shape. */
    public Map<Long, Match> match() {
        Map<Long, double[]> best = new TreeMap<>();
        Map<Long, List<Integer>> ties = new TreeMap<>();
        Map<Long, String> how = new TreeMap<>();
        for (Map.Entry<Long, List<byte[]>> e : samples.entrySet()) {
            double top = -1;
            List<Integer> tied = new ArrayList<>();
            for (int s = 0; s < shapes.size(); s++) {
                Fit fit = fit(shapes.get(s), e.getValue());
                if (fit.parsed < MIN_SHARE) {
                    continue;
                }
                double score = fit.score();
                if (score > top + 1e-9) {
                    top = score;
                    tied.clear();
                    how.put(e.getKey(), fit.describe());
                }
                if (Math.abs(score - top) <= 1e-9) {
                    tied.add(s);
                }
            }
            if (!tied.isEmpty()) {
                best.put(e.getKey(), new double[] {top});
                ties.put(e.getKey(), tied);
            }
        }
        // Best fits first; equal fits go to ids in ascending order, shapes in DDL order.
        List<Long> ids = new ArrayList<>(ties.keySet());
        ids.sort(Comparator.comparingDouble((Long id) -> -best.get(id)[0]).thenComparing(id -> id));
        Set<Integer> taken = new HashSet<>();
        Map<Long, Match> out = new TreeMap<>();
        for (long id : ids) {
            for (int s : ties.get(id)) {
                if (taken.add(s)) {
                    out.put(id, new Match(id, shapes.get(s), how.get(id), best.get(id)[0]));
                    break;
                }
            }
        }
        // Ids without a single record to try (an empty table's root leaves) cannot be told apart by their
        // records: they take the shapes left over in id order, which is DDL order at CREATE TABLE.
        List<Integer> left = new ArrayList<>();
        for (int s = 0; s < shapes.size(); s++) {
            if (!taken.contains(s)) {
                left.add(s);
            }
        }
        for (Map.Entry<Long, List<byte[]>> e : samples.entrySet()) {
            if (e.getValue().isEmpty() && !out.containsKey(e.getKey()) && !left.isEmpty()) {
                out.put(e.getKey(), new Match(e.getKey(), shapes.get(left.remove(0)),
                        "no records to compare: assigned in index id order", 0));
            }
        }
        return out;
    }

    /** The id whose match is the clustered index, if any fits. */
    public static Optional<Long> clusteredId(Map<Long, Match> matches) {
        return matches.values().stream().filter(m -> m.shape().clustered()).map(Match::indexId).findFirst();
    }

    private record Fit(double parsed, double exact, double ordered, int pages) {
        double score() {
            return parsed + exact + ordered;
        }

        String describe() {
            return String.format("%.0f%% of sampled records parse, %.0f%% of %d sampled pages fit exactly, "
                    + "%.0f%% in key order", parsed * 100, exact * 100, pages, ordered * 100);
        }
    }

    private Fit fit(IndexShape shape, List<byte[]> pages) {
        RecordWalker walker = new RecordWalker();
        RecordOffsets rec = new RecordOffsets();
        long[] n = new long[4]; // records, parsed, pairs, ordered pairs
        int exact = 0;
        int used = 0;
        Comparator<IndexKey> order = shape.order().orElse(null);
        for (byte[] page : pages) {
            IndexPageHeader h = IndexPageHeader.read(page, 0);
            if (h == null) {
                continue;
            }
            used++;
            RecordFormat format = RecordFormat.of(h);
            int heapEnd = RecordWalker.heapEnd(h, pageSize, format);
            long[] bytes = {0};
            boolean[] allParsed = {true};
            IndexKey[] previous = {null};
            walker.walkRecords(page, pageSize, origin -> {
                n[0]++;
                if (RecordParser.parse(page, origin, format, shape.leafLayout(), format.heapStart(), heapEnd, rec)) {
                    n[1]++;
                    bytes[0] += rec.totalSize();
                    if (order != null) {
                        IndexKey key = shape.key(page, rec);
                        if (previous[0] != null) {
                            n[2]++;
                            n[3] += order.compare(previous[0], key) < 0 ? 1 : 0;
                        }
                        previous[0] = key;
                    }
                } else {
                    allParsed[0] = false;
                }
                return n[0] < 100_000;
            });
            if (allParsed[0] && bytes[0] == h.heapTop() - format.heapStart() - h.garbage()) {
                exact++;
            }
        }
        double parsed = n[0] == 0 ? 0 : (double) n[1] / n[0];
        double ordered = n[2] == 0 ? 1 : (double) n[3] / n[2];
        return new Fit(parsed, used == 0 ? 0 : (double) exact / used, ordered, used);
    }
}
