package dev.salvage.inventory;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.io.FileSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Pages of healthy, cleanly shut down server files that {@code salvage pages} currently flags, each
 * recognised precisely enough that nothing else can hide behind it (the POI "expected failures" idea).
 * Each entry is a known bug to fix in the inventory; when it is fixed the entry simply stops matching.
 */
final class KnownFalsePositives {

    private KnownFalsePositives() {
    }

    /** Which entry explains the bad page, or null when none does (then the page is a real failure). */
    static String explain(InventoryFixtures fixture, List<Path> files, PageInfo p) throws IOException {
        if (compressedImageInDoublewrite(fixture, files, p)) {
            return "COMPRESSED_PAGE_IMAGE_IN_DOUBLEWRITE";
        }
        return null;
    }

    /**
     * The doublewrite buffer keeps a ROW_FORMAT=COMPRESSED page as its zip_size bytes followed by zeros in a
     * full-size slot (buf_dblwr_add_to_batch); salvage verifies the slot as a full page and calls it
     * CHECKSUM_MISMATCH + TORN. Recognised by: in the doublewrite area, zeros after some zip size, and the
     * leading bytes verifying as a compressed page of that size.
     */
    static boolean compressedImageInDoublewrite(InventoryFixtures fixture, List<Path> files, PageInfo p)
            throws IOException {
        if (!p.doublewrite() || p.allZero()
                || !Set.of(PageProblem.CHECKSUM_MISMATCH, PageProblem.TORN).containsAll(p.problems())) {
            return false;
        }
        int size = fixture.pageSize();
        byte[] page = readPage(files, p.page(), size);
        for (int zip = 1024; zip < size && zip <= 16384; zip <<= 1) {
            if (Mach.isZero(page, zip, size - zip)
                    && PageChecksum.verify(page, 0, new PageSize(size, zip), false, null).valid()) {
                return true;
            }
        }
        return false;
    }

    static boolean isSystemSpace(List<Path> files) {
        return files.get(0).getFileName().toString().startsWith("ibdata");
    }

    static byte[] readPage(List<Path> files, long pageNo, int pageSize) throws IOException {
        byte[] page = new byte[pageSize];
        try (FileSet set = FileSet.open(files)) {
            set.read(pageNo * pageSize, page, 0, pageSize);
        }
        return page;
    }
}
