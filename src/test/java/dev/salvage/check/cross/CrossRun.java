package dev.salvage.check.cross;

import dev.salvage.check.keys.IbdIndexes;
import dev.salvage.check.keys.IndexShape;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Feeds every leaf record of a table's indexes (in leaf chain order) to SecondaryConsistency and UniqueCheck. */
final class CrossRun {

    final List<CrossFinding> findings = new ArrayList<>();
    Map<String, Long> entries;
    long clusteredRecords;

    static CrossRun of(IbdIndexes ibd, List<IndexShape> shapes, Map<Long, String> names, Path spill, int maxInMemory) {
        CrossRun run = new CrossRun();
        RecordOffsets rec = new RecordOffsets();
        try (SecondaryConsistency sc = new SecondaryConsistency(shapes, spill, maxInMemory)) {
            for (Map.Entry<Long, String> e : names.entrySet()) {
                IndexShape shape = shapes.stream().filter(s -> s.name().equals(e.getValue())).findFirst()
                        .orElseThrow();
                UniqueCheck unique = new UniqueCheck(shape);
                for (int p : ibd.leafChain(e.getKey())) {
                    byte[] page = ibd.page(p);
                    RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
                    new RecordWalker().walkRecords(page, ibd.pageSize(), origin -> {
                        if (!RecordParser.parse(page, ibd.pageSize(), origin, format, shape.leafLayout(), rec)) {
                            throw new AssertionError(shape.name() + " page " + p + ": " + rec.describe());
                        }
                        if (shape.clustered()) {
                            sc.clustered(page, p, rec);
                        } else {
                            sc.secondary(shape, page, p, rec);
                        }
                        unique.next(page, p, rec).ifPresent(run.findings::add);
                        return true;
                    });
                }
            }
            run.findings.addAll(sc.finish());
            run.entries = sc.entries();
            run.clusteredRecords = sc.clusteredRecords();
        }
        return run;
    }

    List<CrossFinding> errors() {
        return findings.stream().filter(CrossFinding::isError).toList();
    }
}
