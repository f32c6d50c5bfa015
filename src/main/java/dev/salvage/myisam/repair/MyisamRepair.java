package dev.salvage.myisam.repair;

import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.myisam.KeyDef;
import dev.salvage.myisam.KeySeg;
import dev.salvage.myisam.MydReader;
import dev.salvage.myisam.MydScan;
import dev.salvage.myisam.MyiFile;
import dev.salvage.myisam.MyisamFinding;
import dev.salvage.myisam.MyisamTable;
import dev.salvage.myisam.RecordImage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code myisam repair}: a new, consistent copy of a MyISAM table in another directory, built only from what the
 * old files still hold. Every record the data scan ({@link MydReader}) reads back intact is written into a compact
 * .MYD (no deleted blocks); every index is rebuilt from those records' values (never from the old key blocks):
 * keys made as the server makes them, sorted in its order, packed into blocks bottom-up; the .MYI header is the
 * old one (the key and column definitions) with a state that describes the new files, or, when the .MYI is missing
 * or its header unreadable, one written from the .frm as CREATE TABLE writes it ({@link FrmIndexHeader}). The
 * inputs are only read.
 *
 * <p>Memory does not grow with the table: the keys of all indexes share one sort buffer ({@link #DEFAULT_SORT_BUFFER}
 * by default); when an index's share is full its keys are sorted and spilled to a temporary file in a folder made
 * inside the output directory (removed afterwards), and the runs are merged into the tree writer ({@link KeySorter}).
 */
public final class MyisamRepair {
    private static final int STATE_START = 24;
    private static final int STATE_INFO_SIZE = 176;
    private static final int STATE_FIXED_PART = 100;
    private static final int MAX_FINDINGS = 200;
    /** mi_create aligns the first key block to at most 16 KiB after a header of at most 64 KiB. */
    private static final long MAX_KEYSTART = 1 << 17;

    /** Bytes for collecting keys before they are sorted and spilled, across all indexes (myisamchk's sort_buffer). */
    public static final long DEFAULT_SORT_BUFFER = 64L << 20;

    /** What one pass over the old .MYD produced. */
    private static final class Pass implements AutoCloseable {
        final List<KeySorter> keys = new ArrayList<>();
        final List<MyisamFinding> findings = new ArrayList<>();
        long tooLong;
        long autoIncrement;
        long checksum;
        long dataLength;
        long records;
        MydScan scan;

        @Override
        public void close() throws IOException {
            for (KeySorter k : keys) {
                k.close();
            }
        }
    }

    private final MyisamTable table;
    private final MyiFile myi;
    private final List<KeyBuilder> builders;
    private final List<KeyPacking> packings;
    private final long sortBuffer;
    /** The .MYI header up to the first key block: the old file's, or one derived from the .frm. */
    private final byte[] header;
    private final String keySource;
    private Path sortDir;

    private MyisamRepair(MyisamTable table, MyiFile myi, List<KeyBuilder> builders, List<KeyPacking> packings,
            long sortBuffer, byte[] header, String keySource) {
        this.table = table;
        this.header = header;
        this.keySource = keySource;
        this.myi = myi;
        this.builders = builders;
        this.packings = packings;
        this.sortBuffer = sortBuffer;
    }

    /** {@link #repair(MyisamTable, Path, boolean, long)} with the {@link #DEFAULT_SORT_BUFFER}. */
    public static RepairReport repair(MyisamTable table, Path outDir, boolean force) throws IOException,
            RepairRefusedException {
        return repair(table, outDir, force, DEFAULT_SORT_BUFFER);
    }

    /**
     * Rebuilds {@code table} into {@code outDir} (created when missing) as {@code <name>.MYD/.MYI/.frm}.
     *
     * @throws RepairRefusedException   the table uses what cannot be rebuilt exactly here (nothing is written)
     * @throws IllegalArgumentException {@code outDir} is the input's own directory, or a non-empty directory
     *                                  inside it without {@code force}
     * @throws FileAlreadyExistsException an output file exists and {@code force} is not given
     * @throws UnreadableInputException the .MYD cannot be read, or neither the .MYI header nor a .frm can
     * @param sortBuffer bytes of memory for collecting keys before they are sorted and spilled (all indexes)
     */
    public static RepairReport repair(MyisamTable table, Path outDir, boolean force, long sortBuffer)
            throws IOException, RepairRefusedException {
        if (!Files.exists(table.myd())) {
            throw new UnreadableInputException(table.name() + ": Can't find file: '" + table.myd().getFileName() + "'");
        }
        byte[] header = null;
        String lostIndex = null;
        if (Files.exists(table.myi())) {
            try (FileSet in = FileSet.open(table.myi())) {
                MyiFile old = MyiFile.read(in);
                long keystart = old.base().keystart();
                if (keystart < old.headerLength() || keystart > MAX_KEYSTART) {
                    throw new UnreadableInputException(table.myi().getFileName() + ": impossible start of the key"
                            + " blocks " + keystart);
                }
                header = new byte[(int) keystart];
                in.read(0, header, 0, (int) Math.min(header.length, in.length()));
            } catch (UnreadableInputException e) {
                lostIndex = e.getMessage();
            }
        } else {
            lostIndex = table.name() + ": Can't find file: '" + table.myi().getFileName() + "'";
        }
        String keySource = "the old .MYI header";
        if (header == null) {
            // The key definitions never change after CREATE TABLE: the .frm describes them again.
            if (table.frm() == null || !Files.exists(table.frm())) {
                throw new UnreadableInputException(lostIndex + " and no .frm describes the table");
            }
            header = FrmIndexHeader.fromFrm(table.frm(), System.currentTimeMillis() / 1000);
            keySource = "the .frm (index file rebuilt from the .frm; " + lostIndex + ")";
        }
        MyiFile myi = MyiFile.parse(header, table.myi().toString());
        List<KeyBuilder> builders = new ArrayList<>();
        List<KeyPacking> packings = new ArrayList<>();
        for (int k = 0; k < myi.keys().size(); k++) {
            KeyBuilder builder = new KeyBuilder(myi, k);
            KeyPacking packing = new KeyPacking(myi.keys().get(k));
            KeyDef def = myi.keys().get(k);
            if (packing.prefixPacked() && !KeyBuilder.varying(def.segments().get(0))) {
                throw new RepairRefusedException("key " + (k + 1) + ": prefix packing on a fixed-length first part");
            }
            builders.add(builder);
            packings.add(packing);
        }
        if (myi.uniques() > 0) {
            throw new RepairRefusedException("UNIQUE constraints on BLOB/TEXT (hash uniques) are"
                    + " not rebuilt");
        }
        new RecordWriter(myi, OutputStream.nullOutputStream()); // refuses COMPRESSED before anything is written
        Path base = checkOutput(table, outDir, force);
        try {
            return new MyisamRepair(table, myi, builders, packings, sortBuffer, header, keySource).run(base, force);
        } catch (RepairRefusedException | IOException | RuntimeException e) {
            // Half-written files would look like a table: a refused or failed rebuild leaves nothing behind.
            String stem = base.getFileName().toString();
            for (String ext : new String[] {".MYD", ".MYI", ".frm"}) {
                Files.deleteIfExists(base.resolveSibling(stem + ext));
            }
            throw e;
        }
    }

    /** The output base path (without extension), after the safety checks on the directory and the files. */
    private static Path checkOutput(MyisamTable table, Path outDir, boolean force) throws IOException {
        Path inputDir = table.myi().toAbsolutePath().getParent();
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.exists(out) && Files.isSameFile(out, inputDir)) {
            throw new IllegalArgumentException("--out " + outDir + " is the input's own directory; the originals are"
                    + " never overwritten: give another directory");
        }
        if (Files.isDirectory(out) && out.startsWith(inputDir.toRealPath()) && !force && !isEmpty(out)) {
            throw new IllegalArgumentException("--out " + outDir + " lies inside the input directory and is not"
                    + " empty: give an empty or another directory (or --force)");
        }
        Files.createDirectories(out);
        String stem = table.myi().getFileName().toString();
        stem = stem.substring(0, stem.length() - 4);
        Path base = out.resolve(stem);
        for (String ext : new String[] {".MYD", ".MYI", ".frm"}) {
            Path f = base.resolveSibling(stem + ext);
            if (Files.exists(f) && !force) {
                throw new FileAlreadyExistsException(f + " exists (use --force to overwrite)");
            }
        }
        return base;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private RepairReport run(Path base, boolean force) throws IOException, RepairRefusedException {
        String stem = base.getFileName().toString();
        Path myd = base.resolveSibling(stem + ".MYD");
        Path newMyi = base.resolveSibling(stem + ".MYI");
        Set<Long> excluded = new HashSet<>();
        Pass pass = null;
        List<MyisamFinding> duplicates = new ArrayList<>();
        List<RepairReport.KeyResult> keyResults = null;
        // Run files go next to the output (where the space for the new table is), not to a possibly memory-backed /tmp.
        sortDir = Files.createTempDirectory(base.getParent(), ".salvage-sort-");
        try {
            // Unique keys are checked while the index is written. A second pass only when one found the same value
            // twice: the later record is left out and everything is written again (removing records cannot make
            // new duplicates, so two passes are enough).
            for (int attempt = 0; attempt < 2; attempt++) {
                if (pass != null) {
                    pass.close();
                }
                pass = writeData(myd, excluded);
                Set<Long> dropped = new HashSet<>();
                keyResults = writeIndex(newMyi, pass, dropped, duplicates);
                if (dropped.isEmpty()) {
                    break;
                }
                excluded.addAll(dropped);
            }
        } finally {
            if (pass != null) {
                pass.close();
            }
            deleteTree(sortDir);
        }
        List<Path> outputs = new ArrayList<>(List.of(newMyi, myd));
        if (table.frm() != null && Files.exists(table.frm())) {
            Path frm = base.resolveSibling(stem + ".frm");
            Files.copy(table.frm(), frm, StandardCopyOption.REPLACE_EXISTING);
            outputs.add(frm);
        }
        List<MyisamFinding> findings = new ArrayList<>(pass.scan.findings());
        findings.addAll(pass.findings);
        findings.addAll(duplicates);
        return new RepairReport(table.name(), outputs, myi.format().name(), keySource, pass.records,
                myi.state().records(), pass.scan.brokenRecords(), pass.scan.garbageBytes(), excluded.size(),
                pass.tooLong, keyResults, pass.autoIncrement, findings, pass.scan.suppressedFindings());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Pass writeData(Path myd, Set<Long> excluded) throws IOException, RepairRefusedException {
        Pass pass = new Pass();
        int active = 0;
        for (int k = 0; k < builders.size(); k++) {
            active += myi.state().keyActive(k) ? 1 : 0;
        }
        long share = sortBuffer / Math.max(active, 1);
        for (KeyBuilder builder : builders) {
            pass.keys.add(new KeySorter(builder, share, sortDir));
        }
        long[] seq = {0};
        try (FileSet in = FileSet.open(table.myd());
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(myd, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16)) {
            RecordWriter writer = new RecordWriter(myi, out);
            try {
                pass.scan = MydReader.scan(myi, in, new MydReader.Visitor() {
                    @Override
                    public void record(RecordImage record) {
                        long n = seq[0]++;
                        if (excluded.contains(n)) {
                            return;
                        }
                        try {
                            add(pass, writer, record, n);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (RepairRefusedException e) {
                            throw new Refusal(e);
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (Refusal e) {
                throw (RepairRefusedException) e.getCause();
            }
            pass.dataLength = writer.length();
            pass.records = writer.records();
            pass.checksum = writer.tableChecksum();
        }
        return pass;
    }

    /** Carries a refusal out of the scan's visitor. */
    private static final class Refusal extends RuntimeException {
        Refusal(RepairRefusedException cause) {
            super(cause);
        }
    }

    private void add(Pass pass, RecordWriter writer, RecordImage record, long seq)
            throws IOException, RepairRefusedException {
        // Keys first: a value that cannot be keyed refuses the repair before a record is half-written.
        byte[][] keys = new byte[builders.size()][];
        for (int k = 0; k < builders.size(); k++) {
            if (myi.state().keyActive(k)) {
                keys[k] = builders.get(k).make(record);
            }
        }
        long rowid = writer.write(record);
        if (rowid < 0) {
            pass.tooLong++;
            if (pass.findings.size() < MAX_FINDINGS) {
                pass.findings.add(MyisamFinding.error("record-too-long", "MYD", record.position(), "Record at "
                        + record.position() + " is too long for one block and was left out"));
            }
            return;
        }
        for (int k = 0; k < builders.size(); k++) {
            if (keys[k] != null) {
                pass.keys.get(k).add(keys[k], rowid, seq);
            }
        }
        int autoKey = myi.base().autoKey();
        if (autoKey > 0 && autoKey <= myi.keys().size()) {
            pass.autoIncrement = Math.max(pass.autoIncrement, autoIncrementValue(myi.keys().get(autoKey - 1)
                    .segments().get(0), record.image()));
        }
    }

    /** {@code retrieve_auto_increment}: the column's value, negatives and NULL as 0. */
    private static long autoIncrementValue(KeySeg seg, byte[] rec) {
        int p = (int) seg.start();
        if (seg.nullBit() != 0 && (rec[(int) seg.nullPos()] & seg.nullBit()) != 0) {
            return 0;
        }
        int len = switch (seg.type()) {
            case 14 -> 1;
            case 3, 8 -> 2;
            case 12, 13 -> 3;
            case 4, 9, 5 -> 4;
            case 10, 11, 6 -> 8;
            default -> 0;
        };
        if (len == 0 || p + len > rec.length) {
            return 0;
        }
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | (rec[p + i] & 0xff);
        }
        return switch (seg.type()) {
            case 14, 3, 12, 4, 10 -> {
                long signed = v << (64 - 8 * len) >> (64 - 8 * len);
                yield Math.max(signed, 0);
            }
            case 5 -> (long) Math.max(Float.intBitsToFloat((int) v), 0f);
            case 6 -> (long) Math.max(Double.longBitsToDouble(v), 0d);
            default -> v;
        };
    }

    /**
     * Writes the .MYI from the sorted keys. Where a unique index holds a value twice (NULL parts never collide), the
     * later record's number goes to {@code dropped} with a finding: keys come in record-pointer order among equals.
     */
    private List<RepairReport.KeyResult> writeIndex(Path path, Pass pass, Set<Long> dropped,
            List<MyisamFinding> findings) throws IOException, RepairRefusedException {
        List<RepairReport.KeyResult> results = new ArrayList<>();
        long keystart = myi.base().keystart();
        byte[] header = this.header.clone();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long[] end = {keystart};
            KeyTreeWriter.BlockSink sink = block -> {
                long at = end[0];
                ch.write(ByteBuffer.wrap(block), at);
                end[0] += block.length;
                return at;
            };
            long[] roots = new long[builders.size()];
            int refLength = myi.base().recRefLength();
            for (int k = 0; k < builders.size(); k++) {
                KeyBuilder builder = builders.get(k);
                KeyDef def = builder.def();
                boolean enabled = myi.state().keyActive(k);
                KeyTreeWriter tree = new KeyTreeWriter(packings.get(k), def.blockLength(), myi.base().keyRefLength(),
                        sink);
                boolean unique = def.unique();
                byte[][] previous = {null};
                long[] previousSeq = {-1};
                try {
                    pass.keys.get(k).forEach((key, off, len, rowid, seq) -> {
                        byte[] full = new byte[len + refLength];
                        System.arraycopy(key, off, full, 0, len);
                        long v = rowid;
                        for (int i = refLength - 1; i >= 0; i--) {
                            full[len + i] = (byte) v;
                            v >>>= 8;
                        }
                        if (unique && previous[0] != null && builder.compare(previous[0], full) == 0
                                && !builder.hasNull(full)) {
                            if (dropped.add(seq) && findings.size() < MAX_FINDINGS) {
                                findings.add(MyisamFinding.error("duplicate-key", "MYD", -1, "Duplicate key "
                                        + builder.number() + ": record " + seq + " repeats the value of record "
                                        + previousSeq[0]));
                            }
                        }
                        previous[0] = full;
                        previousSeq[0] = seq;
                        tree.add(full);
                    });
                } catch (RepairRefusedException e) {
                    throw KeySorter.named(builder, e);
                }
                roots[k] = tree.finish();
                results.add(new RepairReport.KeyResult(k + 1, builder.describe(), packings.get(k).describe(),
                        def.unique(), pass.keys.get(k).count(), tree.blocks(), tree.levels(), roots[k], enabled,
                        pass.keys.get(k).runs()));
            }
            long autoIncrement = Math.max(pass.autoIncrement, myi.state().autoIncrement());
            pass.autoIncrement = autoIncrement;
            patchState(header, pass, end[0], roots);
            ch.write(ByteBuffer.wrap(header), 0);
        }
        return results;
    }

    /** The state of the new files ({@code mi_state_info_write}'s layout) over the old header's bytes. */
    private void patchState(byte[] h, Pass pass, long keyFileLength, long[] roots) {
        int p = STATE_START;
        putBe(h, p, 0, 2); // open_count: closed
        h[p + 2] = (byte) (h[p + 2] & ~7); // changed, crashed, crashed on repair: all clear
        putBe(h, p + 4, pass.records, 8);
        putBe(h, p + 12, 0, 8); // deleted records
        putBe(h, p + 20, pass.records, 8); // split: one block per record
        putBe(h, p + 28, -1, 8); // dellink: no delete chain
        putBe(h, p + 36, keyFileLength, 8);
        putBe(h, p + 44, pass.dataLength, 8);
        putBe(h, p + 52, 0, 8); // empty
        putBe(h, p + 60, 0, 8); // key_empty
        putBe(h, p + 68, pass.autoIncrement, 8);
        putBe(h, p + 76, pass.checksum, 8);
        int stateInfoLength = (h[8] & 0xff) << 8 | (h[9] & 0xff);
        int q = p + STATE_FIXED_PART + (stateInfoLength - STATE_INFO_SIZE);
        for (long root : roots) {
            putBe(h, q, root, 8);
            q += 8;
        }
        for (int i = 0; i < myi.maxBlockSizeIndex(); i++, q += 8) {
            putBe(h, q, -1, 8); // no free key blocks
        }
    }

    private static void putBe(byte[] b, int off, long v, int len) {
        for (int i = len - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
