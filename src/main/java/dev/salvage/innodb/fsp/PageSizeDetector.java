package dev.salvage.innodb.fsp;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.io.ByteRange;
import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Establishes the page size of a tablespace: from page 0's FSP flags when page 0 is sound,
 * otherwise by trying every size InnoDB supports and keeping the one under which the most pages
 * carry their own page number and a valid checksum.
 */
public final class PageSizeDetector {

    /** FSP header fields on page 0 (fsp0fsp.h). */
    public static final int FSP_HEADER = Fil.PAGE_DATA;
    public static final int FSP_SPACE_ID = FSP_HEADER;
    public static final int FSP_SIZE = FSP_HEADER + 8;
    public static final int FSP_FREE_LIMIT = FSP_HEADER + 12;
    public static final int FSP_SPACE_FLAGS = FSP_HEADER + 16;

    /** How many pages per candidate size the inference examines. */
    private static final int SAMPLE_PAGES = 48;

    private PageSizeDetector() {}

    /** Every (logical, physical) combination worth trying, most common first. */
    static List<PageSize> candidates() {
        List<PageSize> list = new ArrayList<>();
        for (int logical : new int[] {16384, 4096, 8192, 32768, 65536}) {
            list.add(PageSize.of(logical));
        }
        for (int zip : new int[] {8192, 4096, 2048, 1024, 16384}) {
            list.add(PageSize.zip(16384, zip));
        }
        return list;
    }

    /**
     * Detects the layout. {@code override}, when not null, wins over everything (and is checked
     * only for fitting into the file). Throws {@link UnreadableInputException} when the input is
     * empty or nothing in it looks like an InnoDB page.
     */
    public static SpaceLayout detect(ByteRange range, PageSize override) throws IOException {
        long length = range.length();
        if (length == 0) {
            throw new UnreadableInputException(range.name() + ": empty file (0 bytes), nothing to read");
        }
        byte[] head = new byte[(int) Math.min(length, PageSize.MAX_LOGICAL)];
        int n = range.read(0, head, 0, head.length);
        FspFlags flags = n >= FSP_SPACE_FLAGS + 4 ? FspFlags.decode(Mach.readInt(head, FSP_SPACE_FLAGS)) : null;
        long spaceIdField = n >= FSP_SPACE_ID + 4 ? Mach.read4(head, FSP_SPACE_ID) : -1;

        if (override != null) {
            boolean fullCrc32 = flags != null && flags.valid() && flags.fullCrc32();
            String note = "page size " + override + " as given by --page-size";
            if (flags != null && flags.valid() && !flags.pageSize().equals(override)) {
                note += " (page 0 says " + flags.pageSize() + ")";
            }
            return new SpaceLayout(override, flags != null && flags.valid() ? flags : null, spaceIdField,
                    fullCrc32, SpaceLayout.Source.OVERRIDE, note);
        }

        if (flags != null && flags.valid() && n >= flags.pageSize().physical()) {
            ChecksumVerdict v = PageChecksum.verify(head, 0, flags.pageSize(), flags.fullCrc32(), null);
            boolean page0Sane = v.valid() && Mach.read4(head, Fil.PAGE_OFFSET) == 0;
            if (page0Sane) {
                return new SpaceLayout(flags.pageSize(), flags, spaceIdField, flags.fullCrc32(),
                        SpaceLayout.Source.PAGE0_FLAGS, null);
            }
        }
        return infer(range, flags, spaceIdField);
    }

    private static SpaceLayout infer(ByteRange range, FspFlags flags, long spaceIdField) throws IOException {
        Sample best = null;
        for (PageSize size : candidates()) {
            Sample sample = sample(range, size);
            if (sample.validPages > 0 && (best == null || sample.validPages > best.validPages)) {
                best = sample;
            }
        }
        if (best == null) {
            // A file smaller than one page of any size, or no page that checks out under any size.
            if (range.length() < PageSize.MIN_LOGICAL && (flags == null || !flags.valid())) {
                throw new UnreadableInputException(range.name() + ": " + range.length()
                        + " bytes is smaller than the smallest InnoDB page and holds no valid page");
            }
            if (flags != null && flags.valid()) {
                return new SpaceLayout(flags.pageSize(), flags, spaceIdField, flags.fullCrc32(),
                        SpaceLayout.Source.PAGE0_FLAGS,
                        "page 0 fails its checksum and no other page is valid; using the size its flags give");
            }
            throw new UnreadableInputException(range.name()
                    + ": not an InnoDB tablespace (no page size gives a single valid page; use --page-size to force one)");
        }
        String why = flags == null || !flags.valid()
                ? "page 0's flags are unreadable" : "page 0 fails its checksum";
        boolean fullCrc32 = best.mostCommonAlgorithm() == ChecksumAlgorithm.FULL_CRC32;
        return new SpaceLayout(best.size, null, best.mostCommonSpaceId(), fullCrc32, SpaceLayout.Source.INFERRED,
                why + "; page size " + best.size + (fullCrc32 ? " (full_crc32)" : "")
                        + " and space id inferred from " + best.validPages + " valid pages");
    }

    /** What sampling one candidate size found: valid pages, and the algorithms and space ids they carry. */
    private static final class Sample {
        final PageSize size;
        int validPages;
        final Map<ChecksumAlgorithm, Integer> algorithms = new EnumMap<>(ChecksumAlgorithm.class);
        final Map<Long, Integer> spaceIds = new HashMap<>();

        Sample(PageSize size) {
            this.size = size;
        }

        ChecksumAlgorithm mostCommonAlgorithm() {
            return algorithms.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        long mostCommonSpaceId() {
            return spaceIds.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1L);
        }
    }

    /** Examines sampled pages (page 0 included) that carry their own number, verifying each under any algorithm. */
    private static Sample sample(ByteRange range, PageSize size) throws IOException {
        Sample sample = new Sample(size);
        int physical = size.physical();
        long pages = range.length() / physical;
        if (pages < 1) {
            return sample;
        }
        byte[] buf = new byte[physical];
        long step = Math.max(1, pages / SAMPLE_PAGES);
        for (long p = 0; p < pages && p / step < SAMPLE_PAGES; p += step) {
            if (range.read(p * physical, buf, 0, physical) < physical) {
                break;
            }
            if (Mach.read4(buf, Fil.PAGE_OFFSET) != p || Mach.isZero(buf, 0, physical)) {
                continue;
            }
            ChecksumVerdict v = PageChecksum.verify(buf, 0, size, false, null);
            if (v.valid()) {
                sample.validPages++;
                sample.algorithms.merge(v.algorithm(), 1, Integer::sum);
                sample.spaceIds.merge(Mach.read4(buf, Fil.PAGE_SPACE_ID), 1, Integer::sum);
            }
        }
        return sample;
    }
}
