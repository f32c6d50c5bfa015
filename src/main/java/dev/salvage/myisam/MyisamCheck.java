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
 * of an intact record and that every index covers every record once.
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
                MydScan scan = MydReader.scan(myi, myd, r -> starts.add(r.position()), sink);
                compareScanWithState(myi, scan, dataSize, sink);
                List<Long> keyCounts = checkKeys(myi, myiFile, Math.min(keyFileSize, myi.state().keyFileLength()),
                        dataSize, starts, sink);
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

    private static List<Long> checkKeys(MyiFile myi, FileSet myiFile, long keyFileLength, long dataSize,
            RecordStarts starts, FindingSink sink) throws IOException {
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
            KeyTree.Walk walk = KeyTree.walk(myi, myiFile, keyFileLength, k, sink, (record, page) -> {
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
            int covered = referenced.cardinality();
            if (covered != starts.size() && badPointers[0] == 0 && walk.keys() == records) {
                sink.add(MyisamFinding.error("key-coverage", "MYI", -1, "Key " + keyNumber
                        + " doesn't point at all records (" + covered + " of " + starts.size() + ")"));
            }
        }
        return counts;
    }
}
