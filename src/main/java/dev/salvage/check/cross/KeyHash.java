package dev.salvage.check.cross;

import dev.salvage.check.keys.IndexKey;

/**
 * A 64-bit hash of a key, well mixed so that sums of hashes make a multiset fingerprint: two multisets of keys
 * with equal counts and equal sums (mod 2^64) are equal except with probability about 2^-64 per comparison.
 */
final class KeyHash {

    private KeyHash() {
    }

    static long of(IndexKey key) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.size(); i++) {
            byte[] f = key.field(i);
            if (f == null) {
                h = mix(h ^ 0x5BD1E995L);
                continue;
            }
            h = mix(h ^ f.length);
            long word = 0;
            int n = 0;
            for (byte b : f) {
                word = word << 8 | (b & 0xFF);
                if (++n == 8) {
                    h = mix(h ^ word);
                    word = 0;
                    n = 0;
                }
            }
            h = mix(h ^ word ^ ((long) n << 56));
        }
        return mix(h);
    }

    /** splitmix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
