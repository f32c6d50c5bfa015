package dev.salvage.myisam.repair;

import dev.salvage.myisam.KeyDef;
import dev.salvage.myisam.KeySeg;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bottom-up B-tree builder on its own, with 1024-byte blocks so that a few thousand fixed-length keys need
 * three levels: walking the written blocks from the root (child, key, child, …, key, child in node blocks, the
 * used length in the 2-byte header, the 0x8000 flag on nodes) gives back every key exactly once, in order, with
 * every leaf at the same depth and no block over its length.
 */
class KeyTreeWriterTest {
    private static final int BLOCK = 1024;
    private static final int KEY = 12; // an 8-byte BIGINT key part and a 4-byte record pointer
    private static final int NOD = 3;

    @Test
    void keysComeBackInOrderFromAThreeLevelTree() throws Exception {
        KeyDef def = new KeyDef(1, KeyDef.HA_NOSAME, BLOCK, KEY, KEY, KEY,
                List.of(new KeySeg(10, 0, 0, 0, 0, KeySeg.HA_SWAP_KEY, 8, 1, 0)));
        Map<Long, byte[]> blocks = new HashMap<>();
        long[] next = {BLOCK};
        KeyTreeWriter writer = new KeyTreeWriter(new KeyPacking(def), BLOCK, NOD, block -> {
            assertThat(block).hasSize(BLOCK);
            blocks.put(next[0], block);
            next[0] += BLOCK;
            return next[0] - BLOCK;
        });
        int count = 9000;
        for (int i = 0; i < count; i++) {
            writer.add(ByteBuffer.allocate(KEY).putLong(i * 3L).putInt(i).array());
        }
        long root = writer.finish();
        assertThat(writer.levels()).isEqualTo(3);
        assertThat(writer.blocks()).isEqualTo(blocks.size());

        List<Long> keys = new ArrayList<>();
        List<Integer> leafDepths = new ArrayList<>();
        walk(blocks, root, 1, keys, leafDepths);
        assertThat(keys).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(keys.get(i)).isEqualTo(i * 3L);
        }
        assertThat(leafDepths).containsOnly(3);
    }

    @Test
    void anEmptyIndexHasNoRoot() throws Exception {
        KeyDef def = new KeyDef(1, 0, BLOCK, KEY, KEY, KEY, List.of(new KeySeg(10, 0, 0, 0, 0, 64, 8, 1, 0)));
        KeyTreeWriter writer = new KeyTreeWriter(new KeyPacking(def), BLOCK, NOD, block -> {
            throw new AssertionError("nothing to write");
        });
        assertThat(writer.finish()).isEqualTo(-1);
    }

    private static void walk(Map<Long, byte[]> blocks, long position, int depth, List<Long> keys,
            List<Integer> leafDepths) {
        byte[] b = blocks.get(position);
        assertThat(b).as("block at %d", position).isNotNull();
        int header = (b[0] & 0xff) << 8 | (b[1] & 0xff);
        boolean node = (header & 0x8000) != 0;
        int used = header & 0x7fff;
        assertThat(used).isLessThanOrEqualTo(BLOCK);
        int nod = node ? NOD : 0;
        int p = 2;
        if (!node) {
            leafDepths.add(depth);
        }
        while (true) {
            if (node) {
                long child = ((b[p] & 0xffL) << 16 | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL)) * 1024;
                walk(blocks, child, depth + 1, keys, leafDepths);
                p += nod;
            }
            if (p >= used) {
                break;
            }
            keys.add(ByteBuffer.wrap(b, p, 8).getLong());
            p += KEY;
        }
        assertThat(p).isEqualTo(used);
    }
}
