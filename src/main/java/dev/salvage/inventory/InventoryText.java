package dev.salvage.inventory;

import dev.salvage.innodb.fsp.SpaceLayout;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable inventory summary. */
public final class InventoryText {

    /** Bad pages listed one per line before the list is cut short. */
    private static final int MAX_LISTED = 50;

    private InventoryText() {}

    public static void print(SpaceInventory inv, PrintWriter out) {
        SpaceLayout layout = inv.layout();
        out.printf("%s: %,d pages of %s, space id %s%s%n", inv.name(), inv.pageCount(), layout.pageSize(),
                layout.spaceId() < 0 ? "unknown" : Long.toString(layout.spaceId()), describeFlags(layout));
        if (layout.note() != null) {
            out.println("  note: " + layout.note());
        }
        out.println("  page types:");
        for (SpaceInventory.TypeCount t : inv.types()) {
            out.printf("    %-28s %,10d%n", t.name() + " (" + t.code() + ")", t.count());
        }
        String algs = inv.checksumAlgorithms().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).collect(Collectors.joining(", "));
        out.printf("  checksums: %s%s%n", algs.isEmpty() ? "none valid" : algs,
                inv.allZeroPages() > 0 ? String.format("; all-zero pages %,d", inv.allZeroPages()) : "");
        if (inv.doublewritePages() > 0) {
            out.printf("  doublewrite buffer: %,d pages (copies of other pages, not counted in indexes)%n",
                    inv.doublewritePages());
        }
        if (!inv.indexes().isEmpty()) {
            out.println("  indexes:");
            out.printf("    %-20s %10s %7s %8s  %s%n", "index id", "pages", "levels", "root", "pages per level");
            for (IndexTally ix : inv.indexes()) {
                String perLevel = ix.pagesPerLevel().entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
                String root = ix.root() >= 0 ? Long.toString(ix.root())
                        : ix.rootCandidates().isEmpty() ? "?" : "?" + ix.rootCandidates();
                out.printf("    %-20s %,10d %7d %8s  %s%n", Long.toUnsignedString(ix.indexId()), ix.pages(),
                        ix.levels(), root, perLevel);
            }
        }
        if (inv.truncated()) {
            out.printf("  truncated: the file ends %,d bytes into page %,d (cut inside a page)%n",
                    inv.trailingBytes(), inv.pageCount());
        }
        if (inv.cutShort()) {
            out.println("  cut short: " + shortDescription(inv));
        }
        boolean fileProblem = inv.truncated() || inv.cutShort();
        if (inv.badPageCount() == 0) {
            out.println(!fileProblem ? "  verdict: OK, every page is sound"
                    : inv.cutShort() ? String.format("  verdict: PROBLEMS (file cut short, %,d pages missing;"
                            + " every whole page it holds is sound)", inv.missingPages())
                    : "  verdict: PROBLEMS (truncated file; every whole page is sound)");
            return;
        }
        out.printf("  bad pages: %,d%n", inv.badPageCount());
        for (Map.Entry<PageProblem, Long> e : inv.problems().entrySet()) {
            out.printf("    %-60s %,d%n", e.getKey().description(), e.getValue());
        }
        int listed = 0;
        for (PageInfo p : inv.badPages()) {
            if (listed++ == MAX_LISTED) {
                out.printf("    … %,d more (use --json for all)%n", inv.badPageCount() - MAX_LISTED);
                break;
            }
            out.printf("    page %,d (offset %,d, %s): %s%n", p.page(), p.offset(), p.type().name(),
                    p.problems().stream().map(pr -> detail(pr, p)).collect(Collectors.joining("; ")));
        }
        out.printf("  verdict: PROBLEMS, %,d of %,d pages are not sound%s%n", inv.badPageCount(), inv.pageCount(),
                inv.cutShort() ? String.format("; file cut short, %,d pages missing", inv.missingPages()) : "");
    }

    /**
     * What is missing and where: e.g. "page 0 says the space has 576 pages (FSP_SIZE), the file holds 128:
     * 448 pages missing (pages 128–575)". Shared by the text and JSON reports.
     */
    public static String shortDescription(SpaceInventory inv) {
        long first = inv.pageCount();
        long last = inv.declaredPages() - 1;
        String holds = inv.truncated()
                ? String.format("%,d whole pages and %,d bytes of page %,d", inv.pageCount(), inv.trailingBytes(), first)
                : String.format("%,d", inv.pageCount());
        String files = inv.name().contains("+") ? "the files hold" : "the file holds";
        String hint = inv.otherSystemFiles().isEmpty() ? ""
                : "; not given, though in the same folder: " + String.join(", ", inv.otherSystemFiles())
                        + " (the system tablespace's files form one space only when given together)";
        return String.format("page 0 says the space has %,d pages (FSP_SIZE), %s %s: %,d pages missing (%s)%s",
                inv.declaredPages(), files, holds, inv.missingPages(),
                first == last ? "page " + String.format("%,d", first)
                        : String.format("pages %,d–%,d", first, last), hint);
    }

    private static String detail(PageProblem problem, PageInfo p) {
        return switch (problem) {
            case WRONG_PAGE_NUMBER -> problem.description() + ": header says page " + p.pageNoField();
            case WRONG_SPACE_ID -> problem.description() + ": header says space " + p.spaceId();
            case TORN -> problem.description() + ": header LSN " + p.lsn();
            default -> problem.description();
        };
    }

    private static String describeFlags(SpaceLayout layout) {
        StringBuilder sb = new StringBuilder();
        if (layout.flags() != null) {
            sb.append(", flags 0x").append(Integer.toHexString(layout.flags().raw()));
            switch (layout.flags().vendor()) {
                case MYSQL -> sb.append(" (MySQL)");
                case MARIADB -> sb.append(" (MariaDB)");
                default -> { }
            }
        }
        if (layout.fullCrc32()) {
            sb.append(", full_crc32");
        }
        return sb.toString();
    }
}
