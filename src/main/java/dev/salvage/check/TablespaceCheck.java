package dev.salvage.check;

import dev.salvage.check.keys.IndexMatcher;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.check.cross.CrossFinding;
import dev.salvage.check.cross.SecondaryConsistency;
import dev.salvage.check.cross.UniqueCheck;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.inventory.PageInventory;
import dev.salvage.io.PageSource;
import dev.salvage.recover.ClusteredLayout;
import dev.salvage.recover.ClusteredLayouts;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.TemporalFormat;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;
import dev.salvage.sdi.SdiIndexIds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CHECK TABLE without a server, for one tablespace: a survey pass over every page, then a walk of every index
 * from its root ({@link TreeWalk}), then what only the whole picture shows: pages of an index that no walk
 * reached, and indexes whose entry counts differ from the clustered index's. The library entry point of
 * {@code salvage check}.
 */
public final class TablespaceCheck {

    /** Orphan pages listed by number before the rest are only counted. */
    private static final int LISTED_ORPHANS = 10;

    /**
     * What is known about the table the file holds.
     *
     * @param name    "db.table" for the report
     * @param table   the definition, null when none was found (structure-only checks)
     * @param dialect which server's storage rules the definition follows
     * @param ids     index ids and root pages from a dictionary (SDI), empty when unknown
     * @param source  "sdi", "frm", "ddl" or "none"
     * @param instant the dictionary says columns were added instantly (MySQL 8.0 SDI); MariaDB's instant
     *                ALTER shows in the file itself (an INSTANT root page)
     */
    public record Schema(String name, TableDef table, ServerDialect dialect, List<SdiIndexIds> ids, String source,
                         boolean instant) {
        public Schema {
            ids = List.copyOf(ids);
        }

        public Schema(String name, TableDef table, ServerDialect dialect, List<SdiIndexIds> ids, String source) {
            this(name, table, dialect, ids, source, false);
        }

        public static Schema none(String name) {
            return new Schema(name, null, null, List.of(), "none");
        }
    }

    private TablespaceCheck() {
    }

    public static CheckResult run(RecoveryInput input, Schema schema) throws IOException {
        if (input.carved()) {
            return CarvedCheck.run(input, schema);
        }
        PageSource source = input.sources().get(0);
        PageFetcher fetcher = new PageFetcher(source, input.layout());
        List<Finding> table = new ArrayList<>();
        fileFindings(source, fetcher, table);
        if (input.layout().note() != null) {
            table.add(Finding.note(null, 0, FindingKind.SKIPPED, input.layout().note()));
        }

        ExtentMap extents = PageInventory.readExtentMap(source, input.layout());
        Map<Long, List<byte[]>> samples = new TreeMap<>();
        IndexSurvey survey = IndexSurvey.of(fetcher, source, extents, (id, leaf) -> {
            List<byte[]> list = samples.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.size() < IndexMatcher.SAMPLE_PAGES) {
                list.add(leaf.clone());
            }
        });
        List<IndexTarget> targets = targets(schema, survey, samples, fetcher, table, input);
        long spaceId = input.layout().spaceId();
        BitSet claimed = new BitSet();
        List<IndexReport> reports = new ArrayList<>();
        List<IndexShape> shapes = targets.stream().map(IndexTarget::shape).filter(Objects::nonNull).toList();
        boolean compare = !shapes.isEmpty() && shapes.get(0).clustered() && targets.get(0).parseLeaves();
        Path spill = compare ? Files.createTempDirectory("salvage-check-") : null;
        try (SecondaryConsistency cross = compare ? new SecondaryConsistency(shapes, spill, KEYS_IN_MEMORY) : null) {
            List<Finding> crossFindings = new ArrayList<>();
            for (IndexTarget target : targets) {
                TreeWalk.LeafSink sink = cross == null || target.shape() == null ? null
                        : leafSink(target.shape(), cross, crossFindings);
                reports.add(checkIndex(target, survey.index(target.indexId()), fetcher, claimed, spaceId, extents,
                        sink));
            }
            if (cross != null) {
                for (CrossFinding f : cross.finish()) {
                    crossFindings.add(crossFinding(f));
                }
            }
            table.addAll(crossFindings);
            if (!compare) {
                entryCounts(reports, table);
            }
        } finally {
            deleteQuietly(spill);
        }
        return new CheckResult(schema.name(), schema.source(), input.name(), reports, table, survey.pagesRead());
    }

    /** Keys the cross-index comparison holds in memory at once when it lists differing entries. */
    private static final int KEYS_IN_MEMORY = 200_000;

    /** Feeds leaf records to the cross-index comparison and, for a unique secondary index, the duplicate check. */
    private static TreeWalk.LeafSink leafSink(IndexShape shape, SecondaryConsistency cross, List<Finding> out) {
        UniqueCheck unique = shape.unique() && !shape.clustered() ? new UniqueCheck(shape) : null;
        return new TreeWalk.LeafSink() {
            @Override
            public void leaf(byte[] page, long pageNo, RecordOffsets rec) {
                if (shape.clustered()) {
                    cross.clustered(page, pageNo, rec);
                } else {
                    cross.secondary(shape, page, pageNo, rec);
                }
                if (unique != null) {
                    unique.next(page, pageNo, rec).ifPresent(f -> {
                        if (out.size() < TreeWalk.MAX_FINDINGS) {
                            out.add(crossFinding(f));
                        }
                    });
                }
            }

            @Override
            public void gap() {
                if (unique != null) {
                    unique.reset();
                }
            }
        };
    }

    private static Finding crossFinding(CrossFinding f) {
        FindingKind kind = switch (f.kind()) {
            case COUNT_MISMATCH -> FindingKind.ENTRY_COUNT;
            case ORPHAN_ENTRY -> FindingKind.ORPHAN_ENTRY;
            case MISSING_ENTRY -> FindingKind.MISSING_ENTRY;
            case DUPLICATE_KEY -> FindingKind.DUPLICATE_KEY;
            case KEYS_NOT_COMPARED -> FindingKind.SKIPPED;
        };
        return new Finding(f.isError() ? Finding.Severity.ERROR : Finding.Severity.NOTE, f.index(), f.page(), kind,
                f.message());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A temporary directory left behind is no reason to fail the check.
        }
    }

    /** The file's own state: cut inside a page, or shorter than page 0's FSP_SIZE says. */
    private static void fileFindings(PageSource source, PageFetcher fetcher, List<Finding> out) {
        if (source.trailingBytes() > 0) {
            out.add(Finding.error(null, source.pageCount(), FindingKind.TRUNCATED_FILE, "the file ends "
                    + source.trailingBytes() + " bytes into page " + source.pageCount() + " (truncated)"));
        }
        PageFetcher.Fetched page0 = fetcher.fetch(0);
        if (page0.ok() && Mach.read2(page0.page(), Fil.PAGE_TYPE) == PageType.FSP_HDR) {
            long size = Mach.read4(page0.page(), PageSizeDetector.FSP_SIZE);
            if (size > source.pageCount()) {
                out.add(Finding.error(null, source.pageCount(), FindingKind.TRUNCATED_FILE, "page 0 says the space has "
                        + size + " pages but the file holds " + source.pageCount() + " (truncated)"));
            }
        }
    }

    /** Which index ids to walk and with which shapes. */
    private static List<IndexTarget> targets(Schema schema, IndexSurvey survey, Map<Long, List<byte[]>> samples,
            PageFetcher fetcher, List<Finding> table, RecoveryInput input) throws IOException {
        int pageSize = fetcher.logicalSize();
        Map<Long, IndexTarget> byId = new LinkedHashMap<>();
        if (schema.table() == null) {
            table.add(Finding.note(null, -1, FindingKind.SKIPPED, "no table definition: every index id is checked"
                    + " for structure only (record fields, key order, node pointer bounds and entry counts per index"
                    + " not checked)"));
            for (long id : survey.indexes().keySet()) {
                byId.put(id, new IndexTarget("index id " + Long.toUnsignedString(id), id, -1, null));
            }
            return new ArrayList<>(byId.values());
        }
        RecordFormat format = survey.indexes().values().stream().findFirst()
                .map(p -> p.compact ? RecordFormat.COMPACT : RecordFormat.REDUNDANT).orElse(RecordFormat.COMPACT);
        List<IndexShape> shapes = IndexShape.of(schema.table(), format, TemporalFormat.MYSQL56, schema.dialect());
        Map<Long, IndexMatcher.Match> found;
        Map<Long, Long> roots = new TreeMap<>();
        if (!schema.ids().isEmpty()) {
            found = IndexMatcher.byDictionary(shapes, schema.ids());
            for (SdiIndexIds ids : schema.ids()) {
                if (ids.indexId() >= 0 && ids.rootPage() >= 0) {
                    roots.put(ids.indexId(), ids.rootPage());
                }
            }
        } else {
            IndexMatcher matcher = new IndexMatcher(shapes, pageSize);
            samples.forEach((id, pages) -> pages.forEach(p -> matcher.sample(id, p)));
            found = matcher.match();
        }
        Map<Long, IndexMatcher.Match> firstMatches = found;
        long clusteredId = shapes.stream().filter(IndexShape::clustered).findFirst()
                .flatMap(c -> firstMatches.values().stream().filter(m -> m.shape() == c).findFirst())
                .map(IndexMatcher.Match::indexId).orElse(-1L);
        boolean instant = schema.instant() || clusteredId >= 0
                && instantRoot(survey, clusteredId, roots.getOrDefault(clusteredId, -1L), fetcher);
        // Instant ALTER and the pre-5.6.4 temporal formats change the clustered leaf records' layout: take the one
        // row recovery finds by decoding sample leaves. Other tables need no second pass over the file.
        Optional<ClusteredLayout> fitted = clusteredId >= 0 && (instant || hasTemporal(schema.table()))
                ? ClusteredLayouts.find(schema.table(), input, RecoveryOptions.defaults().withDialect(
                        schema.dialect()), clusteredId)
                : Optional.empty();
        Map<Long, IndexMatcher.Match> matches = found;
        if (fitted.isPresent()) {
            List<IndexShape> refitted = IndexShape.of(fitted.get());
            if (refitted.size() == shapes.size()) {
                matches = new LinkedHashMap<>();
                for (IndexMatcher.Match m : found.values()) {
                    IndexShape now = refitted.get(shapes.indexOf(m.shape()));
                    matches.put(m.indexId(), new IndexMatcher.Match(m.indexId(), now, m.how(), m.score()));
                }
                shapes = refitted;
                instant = false;
            }
        }
        if (instant) {
            table.add(Finding.note(shapes.get(0).name(), -1, FindingKind.SKIPPED, "instant ALTER TABLE: the"
                    + " clustered index's leaf records have several layouts, they are counted but not parsed (their"
                    + " key order and the per-key comparison with the secondary indexes are not checked)"));
        }
        // Clustered first, then the schema's order; then ids no shape fits.
        for (IndexShape shape : shapes) {
            long id = matches.values().stream().filter(m -> m.shape() == shape).mapToLong(IndexMatcher.Match::indexId)
                    .findFirst().orElse(-1);
            if (id < 0) {
                table.add(Finding.error(shape.name(), -1, FindingKind.ROOT, "index " + shape.name()
                        + ": no index id in the file " + (schema.ids().isEmpty() ? "fits its record layout"
                        : "is the one the dictionary names") + " (its pages are lost or were never written)"));
                continue;
            }
            boolean leaves = !(shape.clustered() && instant);
            byId.put(id, new IndexTarget(shape.name(), id, roots.getOrDefault(id, -1L), shape, leaves));
        }
        for (long id : survey.indexes().keySet()) {
            if (!byId.containsKey(id)) {
                table.add(Finding.note(null, -1, FindingKind.SKIPPED, "index id " + id + " matches no index of the"
                        + " definition: checked for structure only"));
                byId.put(id, new IndexTarget("index id " + Long.toUnsignedString(id), id, -1, null));
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static IndexReport checkIndex(IndexTarget target, IndexSurvey.IndexPages surveyed, PageFetcher fetcher,
            BitSet claimed, long spaceId, ExtentMap extents, TreeWalk.LeafSink sink) {
        List<Finding> pre = new ArrayList<>();
        TreeWalk walk = new TreeWalk(fetcher, target, claimed, spaceId);
        walk.sink(sink);
        long root = target.rootPage() >= 0 ? target.rootPage() : surveyed == null ? -1 : surveyed.soleRoot();
        long walkedRoot = -1;
        if (target.shape() == null && surveyed != null && surveyed.compact && surveyed.maxLevel > 0) {
            pre.add(Finding.note(target.name(), -1, FindingKind.SKIPPED, "node pointers not followed (COMPACT records"
                    + " need the table definition): each level checked along its sibling chain"));
            walk.walkLevels(surveyed);
            walkedRoot = surveyed.soleRoot();
        } else {
            String problem = root < 0 ? null : rootProblem(fetcher, root, target.indexId());
            if (root >= 0 && problem == null) {
                PageFetcher.Fetched f = fetcher.fetch(root);
                walk.walkFrom(root, IndexPageHeader.read(f.page(), 0).level());
                walkedRoot = root;
            } else {
                String why = root >= 0 ? "root page " + root + " " + problem
                        : surveyed == null ? "no readable page carries index id " + target.indexId()
                        : "no root page: " + surveyed.topCount + " pages at level " + surveyed.maxLevel
                        + " have no parent";
                pre.add(Finding.error(target.name(), root, FindingKind.ROOT, why));
                if (surveyed != null && surveyed.maxLevel >= 0 && surveyed.leftmost[surveyed.maxLevel] != Fil.FIL_NULL) {
                    walk.walkLevelChain(surveyed.leftmost[surveyed.maxLevel], surveyed.maxLevel);
                }
            }
        }
        if (walkedRoot < 0) {
            pre.add(Finding.note(target.name(), -1, FindingKind.SKIPPED, "file segment membership not checked (the"
                    + " root page names the segments)"));
        }
        if (target.shape() != null && target.parseLeaves() && !walk.orderChecked()) {
            pre.add(Finding.note(target.name(), -1, FindingKind.SKIPPED, "order not checked: "
                    + target.shape().orderNote()));
        }
        List<Finding> findings = new ArrayList<>(pre);
        findings.addAll(walk.findings());
        orphans(target, surveyed, walk.visitedPages(), extents, findings);
        return new IndexReport(target.name(), target.indexId(), target.shape() == null ? null
                : target.shape().clustered(), walkedRoot, walk.height(), walk.leafPages(), walk.nonLeafPages(),
                walk.entries(), walk.deleteMarked(), walk.orderChecked(), findings);
    }

    private static boolean hasTemporal(TableDef table) {
        return table.columns().stream().map(c -> c.type().kind())
                .anyMatch(k -> k == TypeKind.TIME || k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP);
    }

    /**
     * MariaDB marks the clustered root of a table altered by instant ADD/DROP/reorder FIL_PAGE_TYPE_INSTANT (18,
     * which MySQL uses for SDI BLOBs only, never for an index root).
     */
    private static boolean instantRoot(IndexSurvey survey, long indexId, long root, PageFetcher fetcher) {
        IndexSurvey.IndexPages pages = survey.index(indexId);
        long r = root >= 0 ? root : pages == null ? -1 : pages.soleRoot();
        if (r < 0) {
            return false;
        }
        PageFetcher.Fetched f = fetcher.fetch(r);
        return f.ok() && Mach.read2(f.page(), Fil.PAGE_TYPE) == PageType.SDI_BLOB_OR_INSTANT;
    }

    /** Why {@code root} cannot be the root of {@code indexId}, or null. */
    private static String rootProblem(PageFetcher fetcher, long root, long indexId) {
        PageFetcher.Fetched f = fetcher.fetch(root);
        if (!f.ok()) {
            return f.problem();
        }
        int type = Mach.read2(f.page(), Fil.PAGE_TYPE);
        IndexPageHeader h = IndexPageHeader.read(f.page(), 0);
        if (type != PageType.INDEX && type != PageType.SDI_BLOB_OR_INSTANT || h == null) {
            return "is a " + PageType.of(type, null).name() + " page, not an index page";
        }
        if (h.indexId() != indexId) {
            return "belongs to index id " + h.indexId() + ", not " + indexId;
        }
        if (Mach.read4(f.page(), Fil.PAGE_PREV) != Fil.FIL_NULL || Mach.read4(f.page(), Fil.PAGE_NEXT) != Fil.FIL_NULL) {
            return "has sibling pages (FIL_PAGE_PREV " + Mach.read4(f.page(), Fil.PAGE_PREV) + ", FIL_PAGE_NEXT "
                    + Mach.read4(f.page(), Fil.PAGE_NEXT) + "): not a root";
        }
        return h.implausibility(fetcher.logicalSize()) == null ? null
                : "has an impossible index page header (" + h.implausibility(fetcher.logicalSize()) + ")";
    }

    /** Readable pages of the index that no walk reached and the extent descriptors do not call free. */
    private static void orphans(IndexTarget target, IndexSurvey.IndexPages surveyed, BitSet visited,
            ExtentMap extents, List<Finding> out) {
        if (surveyed == null) {
            return;
        }
        BitSet left = (BitSet) surveyed.pages.clone();
        left.andNot(visited);
        List<Long> listed = new ArrayList<>();
        long count = 0;
        long first = -1;
        for (int p = left.nextSetBit(0); p >= 0; p = left.nextSetBit(p + 1)) {
            if (extents != null && extents.isKnownFree(p)) {
                continue;
            }
            count++;
            if (first < 0) {
                first = p;
            }
            if (listed.size() < LISTED_ORPHANS) {
                listed.add((long) p);
            }
        }
        if (count > 0) {
            out.add(Finding.error(target.name(), first, FindingKind.ORPHAN_PAGE, count + " page(s) carry index id "
                    + target.indexId() + " but are not reachable from the root or along the sibling chains: "
                    + listed + (count > listed.size() ? " …" : "")));
        }
    }

    /** CHECK TABLE's count comparison, when the keys cannot be compared: as many entries as clustered records. */
    private static void entryCounts(List<IndexReport> reports, List<Finding> out) {
        IndexReport clustered = reports.stream().filter(r -> Boolean.TRUE.equals(r.clustered())).findFirst()
                .orElse(null);
        if (clustered == null) {
            return;
        }
        for (IndexReport r : reports) {
            if (Boolean.FALSE.equals(r.clustered()) && r.entries() != clustered.entries()) {
                out.add(Finding.error(r.name(), -1, FindingKind.ENTRY_COUNT, "Index " + r.name() + " contains "
                        + r.entries() + " entries, should be " + clustered.entries()));
            }
        }
    }
}
