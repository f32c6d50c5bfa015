package dev.salvage.myisam;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys each intact record should have, folded into one order-independent sum per index while the .MYD is
 * scanned ({@code chk_data_link}'s key checksums, with the record position included so a key pointing at the
 * wrong record also shows). The same sum over the key tree equals it exactly when every key entry holds the key
 * of the record it points at and every record has its entry, up to a 64-bit collision; only when they differ
 * does the check go back for the details, one record at a time.
 */
final class KeyRebuild {
    private final MyiFile myi;
    private final List<KeyMaker> makers = new ArrayList<>();
    private final long[] sums;
    private final long[] unbuildable;
    private final byte[] key = new byte[KeyMaker.MAX_KEY];

    KeyRebuild(MyiFile myi) {
        this.myi = myi;
        int n = myi.keys().size();
        sums = new long[n];
        unbuildable = new long[n];
        for (int k = 0; k < n; k++) {
            makers.add(new KeyMaker(myi, myi.keys().get(k)));
        }
    }

    /** The index's keys can be rebuilt from records (it is active and of a supported kind). */
    boolean rebuilds(int k) {
        return myi.state().keyActive(k) && makers.get(k).unsupported() == null;
    }

    KeyMaker maker(int k) {
        return makers.get(k);
    }

    void record(RecordImage record) {
        for (int k = 0; k < sums.length; k++) {
            if (!rebuilds(k)) {
                continue;
            }
            int len = makers.get(k).make(record, key);
            if (len < 0) {
                unbuildable[k]++;
            } else {
                sums[k] += KeyMaker.fingerprint(key, len, record.position());
            }
        }
    }

    long sum(int k) {
        return sums[k];
    }

    /** Records whose bytes could not give index {@code k}'s key (parts outside the record). */
    long unbuildable(int k) {
        return unbuildable[k];
    }
}
