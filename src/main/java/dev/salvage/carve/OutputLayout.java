package dev.salvage.carve;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * File names of the carve output, mirroring undrop-for-innodb's stream_parser so its recipes keep
 * working: {@code FIL_PAGE_INDEX/<index id>.page} and {@code FIL_PAGE_TYPE_BLOB/<page no>.page}, the
 * number in decimal zero-padded to 16 digits ({@code %016lu}). Additions of ours:
 * <ul>
 * <li>other page types: {@code FIL_PAGE_<TYPE>/<space id>.page};</li>
 * <li>older versions of a page go to the same relative path under {@code older/}, so the main files
 *     hold exactly one (the newest) version of each page, ordered by page number;</li>
 * <li>when a name would be shared by pages of different tablespaces (the same index id in two
 *     spaces, BLOB pages of more than one space) or different page sizes, every file of that name
 *     gets a {@code -space<id>-<size>} suffix instead of mixing them.</li>
 * </ul>
 */
final class OutputLayout {

    static final String INDEX_DIR = "FIL_PAGE_INDEX";
    static final String BLOB_DIR = "FIL_PAGE_TYPE_BLOB";
    static final String OLDER_DIR = "older";
    static final String MANIFEST = "manifest.json";
    static final String SPOOL_DIR = ".carve-spool";

    private final Map<GroupKey, Boolean> ambiguous = new HashMap<>();

    OutputLayout(List<GroupKey> groups) {
        Map<String, Integer> uses = new HashMap<>();
        boolean severalBlobGroups = groups.stream().filter(g -> g.kind() == GroupKey.Kind.BLOB).count() > 1;
        for (GroupKey g : groups) {
            uses.merge(plainStem(g), 1, Integer::sum);
        }
        for (GroupKey g : groups) {
            boolean clash = g.kind() == GroupKey.Kind.BLOB ? severalBlobGroups : uses.get(plainStem(g)) > 1;
            ambiguous.put(g, clash);
        }
    }

    /** The main file of an index or other-type group (relative to the output directory). */
    String file(GroupKey g) {
        return g.kind() == GroupKey.Kind.BLOB ? null : name(g, plainStem(g));
    }

    /** The file of one BLOB/LOB page. */
    String blobFile(GroupKey g, long pageNo) {
        return name(g, BLOB_DIR + "/" + pad(pageNo));
    }

    static String older(String file) {
        return OLDER_DIR + "/" + file;
    }

    private String name(GroupKey g, String stem) {
        if (Boolean.TRUE.equals(ambiguous.get(g))) {
            return stem + "-space" + g.spaceId() + "-" + g.physicalSize() + ".page";
        }
        return stem + ".page";
    }

    private static String plainStem(GroupKey g) {
        return switch (g.kind()) {
            case INDEX -> INDEX_DIR + "/" + pad(g.id());
            case BLOB -> BLOB_DIR;
            case OTHER -> typeDir(PageTypes.of(g.typeCode(), g.typeVendor()).name()) + "/" + pad(g.spaceId());
        };
    }

    /** {@code %016lu}: unsigned decimal, zero-padded to 16 digits. */
    static String pad(long unsigned) {
        String digits = Long.toUnsignedString(unsigned);
        return digits.length() >= 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }

    static String typeDir(String typeName) {
        String name = typeName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return name.startsWith("FIL_PAGE") ? name : "FIL_PAGE_" + name;
    }
}
