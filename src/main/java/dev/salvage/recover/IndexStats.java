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
    /** MariaDB: the core field count on the index's INSTANT root page (instant ADD/DROP); -1 when none seen. */
    int instantCoreFields = -1;
    /** MariaDB: a copy of the leftmost leaf when it starts with an instant DROP/reorder metadata record. */
    byte[] metadataPage;
    /** MySQL 8.0: columns the table's SDI marks as added by instant ADD COLUMN; -1 when unknown. */
    int instantAddedColumns = -1;

    IndexStats(long indexId, RecordFormat format) {
        this.indexId = indexId;
        this.format = format;
    }

    /** True while fewer than {@link #SAMPLE_PAGES} leaves with records are kept. */
    boolean wantsSample(int nRecs) {
        return samples.size() < SAMPLE_PAGES && nRecs > 0;
    }

    /**
     * Counts a leaf; {@code sample} (a copy the caller no longer writes to, or null) is kept when
     * {@link #wantsSample} said so.
     */
    void addLeaf(byte[] sample, int nRecs) {
        leafPages++;
        leafRecords += nRecs;
        if (sample != null && wantsSample(nRecs)) {
            samples.add(sample);
        }
    }
}
