package dev.salvage.check.cross;

import dev.salvage.check.keys.IndexKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The spill finds exactly the keys that do not cancel, with partitions split again when over the limit. */
class KeySpillTest {

    private static IndexKey key(int n) {
        return new IndexKey(new byte[][] {{(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n},
                n % 7 == 0 ? null : new byte[] {(byte) (n % 5)}});
    }

    @Test
    void findsExactlyTheDifferences(@TempDir Path dir) throws Exception {
        Random random = new Random(5);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            expected.add(i);
        }
        List<Integer> found = new ArrayList<>(expected);
        Set<Integer> missing = new HashSet<>(List.of(17, 4_000, 19_999));
        found.removeAll(missing);
        found.add(1_000_001); // an orphan
        found.add(42); // one key twice
        Collections.shuffle(found, random);
        try (KeySpill spill = new KeySpill(dir, 1_000)) {
            for (int n : expected) {
                spill.add(key(n), KeyHash.of(key(n)), 1, 7);
            }
            for (int n : found) {
                spill.add(key(n), KeyHash.of(key(n)), -1, 9);
            }
            long[] total = {0};
            List<KeySpill.Difference> diffs = spill.differences(100, total);
            assertThat(total[0]).isEqualTo(5);
            assertThat(diffs).filteredOn(d -> d.delta() > 0).extracting(KeySpill.Difference::key)
                    .containsExactlyInAnyOrder(key(17), key(4_000), key(19_999));
            assertThat(diffs).filteredOn(d -> d.delta() < 0).extracting(KeySpill.Difference::key)
                    .containsExactlyInAnyOrder(key(1_000_001), key(42));
            assertThat(diffs).filteredOn(d -> d.delta() < 0).allMatch(d -> d.page() == 9);
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
    }

    @Test
    void multisetHashIgnoresOrderButNotContent() {
        long a = KeyHash.of(key(1)) + KeyHash.of(key(2));
        long b = KeyHash.of(key(2)) + KeyHash.of(key(1));
        assertThat(a).isEqualTo(b);
        assertThat(KeyHash.of(key(1))).isNotEqualTo(KeyHash.of(key(2)));
        assertThat(KeyHash.of(new IndexKey(new byte[][] {null}))).isNotEqualTo(
                KeyHash.of(new IndexKey(new byte[][] {{}})));
    }
}
