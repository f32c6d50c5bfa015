package dev.salvage.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pages of one index id seen in a tablespace: how many at each level, and the likely root. */
public final class IndexTally {
    private final long indexId;
    private long pages;
    private final TreeMap<Integer, Long> pagesPerLevel = new TreeMap<>();
    private final List<Long> rootCandidates = new ArrayList<>();
    private int topLevel = -1;

    IndexTally(long indexId) {
        this.indexId = indexId;
    }

    void add(PageInfo p) {
        pages++;
        pagesPerLevel.merge(p.level(), 1L, Long::sum);
        // The root is the one page of the top level, with no siblings.
        boolean alone = p.prev() == dev.salvage.innodb.fil.Fil.FIL_NULL && p.next() == dev.salvage.innodb.fil.Fil.FIL_NULL;
        if (p.level() > topLevel) {
            topLevel = p.level();
            rootCandidates.clear();
        }
        if (p.level() == topLevel && alone && !p.doublewrite() && rootCandidates.size() < 16) {
            rootCandidates.add(p.page());
        }
    }

    public long indexId() {
        return indexId;
    }

    public long pages() {
        return pages;
    }

    public Map<Integer, Long> pagesPerLevel() {
        return pagesPerLevel;
    }

    /** The root page when exactly one page qualifies, else -1. */
    public long root() {
        return rootCandidates.size() == 1 ? rootCandidates.get(0) : -1;
    }

    public List<Long> rootCandidates() {
        return rootCandidates;
    }

    public int levels() {
        return topLevel + 1;
    }
}
