package dev.salvage.dict;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.ChainWalk;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;

import dev.salvage.innodb.rec.WalkEnd;

import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the records of one leaf page of a dictionary table: those in the record list (live or
 * delete-marked) and those on the free list (purged, not yet overwritten), each parsed with the table's fixed
 * REDUNDANT shape. A record that does not parse, or a list that breaks, becomes a finding. Not thread-safe.
 */
final class DictPageReader {

    /** FIL_PAGE_INDEX. */
    static final int INDEX_PAGE_TYPE = 17855;

    private final RecordWalker walker = new RecordWalker();
    private final RecordOffsets offsets = new RecordOffsets();
    /** Page bytes taken by records already read, so the heap scan does not read them again. */
    private final BitSet claimed = new BitSet();

    /**
     * Passes every parsable record of the page to {@code sink} and describes what could not be read in
     * {@code findings}.
     */
    void read(byte[] page, int pageSize, long pageNo, SysTable table, Consumer<DictRecord> sink,
            List<String> findings) {
        IndexPageHeader header = IndexPageHeader.read(page, 0);
        if (header == null || header.compact()) {
            findings.add(table + " page " + pageNo + ": not a REDUNDANT index page");
            return;
        }
        int heapEnd = RecordWalker.heapEnd(header, pageSize, RecordFormat.REDUNDANT);
        int heapStart = RecordFormat.REDUNDANT.heapStart();
        claimed.clear();
        int[] bad = new int[1];
        ChainWalk list = walker.walkRecords(page, pageSize, origin -> {
            if (!take(page, origin, heapStart, heapEnd, pageNo, table, false, sink)) {
                bad[0]++;
            }
            return true;
        });
        if (list.end() != WalkEnd.SUPREMUM) {
            findings.add(table + " page " + pageNo + ": record list " + list.describe());
        }
        ChainWalk free = walker.walkFree(page, pageSize, origin -> {
            // Purged records may be partly overwritten by newer ones: a failure here is expected, not damage.
            take(page, origin, heapStart, heapEnd, pageNo, table, true, sink);
            return true;
        });
        if (bad[0] > 0) {
            findings.add(table + " page " + pageNo + ": " + bad[0] + " record(s) in the record list do not parse");
        }
        boolean freeBroken = free.end() == WalkEnd.LOOP || free.end() == WalkEnd.CROSSES_LIST
                || free.end() == WalkEnd.OUT_OF_HEAP;
        if (freeBroken) {
            findings.add(table + " page " + pageNo + ": free list " + free.describe());
        }
        if (list.end() != WalkEnd.SUPREMUM || bad[0] > 0 || freeBroken) {
            int found = scanHeap(page, heapStart, heapEnd, pageNo, table, sink);
            findings.add(table + " page " + pageNo + ": " + found + " more record(s) found by scanning the record heap");
        }
    }

    /**
     * Where a list broke, the records behind the break are still in the heap: tries every origin no read record
     * covers, keeping records that parse with the table's shape, pass {@link #plausible} and overlap nothing
     * already read. Whether such a record was live is only known from its delete mark.
     */
    private int scanHeap(byte[] page, int heapStart, int heapEnd, long pageNo, SysTable table,
            Consumer<DictRecord> sink) {
        int found = 0;
        int minExtra = RecordFormat.REDUNDANT.headerBytes() + table.keyFields() + 2;
        for (int origin = heapStart + minExtra; origin < heapEnd; origin++) {
            if (claimed.get(origin)) {
                continue;
            }
            if (!RecordParser.parse(page, origin, RecordFormat.REDUNDANT, table.layout(), heapStart, heapEnd, offsets)) {
                continue;
            }
            int overlap = claimed.nextSetBit(offsets.extraStart());
            if (overlap >= 0 && overlap < offsets.end()) {
                continue;
            }
            if (take(page, origin, heapStart, heapEnd, pageNo, table, false, sink)) {
                found++;
                origin = offsets.end() - 1;
            }
        }
        return found;
    }

    private boolean take(byte[] page, int origin, int heapStart, int heapEnd, long pageNo, SysTable table,
            boolean garbage, Consumer<DictRecord> sink) {
        if (!RecordParser.parse(page, origin, RecordFormat.REDUNDANT, table.layout(), heapStart, heapEnd, offsets)) {
            return false;
        }
        // A record shorter than the key and system columns is not one of this table's rows.
        if (offsets.isDefault(table.trxIdField() + 1)) {
            return false;
        }
        byte[][] fields = new byte[table.layout().size()][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = offsets.isExtern(i) ? null : offsets.copy(page, i);
        }
        for (int i = 0; i < table.keyFields(); i++) {
            if (fields[i] == null) {
                return false; // key fields are NOT NULL
            }
        }
        DictRecord record = new DictRecord(table, fields, garbage || offsets.deleted(), garbage, pageNo, origin);
        if (!plausible(record)) {
            return false;
        }
        claimed.set(offsets.extraStart(), offsets.end());
        sink.accept(record);
        return true;
    }

    /**
     * MariaDB zero-fills purged records, and a freed record's bytes may be partly reused: ids are never 0 and
     * names are never empty or hold NUL bytes, so such records are not taken as rows.
     */
    static boolean plausible(DictRecord r) {
        return switch (r.table()) {
            case SYS_TABLES -> r.number("ID") > 0 && name(r, "NAME");
            case SYS_COLUMNS -> r.number("TABLE_ID") > 0 && name(r, "NAME") && r.number("MTYPE") > 0;
            case SYS_INDEXES -> r.number("TABLE_ID") > 0 && r.number("ID") > 0 && name(r, "NAME");
            case SYS_FIELDS -> r.number("INDEX_ID") > 0 && name(r, "COL_NAME");
            case SYS_FOREIGN -> name(r, "ID");
            case SYS_FOREIGN_COLS -> name(r, "ID");
            case SYS_VIRTUAL -> r.number("TABLE_ID") > 0;
        };
    }

    private static boolean name(DictRecord r, String field) {
        String v = r.text(field);
        return v != null && !v.isEmpty() && v.indexOf('\0') < 0;
    }

    /** True when the FIL header calls it an index page (B-tree node). */
    static boolean isIndexPage(byte[] page, int off) {
        int type = ((page[off + Fil.PAGE_TYPE] & 0xFF) << 8) | (page[off + Fil.PAGE_TYPE + 1] & 0xFF);
        return type == INDEX_PAGE_TYPE;
    }
}
