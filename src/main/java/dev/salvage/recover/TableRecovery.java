package dev.salvage.recover;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.io.PageSource;
import dev.salvage.out.EscapedBytes;
import dev.salvage.out.RowSink;
import dev.salvage.out.TsvFields;
import dev.salvage.schema.TableDef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recovers the rows of one table from a tablespace or a carve folder, the library entry point of
 * {@code salvage rows}: a first pass over the page headers finds the index ids with leaf pages (and keeps a few
 * leaves of each), {@link IndexChooser} picks the clustered index, then the leaves of that index are recovered
 * in parallel batches ({@link PageRecovery}) and handed to the caller in page order. Memory is bounded by the
 * batch window, whatever the table's size.
 */
public final class TableRecovery {

    /** Receives rows in page order, on the calling thread. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(RecoveredRow row) throws IOException;
    }

    /**
     * Work done on the worker threads after a batch's rows are recovered, e.g. formatting them for the output
     * file ({@code RowSink.prepare}); its result reaches a {@link PreparedConsumer} in page order.
     */
    @FunctionalInterface
    public interface BatchPreparer<T> {
        T prepare(List<RecoveredRow> rows) throws IOException;
    }

    /** Receives prepared batches in page order, on the calling thread. */
    @FunctionalInterface
    public interface PreparedConsumer<T> {
        void accept(T prepared) throws IOException;
    }

    private static final int BATCH_PAGES = 64;
    private static final int MAX_PROBLEM_PAGES = 1000;

    private final TableDef table;
    private final RecoveryOptions options;

    public TableRecovery(TableDef table, RecoveryOptions options) {
        this.table = table;
        this.options = options;
    }

    public RecoveryResult run(RecoveryInput input, RowConsumer rows) throws IOException {
        return run(input, batch -> batch, batch -> {
            for (RecoveredRow row : batch) {
                rows.accept(row);
            }
        });
    }

    /**
     * As {@link #run(RecoveryInput, RowConsumer)}, with each batch of rows turned into a {@code T} on the worker
     * that recovered it: the expensive per-row output work then runs in parallel too.
     */
    public <T> RecoveryResult run(RecoveryInput input, BatchPreparer<T> prepare, PreparedConsumer<T> rows)
            throws IOException {
        return run(input, prepare, rows, null);
    }

    /**
     * The live rows as TSV, written by the workers straight from the page bytes into chunks for the sink that
     * {@code fields} belongs to ({@link TsvRowWriter}); the same bytes as {@link #run(RecoveryInput,
     * BatchPreparer, PreparedConsumer)} with {@code RowSink.prepare}, at a fraction of the work. Without metadata
     * columns, and only with {@link DeletedMode#NONE} (other modes use the general path).
     */
    public RecoveryResult runTsv(RecoveryInput input, TsvFields fields, PreparedConsumer<RowSink.Prepared> rows)
            throws IOException {
        if (options.deleted() != DeletedMode.NONE) {
            throw new IllegalArgumentException("TSV lines are for live rows only; use run() with --deleted");
        }
        return run(input, batch -> {
            throw new IllegalStateException("rows go to TSV lines");
        }, rows, fields);
    }

    private <T> RecoveryResult run(RecoveryInput input, BatchPreparer<T> prepare, PreparedConsumer<T> rows,
            TsvFields tsv) throws IOException {
        // The record layer sees logical pages: ROW_FORMAT=COMPRESSED pages are decompressed as they are read.
        int pageSize = input.pageSize().logical();
        Map<Long, IndexStats> indexes = survey(input, pageSize);
        if (options.dialect() == null || options.dialect() == dev.salvage.schema.ServerDialect.MYSQL_8_0) {
            int added = SdiInstantColumns.addedColumns(input.sources(), input.blobPages(), pageSize, table.name());
            indexes.values().forEach(s -> s.instantAddedColumns = added);
        }
        Collection<IndexStats> candidates = indexes.values();
        if (options.indexId() != null) {
            IndexStats named = indexes.get(options.indexId());
            if (named == null) {
                return failed("index " + options.indexId() + " has no leaf pages in " + input.name(), List.of());
            }
            candidates = List.of(named);
        }
        IndexChooser.Choice choice = IndexChooser.choose(table, candidates, options, input.blobPages(), pageSize,
                options.indexId() != null);
        if (choice == null || choice.index() == null) {
            return failed(choice == null ? "no index leaf pages found in " + input.name() : choice.why(), List.of());
        }
        if (input.carved() && !choice.index().samples.isEmpty()) {
            // Off-page values of this table are in its own space, which its index pages name.
            input.preferCarvedSpace(Mach.read4(choice.index().samples.get(0), Fil.PAGE_SPACE_ID));
        }
        return recoverLeaves(input, pageSize, choice, prepare, rows, tsv);
    }

    private RecoveryResult failed(String why, List<String> findings) {
        return new RecoveryResult(table.name(), -1, why, "", 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), findings);
    }

    /**
     * First pass: index ids with leaf pages, their record format and sample leaves. Only the index header is read
     * in place; a page is copied only when it is kept (a sample, a metadata page) or must be decompressed.
     */
    static Map<Long, IndexStats> survey(RecoveryInput input, int pageSize) throws IOException {
        Map<Long, IndexStats> indexes = new LinkedHashMap<>();
        int physical = input.pageSize().physical();
        boolean compressed = input.pageSize().isCompressed();
        boolean fullCrc32 = input.layout().fullCrc32();
        byte[] buffer = new byte[BATCH_PAGES * physical];
        for (PageSource source : input.sources()) {
            for (long first = 0; first < source.pageCount(); first += BATCH_PAGES) {
                int n = source.readPages(first, (int) Math.min(BATCH_PAGES, source.pageCount() - first), buffer);
                for (int i = 0; i < n; i++) {
                    int off = i * physical;
                    int type = Mach.read2(buffer, off + Fil.PAGE_TYPE);
                    // A page_compressed page shows its own type only once decompressed.
                    boolean pageCompressed = PageCompressed.isCompressed(buffer, off, fullCrc32);
                    if (!pageCompressed && type != PageType.INDEX && type != PageType.SDI_BLOB_OR_INSTANT
                            || input.isDoublewriteCopy(first + i)) {
                        continue;
                    }
                    byte[] logical;
                    int at;
                    if (compressed || pageCompressed) {
                        logical = ZipPages.logical(Arrays.copyOfRange(buffer, off, off + physical), input.layout());
                        at = 0;
                    } else {
                        logical = buffer; // read in place; copied below if kept
                        at = off;
                    }
                    IndexPageHeader header = logical == null ? null : indexHeader(logical, at, pageSize);
                    if (header == null) {
                        continue;
                    }
                    type = Mach.read2(logical, at + Fil.PAGE_TYPE);
                    IndexStats stats = indexes.computeIfAbsent(header.indexId(),
                            id -> new IndexStats(id, RecordFormat.of(header)));
                    if (type == PageType.SDI_BLOB_OR_INSTANT) {
                        stats.instantCoreFields = header.instantCoreFields();
                    }
                    if (header.level() != 0) {
                        stats.nonLeafPages++;
                        continue;
                    }
                    boolean leftmost = (Mach.read4(logical, at + Fil.PAGE_PREV) & 0xFFFFFFFFL) == Fil.FIL_NULL;
                    boolean sample = stats.wantsSample(header.nRecs());
                    byte[] page = logical;
                    if (at != 0 && (leftmost || sample)) {
                        page = Arrays.copyOfRange(buffer, off, off + pageSize);
                    }
                    if (leftmost && MariadbInstantMetadata.hasAlterMetadata(page, pageSize, RecordFormat.of(header))) {
                        stats.metadataPage = page.clone();
                    }
                    stats.addLeaf(sample ? page : null, header.nRecs());
                }
            }
        }
        indexes.values().removeIf(s -> s.leafPages == 0);
        return indexes;
    }

    /** The index page header of a B-tree page that looks sound enough to read; null otherwise. */
    static IndexPageHeader indexHeader(byte[] page, int pageSize) {
        return indexHeader(page, 0, pageSize);
    }

    /** As {@link #indexHeader(byte[], int)} for the page that starts at {@code off} in {@code buffer}. */
    private static IndexPageHeader indexHeader(byte[] buffer, int off, int pageSize) {
        int type = Mach.read2(buffer, off + Fil.PAGE_TYPE);
        if (type != PageType.INDEX && type != PageType.SDI_BLOB_OR_INSTANT) {
            return null;
        }
        IndexPageHeader header = IndexPageHeader.read(buffer, off);
        if (header == null || header.implausibility(pageSize) != null) {
            return null;
        }
        return header;
    }

    /** One batch's outcome, computed on a worker. */
    private record BatchResult(List<RecoveredRow> rows, List<PageAccount> pages, List<long[]> links,
                               long freedLeaves, List<String> undecodable) {
    }

    /** A batch's outcome with its rows prepared for the consumer (and, writing TSV, the buffer holding them). */
    private record PreparedBatch<T>(T prepared, int rowCount, BatchResult result, EscapedBytes lines) {
    }

    @SuppressWarnings("unchecked")
    private <T> RecoveryResult recoverLeaves(RecoveryInput input, int pageSize, IndexChooser.Choice choice,
            BatchPreparer<T> prepare, PreparedConsumer<T> consumer, TsvFields tsv) throws IOException {
        long indexId = choice.index().indexId;
        ClusteredLayout layout = choice.layout();
        // Free-list rows wait until every key of the index has been seen: many are old copies of live rows.
        StaleCopies stale = options.deleted().wantsDeleted() ? new StaleCopies(StaleCopies.DEFAULT_MAX_HELD) : null;
        ThreadLocal<PageRecovery> workers = ThreadLocal.withInitial(() -> {
            RowDecoder decoder = new RowDecoder(layout, input.blobPages(), pageSize, options.maxValueBytes());
            PageRecovery recovery = new PageRecovery(layout, decoder, options.deleted());
            if (tsv != null) {
                return recovery.writeTsv(new TsvRowWriter(layout, decoder, tsv));
            }
            return stale == null ? recovery : recovery.observeIndexKeys(stale::seen).holdFreeRows(stale::hold);
        });
        java.util.Queue<EscapedBytes> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "salvage-rows");
            t.setDaemon(true);
            return t;
        });
        long[] totals = new long[8];
        List<PageAccount> problems = new ArrayList<>();
        BitSet leaves = new BitSet();
        BitSet linked = new BitSet();
        // FIL_PREV/FIL_NEXT come from damaged pages: a link past the last page read can never be a leaf read,
        // and setting it in the BitSet would allocate up to 256 MB for one corrupt pointer. Kept aside instead.
        long pagesRead = 0;
        for (PageSource source : input.sources()) {
            pagesRead += source.pageCount();
        }
        java.util.TreeSet<Long> linkedPastEnd = new java.util.TreeSet<>();
        long freedLeaves = 0;
        List<String> undecodable = new ArrayList<>();
        long undecodableCount = 0;
        try {
            for (PageSource source : input.sources()) {
                ArrayDeque<Future<PreparedBatch<T>>> window = new ArrayDeque<>();
                long next = 0;
                while (next < source.pageCount() || !window.isEmpty()) {
                    while (next < source.pageCount() && window.size() < options.threads() * 2) {
                        long first = next;
                        int count = (int) Math.min(BATCH_PAGES, source.pageCount() - first);
                        window.add(pool.submit(() -> {
                            if (tsv != null) {
                                PageRecovery worker = workers.get();
                                // About as many TSV bytes as page bytes for short rows; grows when not. Buffers
                                // come back once written, so the same few serve the whole table.
                                EscapedBytes lines = spare.poll();
                                if (lines == null) {
                                    lines = new EscapedBytes(count * pageSize);
                                }
                                lines.clear();
                                BatchResult result = batch(source, input, first, count, pageSize, indexId, worker,
                                        lines);
                                long[] counts = worker.takeTsvCounts();
                                return new PreparedBatch<>((T) tsv.chunk(lines, counts[0], counts[1]),
                                        (int) counts[0], result, lines);
                            }
                            BatchResult result = batch(source, input, first, count, pageSize, indexId, workers.get(),
                                    null);
                            return new PreparedBatch<>(prepare.prepare(result.rows), result.rows.size(),
                                    new BatchResult(List.of(), result.pages, result.links, result.freedLeaves,
                                            result.undecodable), null);
                        }));
                        next += count;
                    }
                    PreparedBatch<T> ready = take(window.poll());
                    BatchResult done = ready.result();
                    consumer.accept(ready.prepared());
                    if (ready.lines() != null) {
                        spare.offer(ready.lines()); // written to the file by now (TsvFields#chunk)
                    }
                    totals[7] += ready.rowCount();
                    for (PageAccount page : done.pages) {
                        totals[0]++;
                        totals[1] += page.expected();
                        totals[2] += page.foundByList();
                        totals[3] += page.foundByScan();
                        totals[4] += page.deleted();
                        totals[5] += page.rejected();
                        totals[6] += page.lost();
                        if (!page.clean() && problems.size() < MAX_PROBLEM_PAGES) {
                            problems.add(page);
                        }
                        if (page.pageNo() <= Integer.MAX_VALUE) {
                            leaves.set((int) page.pageNo());
                        }
                    }
                    freedLeaves += done.freedLeaves;
                    undecodableCount += done.undecodable.size();
                    for (String u : done.undecodable) {
                        if (undecodable.size() < MAX_PROBLEM_PAGES) {
                            undecodable.add(u);
                        }
                    }
                    for (long[] link : done.links) {
                        for (long neighbour : link) {
                            if (neighbour == Fil.FIL_NULL || neighbour > Integer.MAX_VALUE) {
                                continue;
                            }
                            // Carved pages are numbered by their headers, not by place: no bound applies there.
                            if (input.carved() || neighbour < pagesRead) {
                                linked.set((int) neighbour);
                            } else {
                                linkedPastEnd.add(neighbour);
                                if (linkedPastEnd.size() > MAX_PROBLEM_PAGES) {
                                    linkedPastEnd.pollLast(); // only the lowest are ever listed
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> findings = new ArrayList<>();
        if (freedLeaves > 0) {
            findings.add(freedLeaves + " page(s) carrying index " + indexId + " are free in the extent descriptors"
                    + " (released by the tree; their records are older copies): not read");
        }
        if (undecodableCount > 0) {
            // Whose pages these were cannot be told; a leaf of this index among them is also named below as
            // linked from its neighbours but unread.
            findings.add(undecodableCount + " page_compressed page(s) could not be decompressed and show no index"
                    + " header: " + String.join("; ", undecodable));
        }
        if (stale != null) {
            emitFreeListRows(input, pageSize, indexId, layout, stale, prepare, consumer, totals, findings);
        }
        List<Long> missing = new ArrayList<>();
        BitSet absent = (BitSet) linked.clone();
        absent.andNot(leaves);
        for (int p = absent.nextSetBit(0); p >= 0 && missing.size() < MAX_PROBLEM_PAGES; p = absent.nextSetBit(p + 1)) {
            missing.add((long) p);
        }
        for (long p : linkedPastEnd) {
            if (missing.size() >= MAX_PROBLEM_PAGES) {
                break;
            }
            missing.add(p);
        }
        if (!missing.isEmpty()) {
            findings.add(missing.size() + " leaf page(s) linked from their neighbours could not be read as leaves of"
                    + " index " + indexId + ": their records are lost (count unknown): " + missing);
        }
        return new RecoveryResult(table.name(), indexId, choice.why(), layout.toString(), totals[0], totals[1],
                totals[2], totals[3], totals[4], totals[5], totals[6], totals[7], missing, problems, findings);
    }

    /**
     * Keys seen before the free-list row that repeats them went unnoticed during the parallel pass, so when rows
     * are still held, a second pass over the leaves shows every key once more; the rows no key claims are the
     * deleted ones.
     */
    private <T> void emitFreeListRows(RecoveryInput input, int pageSize, long indexId, ClusteredLayout layout,
            StaleCopies stale, BatchPreparer<T> prepare, PreparedConsumer<T> consumer, long[] totals,
            List<String> findings) throws IOException {
        if (!stale.isEmpty()) {
            PageRecovery keysOnly = new PageRecovery(layout,
                    new RowDecoder(layout, input.blobPages(), pageSize, options.maxValueBytes()), DeletedMode.NONE)
                    .observeIndexKeys(stale::seen);
            for (PageSource source : input.sources()) {
                for (long first = 0; first < source.pageCount() && !stale.isEmpty(); first += BATCH_PAGES) {
                    batch(source, input, first, (int) Math.min(BATCH_PAGES, source.pageCount() - first), pageSize,
                            indexId, keysOnly, null);
                }
            }
        }
        List<RecoveredRow> deletedRows = new ArrayList<>(stale.deletedRows());
        if (!deletedRows.isEmpty()) {
            consumer.accept(prepare.prepare(deletedRows));
            totals[7] += deletedRows.size();
        }
        totals[4] -= stale.dropped();
        if (stale.dropped() > 0) {
            findings.add(stale.dropped() + " free-list record(s) are old copies of rows the index still holds"
                    + " (moved by page splits or updates): not reported as deleted");
        }
        if (stale.unchecked() > 0) {
            findings.add(stale.unchecked() + " free-list record(s) were reported without checking whether the index"
                    + " still holds them (more than " + StaleCopies.DEFAULT_MAX_HELD + " to hold)");
        }
    }

    private static <R> R take(Future<R> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * False when the stored page's index header names another index or a non-leaf level: such a page is skipped
     * by every path below (ROW_FORMAT=COMPRESSED pages keep that header uncompressed, and decompression copies
     * it), so it need not be copied, checksummed or decompressed.
     */
    private static boolean mayBeLeafOf(byte[] buffer, int off, long indexId) {
        return Mach.read8(buffer, off + IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID) == indexId
                && Mach.read2(buffer, off + IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL) == 0;
    }

    /** Each worker's read buffer, kept: a new megabyte per batch cost the garbage collector more than the rest. */
    private static final ThreadLocal<byte[]> READ_BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);

    /** One batch of pages; rows go to {@code tsvLines} when given (a {@link PageRecovery#writeTsv} worker). */
    private BatchResult batch(PageSource source, RecoveryInput input, long first, int count, int pageSize,
            long indexId, PageRecovery recovery, EscapedBytes tsvLines) {
        int physical = input.pageSize().physical();
        byte[] buffer = READ_BUFFERS.get();
        if (buffer.length < count * physical) {
            buffer = new byte[count * physical];
            READ_BUFFERS.set(buffer);
        }
        int n;
        try {
            n = source.readPages(first, count, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Room for short rows (~32 bytes each) so that the list rarely regrows; references only, so small.
        List<RecoveredRow> rows = tsvLines != null ? List.of() : new ArrayList<>(Math.max(16, n * (pageSize / 32)));
        List<PageAccount> pages = new ArrayList<>();
        List<long[]> links = new ArrayList<>();
        long freedLeaves = 0;
        List<String> undecodable = new ArrayList<>();
        boolean fullCrc32 = input.layout().fullCrc32();
        for (int i = 0; i < n; i++) {
            // A page_compressed page's index header is inside its compressed stream: only decompression tells.
            boolean pageCompressed = PageCompressed.isCompressed(buffer, i * physical, fullCrc32);
            if (!pageCompressed && !mayBeLeafOf(buffer, i * physical, indexId) || input.isDoublewriteCopy(first + i)) {
                // Not ours (skip the copy, the checksum and any decompression), or a doublewrite buffer copy of
                // a page that has its own place, where it is read.
                continue;
            }
            byte[] stored = Arrays.copyOfRange(buffer, i * physical, (i + 1) * physical);
            long pageNo = input.carved() ? Mach.read4(stored, Fil.PAGE_OFFSET) : first + i;
            ZipPages.Outcome logical = ZipPages.decompress(stored, input.layout());
            if (logical.failedLeafOf(indexId)) {
                pages.add(logical.account(pageNo, logical.checksumValid(input.layout())));
                links.add(new long[] {Mach.read4(stored, Fil.PAGE_PREV), Mach.read4(stored, Fil.PAGE_NEXT)});
                continue;
            }
            if (logical.failedUnknown()) {
                if (!options.freedPages() && input.isKnownFree(pageNo)) {
                    continue; // whatever a freed page holds, it holds no live rows
                }
                if (undecodable.size() < MAX_PROBLEM_PAGES) {
                    undecodable.add("page " + pageNo + ": " + logical.problem());
                }
                continue;
            }
            byte[] page = logical.page();
            IndexPageHeader header = page == null ? null : indexHeader(page, pageSize);
            if (header == null || header.indexId() != indexId || header.level() != 0) {
                continue;
            }
            if (!options.freedPages() && input.isKnownFree(pageNo)) {
                freedLeaves++; // a page the tree let go of: its records are stale copies
                continue;
            }
            boolean checksum = logical.checksumValid(input.layout());
            pages.add(tsvLines != null ? recovery.recoverTsv(pageNo, page, pageSize, checksum, tsvLines)
                    : recovery.recover(pageNo, page, pageSize, checksum, rows::add));
            links.add(new long[] {Mach.read4(page, Fil.PAGE_PREV), Mach.read4(page, Fil.PAGE_NEXT)});
        }
        return new BatchResult(rows, pages, links, freedLeaves, undecodable);
    }
}
