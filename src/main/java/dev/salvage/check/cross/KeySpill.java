package dev.salvage.check.cross;

import dev.salvage.check.keys.IndexKey;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one index, expected (+1, from clustered records) and found (-1, from the index), spilled to
 * temporary files partitioned by key hash, so that the keys whose counts do not cancel can be found with
 * bounded memory: a partition is loaded into a hash map only when it holds at most {@code maxInMemory}
 * entries, otherwise it is split again on other hash bits. Memory is O(maxInMemory) whatever the table size;
 * disk is one pass over the keys.
 */
final class KeySpill implements AutoCloseable {

    static final int FANOUT = 16;
    private static final int MAX_DEPTH = 12;

    /** A key whose expected and found counts differ; {@code delta > 0}: missing from the index. */
    record Difference(IndexKey key, long delta, long page) {
    }

    private final Path dir;
    private final int maxInMemory;
    private final DataOutputStream[] out = new DataOutputStream[FANOUT];
    private final long[] counts = new long[FANOUT];
    private final Path[] files = new Path[FANOUT];

    KeySpill(Path parent, int maxInMemory) {
        this.maxInMemory = Math.max(1, maxInMemory);
        try {
            this.dir = Files.createTempDirectory(parent, "keys");
            for (int i = 0; i < FANOUT; i++) {
                files[i] = dir.resolve("p" + i);
                out[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(files[i]), 1 << 14));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(IndexKey key, long hash, int sign, long page) {
        int p = partition(hash, 0);
        try {
            write(out[p], key, hash, sign, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counts[p]++;
    }

    /** Keys that do not cancel, at most {@code limit} of them (the count of all is {@code total[0]}). */
    List<Difference> differences(int limit, long[] total) {
        List<Difference> found = new ArrayList<>();
        try {
            for (DataOutputStream o : out) {
                o.close();
            }
            for (int i = 0; i < FANOUT; i++) {
                scan(files[i], counts[i], 0, limit, found, total);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private void scan(Path file, long entries, int depth, int limit, List<Difference> found, long[] total)
            throws IOException {
        if (entries <= maxInMemory || depth >= MAX_DEPTH) {
            Map<IndexKey, long[]> deltas = new HashMap<>();
            read(file, (key, hash, sign, page) -> {
                long[] d = deltas.computeIfAbsent(key, k -> new long[] {0, page});
                d[0] += sign;
                if (sign < 0) {
                    d[1] = page; // name the index page for an orphan
                }
            });
            for (Map.Entry<IndexKey, long[]> e : deltas.entrySet()) {
                if (e.getValue()[0] != 0) {
                    total[0]++;
                    if (found.size() < limit) {
                        found.add(new Difference(e.getKey(), e.getValue()[0], e.getValue()[1]));
                    }
                }
            }
            Files.deleteIfExists(file);
            return;
        }
        Path[] sub = new Path[FANOUT];
        long[] subCounts = new long[FANOUT];
        DataOutputStream[] subOut = new DataOutputStream[FANOUT];
        for (int i = 0; i < FANOUT; i++) {
            sub[i] = Files.createTempFile(dir, "s", "");
            subOut[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(sub[i]), 1 << 14));
        }
        read(file, (key, hash, sign, page) -> {
            int p = partition(hash, depth + 1);
            write(subOut[p], key, hash, sign, page);
            subCounts[p]++;
        });
        for (DataOutputStream o : subOut) {
            o.close();
        }
        Files.deleteIfExists(file);
        for (int i = 0; i < FANOUT; i++) {
            scan(sub[i], subCounts[i], depth + 1, limit, found, total);
        }
    }

    private static int partition(long hash, int depth) {
        return (int) (hash >>> (60 - 4 * depth)) & (FANOUT - 1);
    }

    private static void write(DataOutputStream o, IndexKey key, long hash, int sign, long page) throws IOException {
        o.writeLong(hash);
        o.writeByte(sign);
        o.writeLong(page);
        o.writeShort(key.size());
        for (int i = 0; i < key.size(); i++) {
            byte[] f = key.field(i);
            o.writeInt(f == null ? -1 : f.length);
            if (f != null) {
                o.write(f);
            }
        }
    }

    private interface Entry {
        void accept(IndexKey key, long hash, int sign, long page) throws IOException;
    }

    private static void read(Path file, Entry sink) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 14))) {
            while (true) {
                long hash;
                try {
                    hash = in.readLong();
                } catch (EOFException end) {
                    return;
                }
                int sign = in.readByte();
                long page = in.readLong();
                int n = in.readUnsignedShort();
                byte[][] fields = new byte[n][];
                for (int i = 0; i < n; i++) {
                    int len = in.readInt();
                    if (len >= 0) {
                        fields[i] = in.readNBytes(len);
                    }
                }
                sink.accept(new IndexKey(fields), hash, sign, page);
            }
        }
    }

    @Override
    public void close() {
        for (DataOutputStream o : out) {
            try {
                o.close();
            } catch (IOException ignored) {
                // best effort: the directory is deleted below
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
