package dev.salvage.check.keys;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small test tablespace in memory: its index pages by index id, and each index's leaf chain. */
public final class IbdIndexes {

    static final long FIL_NULL = 0xFFFFFFFFL;

    private final byte[] file;
    private final int pageSize;
    private final Map<Long, List<Integer>> pages = new TreeMap<>();

    public IbdIndexes(Path ibd, int pageSize) throws IOException {
        this.file = Files.readAllBytes(ibd);
        this.pageSize = pageSize;
        for (int p = 0; p < file.length / pageSize; p++) {
            byte[] page = page(p);
            IndexPageHeader h = IndexPageHeader.read(page, 0);
            if (Mach.read2(page, Fil.PAGE_TYPE) == PageType.INDEX && h != null) {
                pages.computeIfAbsent(h.indexId(), k -> new ArrayList<>()).add(p);
            }
        }
    }

    public int pageSize() {
        return pageSize;
    }

    public byte[] page(int no) {
        return Arrays.copyOfRange(file, no * pageSize, (no + 1) * pageSize);
    }

    /** Replaces page {@code no} in the in-memory copy (damage for tests; the file is untouched). */
    public void write(int no, byte[] page) {
        System.arraycopy(page, 0, file, no * pageSize, pageSize);
    }

    /** The whole (possibly damaged) copy. */
    public byte[] bytes() {
        return file;
    }

    public Map<Long, List<Integer>> pagesByIndex() {
        return pages;
    }

    public int level(int no) {
        return IndexPageHeader.read(page(no), 0).level();
    }

    /** The leaves from the one without a left sibling, along FIL_PAGE_NEXT. */
    public List<Integer> leafChain(long indexId) {
        List<Integer> out = new ArrayList<>();
        for (int p : pages.getOrDefault(indexId, List.of())) {
            byte[] page = page(p);
            if (IndexPageHeader.read(page, 0).level() == 0 && Mach.read4(page, Fil.PAGE_PREV) == FIL_NULL) {
                for (long at = p; at != FIL_NULL && out.size() <= pages.get(indexId).size(); ) {
                    out.add((int) at);
                    at = Mach.read4(page((int) at), Fil.PAGE_NEXT);
                }
                break;
            }
        }
        return out;
    }
}
