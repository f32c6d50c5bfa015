package dev.salvage.recover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a carve folder keeps the off-page page of a given number: {@code FIL_PAGE_TYPE_BLOB/<page no>.page}, or,
 * when carve found pages of several tablespaces (whose BLOB pages share page numbers), under names suffixed
 * {@code -space<id>-<size>}. A suffixed page is taken when it is the only one of its number and size, or when it
 * belongs to the space the table's own index pages name ({@link #preferSpace}); otherwise none is, and the value
 * reads as a broken chain instead of another table's bytes.
 */
final class CarvedBlobFiles {

    private static final Pattern SUFFIXED = Pattern.compile("(\\d{1,20})-space(\\d{1,10})-(\\d{1,6})\\.page");

    private final Path blobDir;
    private final int pageSize;
    /** Page number → space id → file, for the suffixed names; listed once, on the first miss. */
    private volatile Map<Long, Map<Long, Path>> suffixed;
    private volatile long preferredSpace = -1;

    CarvedBlobFiles(Path blobDir, int pageSize) {
        this.blobDir = blobDir;
        this.pageSize = pageSize;
    }

    /** The space the table's index pages carry in FIL_PAGE_SPACE_ID; decides between suffixed pages. */
    void preferSpace(long spaceId) {
        preferredSpace = spaceId;
    }

    /** Where carve writes page {@code pageNo} when it needs no suffix. */
    Path plain(long pageNo) {
        return blobDir.resolve(String.format("%016d.page", pageNo));
    }

    /** The suffixed file holding page {@code pageNo} (when {@link #plain} has none), or null. */
    Path suffixed(long pageNo) {
        Map<Long, Path> bySpace = suffixed().get(pageNo);
        if (bySpace == null) {
            return null;
        }
        if (bySpace.size() == 1) {
            return bySpace.values().iterator().next();
        }
        return bySpace.get(preferredSpace);
    }

    private Map<Long, Map<Long, Path>> suffixed() {
        Map<Long, Map<Long, Path>> map = suffixed;
        if (map == null) {
            synchronized (this) {
                map = suffixed;
                if (map == null) {
                    map = list();
                    suffixed = map;
                }
            }
        }
        return map;
    }

    private Map<Long, Map<Long, Path>> list() {
        Map<Long, Map<Long, Path>> map = new HashMap<>();
        if (!Files.isDirectory(blobDir)) {
            return map;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobDir, "*-space*-*.page")) {
            for (Path file : files) {
                Matcher m = SUFFIXED.matcher(file.getFileName().toString());
                if (!m.matches() || Integer.parseInt(m.group(3)) != pageSize) {
                    continue;
                }
                try {
                    long pageNo = Long.parseLong(m.group(1));
                    long space = Long.parseLong(m.group(2));
                    map.computeIfAbsent(pageNo, p -> new HashMap<>()).put(space, file);
                } catch (NumberFormatException e) {
                    // a name too long for a number: not a page carve wrote
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable folder: the suffixed pages are missing, which the chains report.
        }
        return map;
    }
}
