package dev.salvage.recover;

import dev.salvage.innodb.rec.RecordFormat;

import java.util.ArrayList;
import java.util.List;

/** What the first pass saw of one index id: its leaf pages, and a few of them kept to try layouts on. */
final class IndexStats {

    static final int SAMPLE_PAGES = 4;

    final long indexId;
    final RecordFormat format;
    long leafPages;
    long leafRecords;
    long nonLeafPages;
    final List<byte[]> samples = new ArrayList<>();

    IndexStats(long indexId, RecordFormat format) {
        this.indexId = indexId;
        this.format = format;
    }

    void addLeaf(byte[] page, int nRecs) {
        leafPages++;
        leafRecords += nRecs;
        if (samples.size() < SAMPLE_PAGES && nRecs > 0) {
            samples.add(page.clone());
        }
    }
}
