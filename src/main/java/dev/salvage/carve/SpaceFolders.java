package dev.salvage.carve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One carve folder per tablespace, under {@code spaces/<space id>-<page size>/}, when the pages found belong to
 * more than one tablespace (or page size). The main layout then has to give clashing names a
 * {@code -space<id>-<size>} suffix — BLOB pages of two spaces nearly always share page numbers — and a reader
 * that looks off-page values up as {@code FIL_PAGE_TYPE_BLOB/<page no>.page} (undrop-for-innodb, {@code salvage
 * rows}) finds none of them. Each space folder holds that space's index files and BLOB/LOB pages under the plain
 * names, so it is a carve folder of its own. The files are hard links to the main layout's (no second copy of
 * the pages); where the file system has no hard links they are copied.
 */
final class SpaceFolders {

    static final String DIR = "spaces";

    private static final Pattern SUFFIXED_BLOB = Pattern.compile("(\\d{16,20})-space(\\d+)-(\\d+)\\.page");

    private SpaceFolders() {
    }

    /**
     * Writes the per-space folders when the index groups span more than one (space id, page size); returns
     * their paths relative to {@code out} (empty when there is only one space, or nothing was written).
     */
    static List<String> write(Path out, List<CarveResult.IndexCount> indexes, OutputLayout layout,
                              List<GroupKey> groups) throws IOException {
        Set<String> spaces = new TreeSet<>();
        for (CarveResult.IndexCount ix : indexes) {
            if (ix.file() != null) {
                spaces.add(name(ix.spaceId(), ix.physicalSize()));
            }
        }
        if (spaces.size() < 2) {
            return List.of();
        }
        for (CarveResult.IndexCount ix : indexes) {
            if (ix.file() == null) {
                continue;
            }
            Path folder = out.resolve(DIR).resolve(name(ix.spaceId(), ix.physicalSize()));
            link(out.resolve(ix.file()), folder.resolve(OutputLayout.INDEX_DIR)
                    .resolve(OutputLayout.pad(ix.indexId()) + ".page"));
        }
        linkBlobPages(out, layout, groups, spaces);
        List<String> written = new ArrayList<>();
        for (String s : spaces) {
            written.add(DIR + "/" + s);
        }
        return written;
    }

    /** BLOB/LOB pages of the spaces that have index pages, each under its plain name in its space's folder. */
    private static void linkBlobPages(Path out, OutputLayout layout, List<GroupKey> groups, Set<String> spaces)
            throws IOException {
        Path blobDir = out.resolve(OutputLayout.BLOB_DIR);
        if (!Files.isDirectory(blobDir)) {
            return;
        }
        // With one BLOB group the main layout uses plain names: that group's space is the only one they belong to.
        GroupKey single = null;
        int blobGroups = 0;
        for (GroupKey g : groups) {
            if (g.kind() == GroupKey.Kind.BLOB) {
                single = g;
                blobGroups++;
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobDir, "*.page")) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                Matcher m = SUFFIXED_BLOB.matcher(fileName);
                String space;
                String plain;
                if (m.matches()) {
                    space = m.group(2) + "-" + m.group(3);
                    plain = m.group(1) + ".page";
                } else if (blobGroups == 1 && layout.blobFile(single, 0).endsWith("0000000000000000.page")) {
                    space = name(single.spaceId(), single.physicalSize());
                    plain = fileName;
                } else {
                    continue;
                }
                if (spaces.contains(space)) {
                    link(f, out.resolve(DIR).resolve(space).resolve(OutputLayout.BLOB_DIR).resolve(plain));
                }
            }
        }
    }

    private static String name(long spaceId, int physicalSize) {
        return spaceId + "-" + physicalSize;
    }

    private static void link(Path existing, Path link) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(existing, link);
        }
    }
}
