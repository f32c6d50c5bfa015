package dev.salvage.myisam.repair;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The keys of one index in index order, in bounded memory: myisamchk's {@code sort_buffer} idea. Keys are packed as
 * bytes into one buffer (key length, key image, record pointer, record number: no object per key); when the buffer
 * is full its entries are sorted and written as a run to a temporary file, and {@link #forEach} merges the runs.
 * The order is {@link KeyBuilder#compare} and then the record pointer, which is unique within a pass, so the order
 * is total and the merged sequence is the same whatever the buffer size. Memory: about {@code budget} bytes while
 * collecting, plus one read buffer per run while merging (runs beyond {@link #FAN_IN} are merged in steps).
 */
final class KeySorter implements AutoCloseable {

    /** Receives the keys in order; {@code key[off..off+len)} is valid only during the call. */
    interface Consumer {
        void accept(byte[] key, int off, int len, long rowid, long seq) throws IOException, RepairRefusedException;
    }

    static final int FAN_IN = 64;
    private static final int HEADER = 2; // key length
    private static final int TRAILER = 16; // record pointer, record number
    private static final int IO_BUFFER = 1 << 16;

    private final KeyBuilder builder;
    private final Path tempDir;
    private final int arenaLimit;
    private final int slotLimit;
    private byte[] arena = new byte[4096];
    private int used;
    private int[] slots = new int[256];
    private int count;
    private long total;
    private final List<Path> runs = new ArrayList<>();
    private int runsWritten;

    /** {@code budget}: bytes for the buffer, 7/8 for key bytes, 1/8 for the entry offsets. */
    KeySorter(KeyBuilder builder, long budget, Path tempDir) {
        this.builder = builder;
        this.tempDir = tempDir;
        long b = Math.max(budget, 256);
        this.arenaLimit = (int) Math.min(b - b / 8, Integer.MAX_VALUE - 16);
        this.slotLimit = (int) Math.max(2, Math.min(b / 8 / 4, Integer.MAX_VALUE - 16));
    }

    long count() {
        return total;
    }

    /** Sorted runs written to disk so far (0: everything stayed in memory). */
    int runs() {
        return runsWritten;
    }

    void add(byte[] key, long rowid, long seq) throws IOException, RepairRefusedException {
        if (key.length > 0xffff) {
            throw new RepairRefusedException("key " + builder.number() + ": a key of " + key.length + " bytes");
        }
        int size = HEADER + key.length + TRAILER;
        if (count > 0 && (used + size > arenaLimit || count == slotLimit)) {
            spill();
        }
        if (used + size > arena.length) {
            arena = java.util.Arrays.copyOf(arena, (int) Math.min(Math.max((long) arena.length * 2, used + size),
                    Math.max(arenaLimit, used + size)));
        }
        if (count == slots.length) {
            slots = java.util.Arrays.copyOf(slots, (int) Math.min(Math.max(16L, slots.length * 2L), slotLimit));
        }
        slots[count++] = used;
        arena[used] = (byte) (key.length >>> 8);
        arena[used + 1] = (byte) key.length;
        System.arraycopy(key, 0, arena, used + HEADER, key.length);
        putLong(arena, used + HEADER + key.length, rowid);
        putLong(arena, used + HEADER + key.length + 8, seq);
        used += size;
        total++;
    }

    /** Hands every key over in order. Can be called more than once. */
    void forEach(Consumer consumer) throws IOException, RepairRefusedException {
        sortBuffer();
        if (runs.isEmpty()) {
            for (int i = 0; i < count; i++) {
                int p = slots[i];
                int len = keyLength(arena, p);
                consumer.accept(arena, p + HEADER, len, getLong(arena, p + HEADER + len),
                        getLong(arena, p + HEADER + len + 8));
            }
            return;
        }
        if (count > 0) {
            writeRun();
        }
        // Free the collection buffer before the merge: from here on only run readers hold memory.
        arena = new byte[0];
        slots = new int[0];
        while (runs.size() > FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, FAN_IN));
            Path merged = Files.createTempFile(tempDir, "run-", ".keys");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged),
                    IO_BUFFER))) {
                merge(group, (key, off, len, rowid, seq) -> writeEntry(out, key, off, len, rowid, seq));
            }
            for (Path p : group) {
                Files.deleteIfExists(p);
            }
            runs.subList(0, FAN_IN).clear();
            runs.add(merged);
        }
        merge(runs, consumer);
    }

    private void spill() throws IOException, RepairRefusedException {
        sortBuffer();
        writeRun();
    }

    private void writeRun() throws IOException {
        Path run = Files.createTempFile(tempDir, "run-", ".keys");
        runs.add(run);
        runsWritten++;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run),
                IO_BUFFER))) {
            for (int i = 0; i < count; i++) {
                int p = slots[i];
                out.write(arena, p, HEADER + keyLength(arena, p) + TRAILER);
            }
        }
        count = 0;
        used = 0;
    }

    private static void writeEntry(DataOutputStream out, byte[] key, int off, int len, long rowid, long seq)
            throws IOException {
        out.writeShort(len);
        out.write(key, off, len);
        out.writeLong(rowid);
        out.writeLong(seq);
    }

    /** Entries at arena offsets a and b: key order, then record pointer. */
    private int compare(byte[] x, int a, byte[] y, int b) throws RepairRefusedException {
        int la = keyLength(x, a);
        int lb = keyLength(y, b);
        int c;
        try {
            c = builder.compare(x, a + HEADER, y, b + HEADER);
        } catch (RepairRefusedException e) {
            throw named(builder, e);
        }
        return c != 0 ? c : Long.compare(getLong(x, a + HEADER + la), getLong(y, b + HEADER + lb));
    }

    /** A merge sort of the offsets (stable and with a guaranteed n log n, whatever the comparator does). */
    private void sortBuffer() throws RepairRefusedException {
        if (count < 2) {
            return;
        }
        int[] from = slots;
        int[] to = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + 2 * width, count);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    to[k++] = compare(arena, from[j], arena, from[i]) < 0 ? from[j++] : from[i++];
                }
                while (i < mid) {
                    to[k++] = from[i++];
                }
                while (j < hi) {
                    to[k++] = from[j++];
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != slots) {
            System.arraycopy(from, 0, slots, 0, count);
        }
    }

    /** One run being merged: its current entry, in the same layout as the buffer's. */
    private static final class RunReader implements AutoCloseable {
        final DataInputStream in;
        byte[] entry = new byte[64];

        RunReader(Path path) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), IO_BUFFER));
        }

        boolean next() throws IOException {
            int len;
            try {
                len = in.readUnsignedShort();
            } catch (EOFException e) {
                return false;
            }
            int size = HEADER + len + TRAILER;
            if (entry.length < size) {
                entry = new byte[Math.max(size, entry.length * 2)];
            }
            entry[0] = (byte) (len >>> 8);
            entry[1] = (byte) len;
            in.readFully(entry, HEADER, len + TRAILER);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private void merge(List<Path> sources, Consumer consumer) throws IOException, RepairRefusedException {
        List<RunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<RunReader> queue = new PriorityQueue<>((a, b) -> {
                try {
                    return compare(a.entry, 0, b.entry, 0);
                } catch (RepairRefusedException e) {
                    throw new RefusedInComparator(e);
                }
            });
            try {
                for (Path p : sources) {
                    RunReader r = new RunReader(p);
                    readers.add(r);
                    if (r.next()) {
                        queue.add(r);
                    }
                }
                while (!queue.isEmpty()) {
                    RunReader r = queue.poll();
                    byte[] e = r.entry;
                    int len = keyLength(e, 0);
                    consumer.accept(e, HEADER, len, getLong(e, HEADER + len), getLong(e, HEADER + len + 8));
                    if (r.next()) {
                        queue.add(r);
                    }
                }
            } catch (RefusedInComparator e) {
                throw (RepairRefusedException) e.getCause();
            }
        } finally {
            for (RunReader r : readers) {
                r.close();
            }
        }
    }

    /** Carries a refusal out of {@link PriorityQueue}'s comparator. */
    private static final class RefusedInComparator extends RuntimeException {
        RefusedInComparator(RepairRefusedException cause) {
            super(cause);
        }
    }

    /** Deletes this index's run files. */
    @Override
    public void close() throws IOException {
        for (Path p : runs) {
            Files.deleteIfExists(p);
        }
        runs.clear();
        arena = new byte[0];
        slots = new int[0];
        count = 0;
        used = 0;
    }

    /** A refusal from comparing keys, with the index's number in front unless it already names it. */
    static RepairRefusedException named(KeyBuilder builder, RepairRefusedException e) {
        return e.getMessage() != null && e.getMessage().startsWith("key ") ? e
                : new RepairRefusedException("key " + builder.number() + ": " + e.getMessage());
    }

    private static int keyLength(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    private static void putLong(byte[] b, int p, long v) {
        for (int i = 7; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[p + i] & 0xff);
        }
        return v;
    }
}
