package dev.salvage.myisam.repair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one index's B-tree bottom-up from keys handed over in order, as myisamchk's {@code sort_insert_key}
 * does: keys fill a leaf block; when the next key does not fit, the block's last key moves up to the parent
 * level (with the finished block as its left child) and the new key starts a fresh block. Each node block holds
 * child, key, child, …, key, child; {@link #finish()} closes every level from the leaves up and the last block
 * written is the root. Blocks are {@code block_length} bytes: a 2-byte header with the used length and, in
 * node blocks, the 0x8000 flag, then the keys as {@link KeyPacking} stores them, then zeros.
 */
final class KeyTreeWriter {

    /** Where finished blocks go: returns the position the block was given in the .MYI. */
    interface BlockSink {
        long write(byte[] block) throws IOException;
    }

    /** One key in a block: the child block to its left (node levels) and its stored bytes. */
    private record Entry(long leftChild, byte[] key, byte[] stored) {
    }

    private static final class Level {
        final List<Entry> entries = new ArrayList<>();
        int used;
    }

    private final KeyPacking packing;
    private final int blockLength;
    private final int childPointerLength;
    private final BlockSink sink;
    private final List<Level> levels = new ArrayList<>();
    private long blocks;

    KeyTreeWriter(KeyPacking packing, int blockLength, int childPointerLength, BlockSink sink) {
        this.packing = packing;
        this.blockLength = blockLength;
        this.childPointerLength = childPointerLength;
        this.sink = sink;
    }

    /** Adds the next key in order (its record pointer included). */
    void add(byte[] key) throws IOException, RepairRefusedException {
        insert(0, key, -1);
    }

    private void insert(int depth, byte[] key, long leftChild) throws IOException, RepairRefusedException {
        if (depth == levels.size()) {
            if (depth > 64) {
                throw new RepairRefusedException("the index would need more than 64 levels");
            }
            levels.add(new Level());
        }
        Level level = levels.get(depth);
        int nod = depth == 0 ? 0 : childPointerLength;
        if (level.entries.isEmpty()) {
            level.used = 2 + nod; // header, and in node blocks the last child pointer
        }
        Entry previous = level.entries.isEmpty() ? null : level.entries.get(level.entries.size() - 1);
        byte[] stored = packing.pack(previous == null ? null : previous.key(), key);
        if (level.used + nod + stored.length <= blockLength) {
            level.entries.add(new Entry(leftChild, key, stored));
            level.used += nod + stored.length;
            return;
        }
        if (level.entries.size() < 2) {
            throw new RepairRefusedException("a key of " + key.length + " bytes does not fit twice in a "
                    + blockLength + "-byte key block");
        }
        // The block is full: its last key goes up; the keys before it (and that key's left child as the block's
        // last child) make the finished block.
        Entry last = level.entries.remove(level.entries.size() - 1);
        long position = sink.write(serialize(level.entries, last.leftChild(), nod));
        level.entries.clear();
        insert(depth + 1, last.key(), position);
        insert(depth, key, leftChild);
    }

    /** Writes every pending block from the leaves up; returns the root's position, or -1 for an empty index. */
    long finish() throws IOException {
        long child = -1;
        for (int depth = 0; depth < levels.size(); depth++) {
            Level level = levels.get(depth);
            if (level.entries.isEmpty()) {
                continue;
            }
            int nod = depth == 0 ? 0 : childPointerLength;
            child = sink.write(serialize(level.entries, child, nod));
            level.entries.clear();
        }
        return child;
    }

    long blocks() {
        return blocks;
    }

    int levels() {
        return levels.size();
    }

    private byte[] serialize(List<Entry> entries, long lastChild, int nod) {
        byte[] block = new byte[blockLength];
        int p = 2;
        for (Entry e : entries) {
            if (nod > 0) {
                putChild(block, p, e.leftChild(), nod);
                p += nod;
            }
            System.arraycopy(e.stored(), 0, block, p, e.stored().length);
            p += e.stored().length;
        }
        if (nod > 0) {
            putChild(block, p, lastChild, nod);
            p += nod;
        }
        int header = p | (nod > 0 ? 0x8000 : 0);
        block[0] = (byte) (header >>> 8);
        block[1] = (byte) header;
        blocks++;
        return block;
    }

    /** {@code _mi_kpointer}: a child block's position in units of 1024 bytes, high byte first. */
    private static void putChild(byte[] block, int p, long position, int nod) {
        long v = position / 1024;
        for (int i = nod - 1; i >= 0; i--) {
            block[p + i] = (byte) v;
            v >>>= 8;
        }
    }
}
