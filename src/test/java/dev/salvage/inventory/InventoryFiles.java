package dev.salvage.inventory;

import dev.salvage.io.FileSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Small file helpers for the inventory tests. */
final class InventoryFiles {

    private InventoryFiles() {
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
