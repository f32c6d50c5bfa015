package dev.salvage.myisam;

import dev.salvage.io.ByteRange;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks one index's B-tree as {@code chk_index} does: every block inside the key file and aligned, its used
 * length within the block, keys in order (duplicates refused in unique keys), each key's record pointer
 * handed to a {@link PointerVisitor}. Blocks already seen are not entered again and the depth is bounded,
 * so a corrupted child pointer cannot make the walk loop.
 */
final class KeyTree {
    static final int MIN_KEY_BLOCK_LENGTH = 1024;
    private static final int MAX_DEPTH = 64;

    /**
     * Receives each key: its record pointer (already converted to a byte offset in the .MYD) and the unpacked key
     * without the pointer ({@code key[0..keyLength)}, valid only during the call).
     */
    interface PointerVisitor {
        void key(long recordPosition, long page, byte[] key, int keyLength) throws IOException;
    }

    /**
     * Keys and blocks seen in one tree.
     *
     * @param unjudgedPairs neighbouring keys whose order could not be judged (a text part in a collation
     *                      {@link KeyCharset} does not order, or non-ASCII text in a general_ci collation)
     * @param complete      the walk reached every block (no block was refused)
     */
    record Walk(long keys, long blocks, int levels, long keyBlockBytes, long unjudgedPairs, boolean complete) {
    }

    private final MyiFile myi;
    private final ByteRange file;
    private final long keyFileLength;
    private final FindingSink sink;
    private final int keyNumber;
    private final KeyDef def;
    private final Set<Long> seen = new HashSet<>();
    private final PointerVisitor visitor;
    private final byte[] lastKey = new byte[KeyMaker.MAX_KEY];
    private int lastKeyLength;
    private long lastPointer = -1;
    private long keys;
    private long blocks;
    private long unjudged;
    private int maxLevel;
    private boolean failed;

    private KeyTree(MyiFile myi, ByteRange file, long keyFileLength, int key, FindingSink sink,
            PointerVisitor visitor) {
        this.myi = myi;
        this.file = file;
        this.keyFileLength = keyFileLength;
        this.sink = sink;
        this.keyNumber = key + 1;
        this.def = myi.keys().get(key);
        this.visitor = visitor;
    }

    /** Walks index {@code key} (0-based) from its root; returns the counts, problems go to the sink. */
    static Walk walk(MyiFile myi, ByteRange file, long keyFileLength, int key, FindingSink sink,
            PointerVisitor visitor) throws IOException {
        KeyTree tree = new KeyTree(myi, file, keyFileLength, key, sink, visitor);
        long root = myi.state().keyRoots().get(key);
        if (root != -1) {
            tree.descend(root, 1);
        }
        return new Walk(tree.keys, tree.blocks, tree.maxLevel, tree.blocks * tree.def.blockLength(), tree.unjudged,
                !tree.failed);
    }

    boolean failed() {
        return failed;
    }

    private void descend(long page, int level) throws IOException {
        if (failed) {
            return;
        }
        int blockLength = def.blockLength();
        if (page < 0 || page + blockLength > keyFileLength) {
            error(page, "Invalid key block position: " + page + "  key block size: " + blockLength
                    + "  file_length: " + keyFileLength);
            return;
        }
        if ((page & (MIN_KEY_BLOCK_LENGTH - 1)) != 0) {
            error(page, "Mis-aligned key block: " + page + "  minimum key block length: " + MIN_KEY_BLOCK_LENGTH);
            return;
        }
        if (level > MAX_DEPTH || !seen.add(page)) {
            error(page, "Key block at " + page + " is reached twice: the tree of key " + keyNumber + " has a loop");
            return;
        }
        byte[] buf = new byte[blockLength];
        if (file.read(page, buf, 0, blockLength) < blockLength) {
            error(page, "Can't read key from filepos: " + page);
            return;
        }
        blocks++;
        maxLevel = Math.max(maxLevel, level);
        boolean node = (buf[0] & 0x80) != 0;
        int nod = node ? myi.base().keyRefLength() : 0;
        int used = Be.u16(buf, 0) & 0x7fff;
        if (used > blockLength || used < 2 + nod) {
            error(page, "Wrong pageinfo at page: " + page);
            return;
        }
        int pos = 2 + nod;
        // Packed keys reuse the previous key of the same block, so each block decodes with its own state.
        KeyDecoder decoder = new KeyDecoder(def, myi.base().recRefLength());
        while (true) {
            if (nod > 0) {
                long child = Be.un(buf, pos - nod, nod) * MIN_KEY_BLOCK_LENGTH;
                descend(child, level + 1);
                if (failed) {
                    return;
                }
            }
            if (pos >= used) {
                break;
            }
            int next = decoder.next(buf, pos, used, nod);
            if (next < 0) {
                error(page, "Wrong key block length at page: " + page + " (" + decoder.error() + ")");
                return;
            }
            pos = next;
            checkOrder(page, decoder);
            if (failed) {
                return;
            }
            keys++;
            long record = myi.recordPosition(decoder.recordPointer());
            visitor.key(record, page, decoder.key(), decoder.keyLength());
        }
        if (pos != used) {
            error(page, "Keyblock size at page " + page + " is not correct.  Block length: " + used
                    + "  key length: " + pos);
        }
    }

    private void checkOrder(long page, KeyDecoder decoder) {
        byte[] key = decoder.key();
        int len = decoder.keyLength();
        long pointer = decoder.recordPointer();
        if (keys > 0) {
            Integer c = KeyCompare.compare(def, lastKey, lastKeyLength, key, len);
            if (c == null) {
                unjudged++;
            } else {
                if (c > 0) {
                    error(page, "Key in wrong position at page " + page);
                } else if (c == 0 && def.unique()) {
                    error(page, "Found duplicated key at page " + page);
                } else if (c == 0 && Long.compareUnsigned(pointer, lastPointer) < 0) {
                    // Equal keys of a non-unique index are kept in record order (SEARCH_SAME).
                    error(page, "Key in wrong position at page " + page);
                }
            }
        }
        System.arraycopy(key, 0, lastKey, 0, Math.min(len, lastKey.length));
        lastKeyLength = Math.min(len, lastKey.length);
        lastPointer = pointer;
    }

    private void error(long page, String message) {
        failed = true;
        sink.add(MyisamFinding.error("key-" + keyNumber, "MYI", page, message + " (key " + keyNumber + ")"));
    }
}
