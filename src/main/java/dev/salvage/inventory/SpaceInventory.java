package dev.salvage.inventory;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fsp.SpaceLayout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary of one tablespace's pages; built page by page, in page order. */
public final class SpaceInventory {

    /** Bad pages kept in full for the report; beyond this only counts grow (memory stays bounded). */
    public static final int MAX_BAD_PAGES_KEPT = 10_000;

    private final String name;
    private final long length;
    private final SpaceLayout layout;
    private final long pageCount;
    private final long trailingBytes;
    private final long declaredPages;
    private List<String> otherSystemFiles = List.of();
    private final TreeMap<Integer, TypeCount> types = new TreeMap<>();
    private final Map<String, Long> checksumAlgorithms = new LinkedHashMap<>();
    private final TreeMap<Long, IndexTally> indexes = new TreeMap<>(Long::compareUnsigned);
    private final EnumMap<PageProblem, Long> problems = new EnumMap<>(PageProblem.class);
    private final List<PageInfo> badPages = new ArrayList<>();
    private long badPageCount;
    private long allZeroPages;
    private long doublewritePages;

    /** A page type with its count. */
    public record TypeCount(int code, String name, long count) {}

    /** As the full constructor, with the declared size unknown. */
    public SpaceInventory(String name, long length, SpaceLayout layout, long pageCount, long trailingBytes) {
        this(name, length, layout, pageCount, trailingBytes, -1);
    }

    /**
     * @param pageCount     whole pages the file(s) hold
     * @param trailingBytes bytes of a last, partial page
     * @param declaredPages FSP_SIZE of a sound page 0, or -1 when page 0 cannot be trusted
     */
    public SpaceInventory(String name, long length, SpaceLayout layout, long pageCount, long trailingBytes,
                          long declaredPages) {
        this.name = name;
        this.length = length;
        this.layout = layout;
        this.pageCount = pageCount;
        this.trailingBytes = trailingBytes;
        this.declaredPages = declaredPages;
    }

    void add(PageInfo p) {
        types.merge(p.type().code(), new TypeCount(p.type().code(), p.type().name(), 1),
                (a, b) -> new TypeCount(a.code(), a.name(), a.count() + 1));
        if (p.allZero()) {
            allZeroPages++;
        } else if (p.checksum() != null && p.checksum().valid()) {
            ChecksumAlgorithm alg = p.checksum().algorithm();
            checksumAlgorithms.merge(alg.label(), 1L, Long::sum);
        }
        if (p.doublewrite()) {
            doublewritePages++;
        } else if (p.hasIndex()) {
            indexes.computeIfAbsent(p.indexId(), IndexTally::new).add(p);
        }
        if (!p.sound()) {
            badPageCount++;
            for (PageProblem problem : p.problems()) {
                problems.merge(problem, 1L, Long::sum);
            }
            if (badPages.size() < MAX_BAD_PAGES_KEPT) {
                badPages.add(p);
            }
        }
    }

    public String name() {
        return name;
    }

    public long length() {
        return length;
    }

    public SpaceLayout layout() {
        return layout;
    }

    public long pageCount() {
        return pageCount;
    }

    public long trailingBytes() {
        return trailingBytes;
    }

    public List<TypeCount> types() {
        return List.copyOf(types.values());
    }

    public Map<String, Long> checksumAlgorithms() {
        return checksumAlgorithms;
    }

    public List<IndexTally> indexes() {
        return List.copyOf(indexes.values());
    }

    public Map<PageProblem, Long> problems() {
        return problems;
    }

    public List<PageInfo> badPages() {
        return badPages;
    }

    public long badPageCount() {
        return badPageCount;
    }

    public long allZeroPages() {
        return allZeroPages;
    }

    public long doublewritePages() {
        return doublewritePages;
    }

    public boolean truncated() {
        return trailingBytes != 0;
    }

    /** Pages the space header (FSP_SIZE on page 0) says the space has; -1 when page 0 cannot be trusted. */
    public long declaredPages() {
        return declaredPages;
    }

    /**
     * Pages the space header counts that the file(s) do not hold whole: the file was cut short (a partial last
     * page counts as missing). Zero when the file is as long as declared or longer, which is normal: the server
     * extends the file before it raises FSP_SIZE, and rounds the system tablespace's FSP_SIZE down to whole
     * megabytes.
     */
    public long missingPages() {
        return declaredPages > pageCount ? declaredPages - pageCount : 0;
    }

    /**
     * ibdata files lying next to the given system tablespace files that were not given with them: when the
     * space looks cut short, they may hold the missing pages.
     */
    public List<String> otherSystemFiles() {
        return otherSystemFiles;
    }

    void otherSystemFiles(List<String> names) {
        this.otherSystemFiles = List.copyOf(names);
    }

    /** The file(s) hold fewer whole pages than the space header declares. */
    public boolean cutShort() {
        return missingPages() > 0;
    }

    /** Every page sound, the file ends on a page boundary and holds every page its header declares. */
    public boolean sound() {
        return badPageCount == 0 && !truncated() && !cutShort();
    }
}
