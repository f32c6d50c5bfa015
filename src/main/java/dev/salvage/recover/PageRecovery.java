package dev.salvage.recover;

import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.ChainWalk;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.innodb.rec.WalkEnd;
import dev.salvage.out.EscapedBytes;
import dev.salvage.out.RowValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Recovers the rows of one clustered index leaf page: the record list first; where it breaks, a scan of the
 * bytes no accepted record claims for records that parse under the layout and pass every check; with
 * {@code --deleted}, the free list. Each record is emitted at most once (claimed byte ranges). One instance per
 * thread: buffers are reused from page to page.
 */
final class PageRecovery {

    private static final int MAX_FINDINGS_PER_PAGE = 20;

    private final ClusteredLayout layout;
    private final RowDecoder decoder;
    private final DeletedMode deletedMode;
    private final Optional<KeyOrder> keyOrder;
    private final RecordWalker walker = new RecordWalker();
    private final RecordOffsets rec = new RecordOffsets();
    private final List<RowValue> values = new ArrayList<>();
    /** Receives the key of every record in the index proper (listed or found by scan), for {@link StaleCopies}. */
    private Consumer<String> indexKeys = key -> { };
    private boolean indexKeysObserved;
    /** When set, free-list rows go here with their key instead of to the row consumer ({@link StaleCopies}). */
    private BiPredicate<String, RecoveredRow> freeRows;
    private int[] origins = new int[256];
    private int originCount;
    private long[] claimed = new long[0];
    /** Key field positions of the listed records, kept from their parse for the key-order check. */
    private int[] keyStarts = new int[0];
    private int[] keyLengths = new int[0];

    PageRecovery(ClusteredLayout layout, RowDecoder decoder, DeletedMode deletedMode) {
        this.layout = layout;
        this.decoder = decoder;
        this.deletedMode = deletedMode;
        this.keyOrder = KeyOrder.of(layout);
    }

    /** With {@link #writeTsv}: records become TSV lines in {@link #lines}, then rows in {@link #tsvOut}. */
    private TsvRowWriter tsv;
    private final EscapedBytes lines = new EscapedBytes(1 << 14);
    private EscapedBytes tsvOut;
    private long tsvRows;
    private long tsvDamaged;

    /**
     * One accepted record before it becomes a row: its values, or (writing TSV) where its line lies in
     * {@link #lines} and how many damaged values it has.
     */
    private record Candidate(int origin, int heapNo, boolean deleted, long trxId, List<RowValue> values,
                             int lineStart, int lineEnd, int damaged) {
        Candidate(int origin, int heapNo, boolean deleted, long trxId, List<RowValue> values) {
            this(origin, heapNo, deleted, trxId, values, -1, -1, 0);
        }
    }

    /**
     * @param rows receives the rows to write, in record order
     */
    PageAccount recover(long pageNo, byte[] page, int pageSize, boolean checksumValid, Consumer<RecoveredRow> rows) {
        List<String> findings = new ArrayList<>();
        Consumer<String> finding = s -> {
            if (findings.size() < MAX_FINDINGS_PER_PAGE) {
                findings.add(s);
            }
        };
        IndexPageHeader header = IndexPageHeader.read(page, 0);
        if (header == null || RecordFormat.of(header) != layout.format()) {
            finding.accept("page format differs from the layout's " + layout.format());
            return new PageAccount(pageNo, header == null ? 0 : header.nRecs(), 0, 0, 0, 0,
                    header == null ? 0 : header.nRecs(), checksumValid, "not read", findings);
        }
        if (!checksumValid) {
            finding.accept("checksum mismatch: page damaged, every record checked");
        }
        RecordFormat format = layout.format();
        int heapEnd = RecordWalker.heapEnd(header, pageSize, format);
        clearClaimed(pageSize);
        lines.clear();
        originCount = 0;
        ChainWalk walk = walker.walkRecords(page, pageSize, origin -> {
            if (originCount == origins.length) {
                origins = Arrays.copyOf(origins, origins.length * 2);
            }
            origins[originCount++] = origin;
            return true;
        });

        // 1. The record list.
        List<Candidate> listed = acceptListed(page, pageSize, format, header, heapEnd, finding);
        int rejected = originCount - listed.size();
        int metadata = 0;
        if (originCount > 0 && RecordChecks.isInstantMetadata(page, origins[0], format)) {
            metadata = 1; // MariaDB's instant ALTER metadata record: the table's definition, not a row
            rejected--;
        }
        List<Candidate> inOrder = keyOrderFilter(page, pageSize, format, heapEnd, listed, finding);
        rejected += listed.size() - inOrder.size();
        boolean listComplete = walk.end() == WalkEnd.SUPREMUM && walk.found() == header.nRecs()
                && rejected == 0;
        Set<String> keys = new HashSet<>();
        // Claimed bytes and keys serve only the scan, the free list and key observers: a healthy page read for
        // its live rows (the common case) skips them, which roughly halves the work per record.
        if (!listComplete || deletedMode.wantsDeleted() || indexKeysObserved) {
            for (Candidate c : inOrder) {
                claim(page, pageSize, c.origin, format, heapEnd);
                String key = keyOf(page, pageSize, c.origin, format, heapEnd);
                keys.add(key);
                indexKeys.accept(key);
            }
        }

        // 2. The scan, only when the list did not account for every record.
        List<Candidate> scanned = List.of();
        if (!listComplete) {
            finding.accept("record list: " + walk.describe() + "; scanning unclaimed bytes");
            scanned = scanUnclaimed(page, pageSize, format, header, heapEnd, keys);
        }

        // 3. The free list.
        List<Candidate> freed = new ArrayList<>();
        List<String> freedKeys = new ArrayList<>();
        if (deletedMode.wantsDeleted()) {
            acceptFreeList(page, pageSize, format, header, heapEnd, keys, freed, freedKeys);
        }

        int deleted = emitAll(pageNo, inOrder, FoundBy.LIST, rows);
        int scannedDeleted = emitAll(pageNo, scanned, FoundBy.SCAN, rows);
        deleted += scannedDeleted;
        int scannedLive = scanned.size() - scannedDeleted;
        for (int i = 0; i < freed.size(); i++) {
            Candidate c = freed.get(i);
            deleted++;
            RecoveredRow row = new RecoveredRow(pageNo, c.origin, c.heapNo, true, c.trxId, FoundBy.FREE, c.values);
            if (freeRows == null || !freeRows.test(freedKeys.get(i), row)) {
                emit(pageNo, new Candidate(c.origin, c.heapNo, true, c.trxId, c.values), FoundBy.FREE, rows);
            }
        }
        int expected = header.nRecs() - metadata;
        int lost = Math.max(0, expected - inOrder.size() - scannedLive);
        if (lost > 0) {
            finding.accept(lost + " of " + expected + " records lost");
        }
        return new PageAccount(pageNo, expected, inOrder.size(), scannedLive, deleted, rejected, lost,
                checksumValid, walk.describe(), findings);
    }

    /** Emits {@code found} in order; returns how many of them are delete-marked. A loop of its own, see below. */
    private int emitAll(long pageNo, List<Candidate> found, FoundBy how, Consumer<RecoveredRow> rows) {
        int deleted = 0;
        for (Candidate c : found) {
            deleted += c.deleted ? 1 : 0;
            emit(pageNo, c, how, rows);
        }
        return deleted;
    }

    /**
     * The records of the list walked into {@link #origins}, accepted ones in list order (MariaDB's instant ALTER
     * metadata record, first of its page, is skipped). Each step of {@link #recover} that tries records is a
     * method of its own: the JIT compiles the record-by-record work once instead of into one very large method,
     * which on two cores held a compiler thread for half of a 1 M-row table's cold run.
     */
    private List<Candidate> acceptListed(byte[] page, int pageSize, RecordFormat format, IndexPageHeader header,
            int heapEnd, Consumer<String> finding) {
        // Sized from PAGE_N_RECS (capped: a damaged header may claim anything) to spare the list's regrowth.
        List<Candidate> listed = new ArrayList<>(Math.min(Math.max(header.nRecs(), 10), 4096));
        for (int i = 0; i < originCount; i++) {
            if (i == 0 && RecordChecks.isInstantMetadata(page, origins[i], format)) {
                continue;
            }
            Candidate c = accept(page, pageSize, origins[i], format, header, heapEnd, finding, true);
            if (c != null) {
                rememberKey(listed.size()); // rec still holds this record's parse
                listed.add(c);
            }
        }
        return listed;
    }

    /** Records found in the bytes no accepted record claims; {@code keys} skips stale copies of listed ones. */
    private List<Candidate> scanUnclaimed(byte[] page, int pageSize, RecordFormat format, IndexPageHeader header,
            int heapEnd, Set<String> keys) {
        List<Candidate> scanned = new ArrayList<>();
        int lowest = format.heapStart() + format.headerBytes();
        for (int origin = lowest; origin < heapEnd; origin++) {
            if (isClaimed(origin)) {
                continue;
            }
            Candidate c = accept(page, pageSize, origin, format, header, heapEnd, s -> { }, false);
            if (c == null || overlapsClaimed()) {
                discard(c);
                continue;
            }
            String key = keyOf(page, pageSize, origin, format, heapEnd);
            if (!keys.add(key)) {
                discard(c);
                continue; // a stale copy of a listed record (an older version left in the heap)
            }
            claim(page, pageSize, origin, format, heapEnd);
            indexKeys.accept(key);
            scanned.add(c);
        }
        return scanned;
    }

    /** The page's free list: records that pass every check and are not the old place of a record still listed. */
    private void acceptFreeList(byte[] page, int pageSize, RecordFormat format, IndexPageHeader header, int heapEnd,
            Set<String> keys, List<Candidate> freed, List<String> freedKeys) {
        originCount = 0;
        walker.walkFree(page, pageSize, origin -> {
            if (originCount == origins.length) {
                origins = Arrays.copyOf(origins, origins.length * 2);
            }
            origins[originCount++] = origin;
            return true;
        });
        for (int i = 0; i < originCount; i++) {
            if (isClaimed(origins[i])) {
                continue;
            }
            Candidate c = accept(page, pageSize, origins[i], format, header, heapEnd, s -> { }, false);
            if (c != null && !overlapsClaimed()) {
                String key = keyOf(page, pageSize, origins[i], format, heapEnd);
                if (keys.contains(key)) {
                    continue; // the old place of a record this page still holds (moved when it grew)
                }
                claim(page, pageSize, origins[i], format, heapEnd);
                freed.add(c);
                freedKeys.add(key);
            }
        }
    }

    /**
     * Makes {@link #recoverTsv} write rows as TSV lines through {@code writer} instead of making
     * {@link RecoveredRow}s. Live rows only: free-list rows and key observers need the values.
     */
    PageRecovery writeTsv(TsvRowWriter writer) {
        if (deletedMode.wantsDeleted() || indexKeysObserved || freeRows != null) {
            throw new IllegalStateException("TSV lines are for live rows only");
        }
        this.tsv = writer;
        return this;
    }

    /** As {@link #recover}, appending the rows as TSV lines to {@code out} (after {@link #writeTsv}). */
    PageAccount recoverTsv(long pageNo, byte[] page, int pageSize, boolean checksumValid, EscapedBytes out) {
        tsvOut = out;
        try {
            return recover(pageNo, page, pageSize, checksumValid, row -> {
                throw new IllegalStateException("rows go to the TSV lines");
            });
        } finally {
            tsvOut = null;
        }
    }

    /** Rows and damaged values {@link #recoverTsv} has written since the last call; resets both. */
    long[] takeTsvCounts() {
        long[] counts = {tsvRows, tsvDamaged};
        tsvRows = 0;
        tsvDamaged = 0;
        return counts;
    }

    /** Gives back the line of a candidate dropped right after {@link #accept} made it. */
    private void discard(Candidate c) {
        if (c != null && c.lineEnd == lines.size() && c.lineStart >= 0) {
            lines.truncate(c.lineStart);
        }
    }

    /** Sends the key of every record of the index proper to {@code observer} (called on this worker's thread). */
    PageRecovery observeIndexKeys(Consumer<String> observer) {
        this.indexKeys = observer;
        this.indexKeysObserved = true;
        return this;
    }

    /**
     * Holds free-list rows back: {@code sink} gets each with its key, to be checked against the whole index, and
     * answers false when it cannot take more (the row is then emitted as usual).
     */
    PageRecovery holdFreeRows(BiPredicate<String, RecoveredRow> sink) {
        this.freeRows = sink;
        return this;
    }

    private void emit(long pageNo, Candidate c, FoundBy how, Consumer<RecoveredRow> rows) {
        if (c.deleted ? deletedMode.wantsDeleted() : deletedMode.wantsLive()) {
            if (tsv != null) {
                tsvOut.appendRange(lines, c.lineStart, c.lineEnd);
                tsvRows++;
                tsvDamaged += c.damaged;
                return;
            }
            rows.accept(new RecoveredRow(pageNo, c.origin, c.heapNo, c.deleted, c.trxId, how, c.values));
        }
    }

    /** Parses, checks and decodes the record at {@code origin}; null when any step says it is not a row. */
    private Candidate accept(byte[] page, int pageSize, int origin, RecordFormat format, IndexPageHeader header,
            int heapEnd, Consumer<String> finding, boolean listed) {
        if (!RecordParser.parse(page, origin, format, layout.leaf(), format.heapStart(), heapEnd, rec)) {
            if (listed) {
                finding.accept("rejected " + rec.describe());
            }
            return null;
        }
        String why = RecordChecks.check(page, rec, format, header.nHeap(), layout, pageSize);
        int lineStart = lines.size();
        if (why == null) {
            why = tsv != null ? tsv.write(page, rec, lines, listed ? finding : s -> { })
                    : decoder.decode(page, rec, values, listed ? finding : s -> { });
        }
        if (why != null) {
            if (listed) {
                finding.accept("rejected record at " + origin + ": " + why);
            }
            return null;
        }
        int heapNo = dev.salvage.innodb.rec.RecordHeader.heapNo(page, origin, format);
        long trxId = RecordChecks.trxId(page, rec, layout.trxIdField());
        if (tsv != null) {
            return new Candidate(origin, heapNo, rec.deleted(), trxId, null, lineStart, lines.size(),
                    tsv.lastDamaged());
        }
        return new Candidate(origin, heapNo, rec.deleted(), trxId, List.copyOf(values));
    }

    /** Drops listed records outside the longest ascending key run (damaged keys). */
    private List<Candidate> keyOrderFilter(byte[] page, int pageSize, RecordFormat format, int heapEnd,
            List<Candidate> listed, Consumer<String> finding) {
        if (keyOrder.isEmpty() || listed.size() < 2) {
            return listed;
        }
        KeyOrder order = keyOrder.get();
        boolean[] keep = order.longestAscending(page, keyStarts, keyLengths, listed.size());
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (kept == listed.size()) {
            return listed; // the usual case: every key ascends
        }
        List<Candidate> out = new ArrayList<>(listed.size());
        for (int i = 0; i < listed.size(); i++) {
            if (keep[i]) {
                out.add(listed.get(i));
            } else {
                finding.accept("rejected record at " + listed.get(i).origin + ": key out of order");
            }
        }
        return out;
    }

    /** Copies the key fields of the record just parsed into {@code rec} as listed record number {@code i}. */
    private void rememberKey(int i) {
        if (keyOrder.isEmpty()) {
            return;
        }
        int k = keyOrder.get().keyFields();
        if (keyStarts.length < (i + 1) * k) {
            int capacity = Math.max((i + 1) * k, keyStarts.length * 2);
            keyStarts = Arrays.copyOf(keyStarts, capacity);
            keyLengths = Arrays.copyOf(keyLengths, capacity);
        }
        for (int f = 0; f < k; f++) {
            keyStarts[i * k + f] = rec.offset(f);
            keyLengths[i * k + f] = rec.length(f);
        }
    }

    private String keyOf(byte[] page, int pageSize, int origin, RecordFormat format, int heapEnd) {
        RecordParser.parse(page, origin, format, layout.leaf(), format.heapStart(), heapEnd, rec);
        StringBuilder key = new StringBuilder();
        for (int f = 0; f < layout.keyFields(); f++) {
            key.append(java.util.HexFormat.of().formatHex(page, rec.offset(f), rec.offset(f) + rec.length(f)))
                    .append(rec.isNull(f) ? "N" : "").append('|');
        }
        return key.toString();
    }

    private void clearClaimed(int pageSize) {
        int words = (pageSize + 63) >>> 6;
        if (claimed.length < words) {
            claimed = new long[words];
        } else {
            Arrays.fill(claimed, 0L);
        }
    }

    /** Marks the bytes of the record at {@code origin} (header and extra bytes included) as taken. */
    private void claim(byte[] page, int pageSize, int origin, RecordFormat format, int heapEnd) {
        RecordParser.parse(page, origin, format, layout.leaf(), format.heapStart(), heapEnd, rec);
        for (int i = Math.max(0, rec.extraStart()); i < rec.end() && i < pageSize; i++) {
            claimed[i >>> 6] |= 1L << i;
        }
    }

    private boolean isClaimed(int offset) {
        return (claimed[offset >>> 6] & (1L << offset)) != 0;
    }

    /** True when the record just parsed into {@code rec} shares a byte with a claimed record. */
    private boolean overlapsClaimed() {
        for (int i = rec.extraStart(); i < rec.end(); i++) {
            if (isClaimed(i)) {
                return true;
            }
        }
        return false;
    }
}
