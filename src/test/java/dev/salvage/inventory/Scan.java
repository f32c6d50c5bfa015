package dev.salvage.inventory;

import dev.salvage.io.FileSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One run of the page inventory over a tablespace, keeping every page for assertions. */
record Scan(String name, SpaceInventory inventory, List<PageInfo> pages) {

    static Scan of(Path... files) throws IOException {
        return of(List.of(files));
    }

    static Scan of(List<Path> files) throws IOException {
        List<PageInfo> pages = new ArrayList<>();
        try (FileSet set = FileSet.open(files)) {
            SpaceInventory inv = new PageInventory(2).run(set, null, pages::add, done -> { });
            String name = files.stream().map(p -> p.getParent().getFileName() + "/" + p.getFileName())
                    .collect(Collectors.joining("+"));
            return new Scan(name, inv, List.copyOf(pages));
        }
    }

    PageInfo page(long no) {
        return pages.get((int) no);
    }

    List<PageInfo> bad() {
        return pages.stream().filter(p -> !p.sound()).toList();
    }

    /** Page counts by type name, all-zero pages included (as ALLOCATED). */
    Map<String, Long> typeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (SpaceInventory.TypeCount t : inventory.types()) {
            counts.merge(t.name(), t.count(), Long::sum);
        }
        return counts;
    }

    IndexTally index(long indexId) {
        return inventory.indexes().stream().filter(ix -> ix.indexId() == indexId).findFirst().orElse(null);
    }

    /** A short description of the bad pages, for assertion messages. */
    String describeBad() {
        return bad().stream().limit(10)
                .map(p -> "page " + p.page() + " " + p.type().name() + " " + p.problems()
                        + " (page_no field " + p.pageNoField() + ", space " + p.spaceId() + ", lsn " + p.lsn() + ")")
                .collect(Collectors.joining("; ", name + ": " + inventory.badPageCount() + " bad: ", ""));
    }
}
