package dev.salvage.myisam;

import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * {@code myisamchk --extend-check} without a server and without writing: the state against the files
 * ({@code chk_status}, {@code chk_size}), the record delete chain ({@code chk_del}), every data block
 * ({@code chk_data_link}) and every key block ({@code chk_key}), plus a check that each key points at the start
 * of an intact record, holds the key rebuilt from that record ({@link KeyRebuild}), and that every index covers
 * every record once.
 */
public final class MyisamCheck {

    private MyisamCheck() {
    }

    public static CheckResult check(MyisamTable table) throws IOException {
        FindingSink sink = new FindingSink();
        if (!Files.exists(table.myi())) {
            sink.add(MyisamFinding.error("myi-missing", "MYI", -1, "Can't find file: '" + table.myi().getFileName()
                    + "' (the index file is missing; its state and keys cannot be checked)"));
            return new CheckResult(table, null, null, List.of(), sink.findings(), sink.suppressed());
        }
        MyiFile myi;
        try (FileSet myiFile = FileSet.open(table.myi())) {
            try {
                myi = MyiFile.read(myiFile);
            } catch (UnreadableInputException e) {
                sink.add(MyisamFinding.error("myi-unreadable", "MYI", 0, e.getMessage()));
                return new CheckResult(table, null, null, List.of(), sink.findings(), sink.suppressed());
            }
            myi.findings().forEach(sink::add);
            checkStatus(myi, sink);
            long keyFileSize = myiFile.length();
            checkKeyFileSize(myi, keyFileSize, sink);
            if (!Files.exists(table.myd())) {
                sink.add(MyisamFinding.error("myd-missing", "MYD", -1, "Can't find file: '"
                        + table.myd().getFileName() + "' (the data file is missing)"));
                return new CheckResult(table, myi, null, List.of(), sink.findings(), sink.suppressed());
            }
            try (FileSet myd = FileSet.open(table.myd())) {
                long dataSize = myd.length();
                checkDataFileSize(myi, dataSize, sink);
                DeleteChain.walk(myi, new DataWindow(myd), dataSize, sink);
                RecordStarts starts = new RecordStarts();
                KeyRebuild rebuild = new KeyRebuild(myi);
                MydScan scan = MydReader.scan(myi, myd, r -> {
                    starts.add(r.position());
                    rebuild.record(r);
                }, sink);
                compareScanWithState(myi, scan, dataSize, sink);
                List<Long> keyCounts = checkKeys(myi, myiFile, myd, Math.min(keyFileSize,
                        myi.state().keyFileLength()), dataSize, starts, rebuild, sink);
                return new CheckResult(table, myi, scan, keyCounts, sink.findings(), sink.suppressed());
            }
        }
    }

    private static void checkStatus(MyiFile myi, FindingSink sink) {
        MyiState s = myi.state();
        if (s.crashedOnRepair()) {
            sink.add(MyisamFinding.warning("crashed", "MYI", 26, "Table is marked as crashed and last repair failed"));
        } else if (s.crashed()) {
            sink.add(MyisamFinding.warning("crashed", "MYI", 26, "Table is marked as crashed"));
        }
        if (s.openCount() != 0) {
            sink.add(MyisamFinding.warning("open-count", "MYI", 24, s.openCount() == 1
                    ? "1 client is using or hasn't closed the table properly"
                    : s.openCount() + " clients are using or haven't closed the table properly"));
        }
    }

    private static void checkKeyFileSize(MyiFile myi, long size, FindingSink sink) {
        long should = myi.state().keyFileLength();
        if (should != size) {
            boolean error = should > size;
            String msg = "Size of indexfile is: " + size + "        Should be: " + should;
            sink.add(error ? MyisamFinding.error("index-size", "MYI", -1, msg)
                    : MyisamFinding.warning("index-size", "MYI", -1, msg));
        }
    }

    private static void checkDataFileSize(MyiFile myi, long size, FindingSink sink) {
        if (myi.format() == RecordFormat.COMPRESSED) {
            return;
        }
        long should = myi.state().dataFileLength();
        if (should != size) {
            String msg = "Size of datafile is: " + size + "         Should be: " + should;
            sink.add(should > size ? MyisamFinding.error("data-size", "MYD", -1, msg)
                    : MyisamFinding.warning("data-size", "MYD", -1, msg));
        }
    }

    private static void compareScanWithState(MyiFile myi, MydScan scan, long dataSize, FindingSink sink) {
        MyiState s = myi.state();
        if (myi.format() == RecordFormat.COMPRESSED) {
            return;
        }
        if (scan.records() != s.records()) {
            sink.add(MyisamFinding.error("record-count", "MYD", -1, "Record-count is not ok; is "
                    + scan.records() + "   Should be: " + s.records()));
        }
        if (scan.deletedLength() != s.empty()) {
            sink.add(MyisamFinding.warning("deleted-space", "MYD", -1, "Found " + scan.deletedLength()
                    + " deleted space.   Should be: " + s.empty()));
        }
        long total = scan.used() + scan.unused() + scan.deletedLength();
        if (scan.brokenRecords() == 0 && scan.garbageBytes() == 0 && total != dataSize) {
            sink.add(MyisamFinding.warning("data-total", "MYD", -1, "Found " + scan.used() + " record-data and "
                    + scan.unused() + " unused data and " + scan.deletedLength() + " deleted-data; Total " + total
                    + ", Should be: " + dataSize));
        }
        if (scan.deletedBlocks() != s.deleted()) {
            sink.add(MyisamFinding.warning("deleted-blocks", "MYD", -1, "Found " + scan.deletedBlocks()
                    + " deleted blocks       Should be: " + s.deleted()));
        }
    }

    private static List<Long> checkKeys(MyiFile myi, FileSet myiFile, FileSet myd, long keyFileLength,
            long dataSize, RecordStarts starts, KeyRebuild rebuild, FindingSink sink) throws IOException {
        List<Long> counts = new ArrayList<>();
        long records = myi.state().records();
        for (int k = 0; k < myi.keys().size(); k++) {
            KeyDef def = myi.keys().get(k);
            if (!myi.state().keyActive(k) || def.specialTree()) {
                counts.add(-1L);
                continue;
            }
            int keyNumber = k + 1;
            BitSet referenced = new BitSet(starts.size());
            long[] badPointers = {0};
            long[] treeSum = {0};
            boolean rebuilds = rebuild.rebuilds(k);
            KeyTree.Walk walk = KeyTree.walk(myi, myiFile, keyFileLength, k, sink, (record, page, key, keyLength) -> {
                if (rebuilds) {
                    treeSum[0] += KeyMaker.fingerprint(key, keyLength, record);
                }
                if (Long.compareUnsigned(record, dataSize) >= 0) {
                    badPointers[0]++;
                    sink.add(MyisamFinding.error("key-pointer", "MYI", page, "Found key at page " + page
                            + " that points to record outside datafile (key " + keyNumber + ")"));
                    return;
                }
                int i = starts.indexOf(record);
                if (i < 0) {
                    badPointers[0]++;
                    sink.add(MyisamFinding.error("key-pointer", "MYI", page, "Key " + keyNumber + " at page " + page
                            + " points at " + record + ", which is not the start of an intact record"));
                } else if (referenced.get(i)) {
                    badPointers[0]++;
                    sink.add(MyisamFinding.error("key-pointer", "MYI", page, "Key " + keyNumber + " at page " + page
                            + " points a second time at the record at " + record));
                } else {
                    referenced.set(i);
                }
            });
            counts.add(walk.keys());
            if (walk.keys() != records) {
                sink.add(MyisamFinding.error("key-count", "MYI", -1, "Found " + walk.keys() + " keys of " + records
                        + " (key " + keyNumber + ")"));
            }
            noteUnjudgedOrder(rebuild.maker(k), def, keyNumber, walk, sink);
            if (rebuilds) {
                if (rebuild.unbuildable(k) > 0) {
                    sink.add(MyisamFinding.error("key-unbuildable", "MYD", -1, rebuild.unbuildable(k)
                            + " records are too short to hold the parts of key " + keyNumber));
                }
                if (treeSum[0] != rebuild.sum(k)) {
                    // Some entry holds another key than its record's, or some record has no entry: find them.
                    BitSet holding = entriesHoldingTheirKeys(myi, myiFile, myd, keyFileLength, k, starts, rebuild,
                            sink);
                    reportRecordsWithoutKey(starts, holding, keyNumber, sink);
                } else if (walk.complete() && badPointers[0] == 0 && referenced.cardinality() != starts.size()) {
                    reportRecordsWithoutKey(starts, referenced, keyNumber, sink);
                }
            } else {
                sink.add(MyisamFinding.info("key-not-rebuilt", "MYI", -1, "Key " + keyNumber + " not compared with"
                        + " the records: " + rebuild.maker(k).unsupported()));
                int covered = referenced.cardinality();
                if (covered != starts.size() && badPointers[0] == 0 && walk.keys() == records) {
                    sink.add(MyisamFinding.error("key-coverage", "MYI", -1, "Key " + keyNumber
                            + " doesn't point at all records (" + covered + " of " + starts.size() + ")"));
                }
            }
        }
        return counts;
    }

    /**
     * Second walk of index {@code k}, reading the record behind every key: returns the records whose entry holds
     * the key rebuilt from them, and names each entry that does not.
     */
    private static BitSet entriesHoldingTheirKeys(MyiFile myi, FileSet myiFile, FileSet myd, long keyFileLength,
            int k, RecordStarts starts, KeyRebuild rebuild, FindingSink sink) throws IOException {
        BitSet holding = new BitSet(starts.size());
        MydReader reader = MydReader.random(myi, myd);
        KeyMaker maker = rebuild.maker(k);
        byte[] expected = new byte[KeyMaker.MAX_KEY];
        int keyNumber = k + 1;
        long[] wrong = {0};
        // Problems in the tree itself were reported by the first walk; this one only compares keys.
        KeyTree.walk(myi, myiFile, keyFileLength, k, new FindingSink(0), (record, page, key, keyLength) -> {
            int i = starts.indexOf(record);
            if (i < 0) {
                return;
            }
            RecordImage image = reader.recordAt(record);
            int len = image == null ? -1 : maker.make(image, expected);
            if (len == keyLength && java.util.Arrays.equals(expected, 0, len, key, 0, keyLength)) {
                holding.set(i);
            } else if (wrong[0]++ < RECORDS_NAMED_PER_KEY) {
                sink.add(MyisamFinding.error("key-wrong-record", "MYI", page, "Key " + keyNumber + " at page " + page
                        + " points at the record at " + record + ", which holds a different key"));
            }
        });
        if (wrong[0] > RECORDS_NAMED_PER_KEY) {
            sink.add(MyisamFinding.error("key-wrong-record", "MYI", -1, wrong[0] + " keys of index " + keyNumber
                    + " point at records holding a different key (the first " + RECORDS_NAMED_PER_KEY
                    + " are named above)"));
        }
        return holding;
    }

    /** Records named one by one per index; the rest are counted, so one stale index cannot fill the report. */
    static final int RECORDS_NAMED_PER_KEY = 10;

    /** myisamchk -e's words for each intact record that its index does not lead to (the first few), and a count. */
    private static void reportRecordsWithoutKey(RecordStarts starts, BitSet found, int keyNumber, FindingSink sink) {
        long missing = 0;
        for (int i = found.nextClearBit(0); i < starts.size(); i = found.nextClearBit(i + 1)) {
            if (missing++ < RECORDS_NAMED_PER_KEY) {
                sink.add(MyisamFinding.error("key-missing", "MYD", starts.get(i), String.format(java.util.Locale.ROOT,
                        "Record at: %10d  Can't find key for index: %2d", starts.get(i), keyNumber)));
            }
        }
        if (missing > 0) {
            sink.add(MyisamFinding.error("key-missing", "MYD", -1, missing + " of " + starts.size()
                    + " records have no key in index " + keyNumber
                    + (missing > RECORDS_NAMED_PER_KEY ? " (the first " + RECORDS_NAMED_PER_KEY + " are named above)"
                    : "")));
        }
    }

    /** Says which keys' order could not be fully judged, so an OK never claims more than was checked. */
    private static void noteUnjudgedOrder(KeyMaker maker, KeyDef def, int keyNumber, KeyTree.Walk walk,
            FindingSink sink) {
        if (walk.unjudgedPairs() == 0) {
            return;
        }
        List<String> collations = new ArrayList<>();
        for (int i = 0; i < def.segments().size(); i++) {
            KeyCharset cs = maker.charset(i);
            int type = def.segments().get(i).type();
            if ((type == 1 || type == 15 || type == 17) && cs != null && !collations.contains(cs.collation())) {
                collations.add(cs.collation());
            }
        }
        sink.add(MyisamFinding.info("order-not-checked", "MYI", -1, "Key " + keyNumber + ": order not checked for "
                + walk.unjudgedPairs() + " neighbouring key pairs" + (collations.isEmpty() ? ""
                : " (collation " + String.join(", ", collations) + ")")));
    }
}
