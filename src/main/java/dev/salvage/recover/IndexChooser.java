package dev.salvage.recover;

import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.InstantFieldMap;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.out.RowValue;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the clustered index of a table among the index ids present, and the temporal storage format, by
 * trying the table's clustered layout on sample leaf pages of each index: the index (and format) under which
 * the largest share of listed records parse, pass the InnoDB checks and decode is the one. A secondary index's
 * records lack DB_TRX_ID/DB_ROLL_PTR and the other columns, so they fail.
 */
final class IndexChooser {

    /** Below this share of good records an index is not taken for the table's. */
    static final double MIN_SHARE = 0.9;

    record Choice(IndexStats index, ClusteredLayout layout, double share, String why) {
    }

    private IndexChooser() {
    }

    static List<TemporalFormat> temporalCandidates(TableDef table) {
        boolean temporal = table.columns().stream().map(c -> c.type().kind())
                .anyMatch(k -> k == TypeKind.TIME || k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP);
        return temporal ? List.of(TemporalFormat.MYSQL56, TemporalFormat.LEGACY) : List.of(TemporalFormat.MYSQL56);
    }

    /** The best index among {@code indexes} (all of them, or the one --index-id named); null when none fits. */
    static Choice choose(TableDef table, Collection<IndexStats> indexes, RecoveryOptions options, PageReader blobs,
            int pageSize, boolean forced) {
        Choice best = null;
        List<String> tried = new ArrayList<>();
        for (IndexStats index : indexes) {
            for (TemporalFormat temporal : temporalCandidates(table)) {
                if (best != null && best.index == index && best.share == 1.0) {
                    break; // every sampled record decodes: another layout of the same index can only tie, and loses ties
                }
                ClusteredLayout plain = ClusteredLayout.of(table, index.format, temporal, options.dialect());
                ClusteredLayout altered = instant(plain, index, blobs);
                // Instant ALTER metadata read from damaged bytes could be wrong: the plain layout competes.
                for (ClusteredLayout layout : altered == plain ? List.of(plain) : List.of(altered, plain)) {
                    if (best != null && best.index == index && best.share == 1.0) {
                        break;
                    }
                    double share = share(layout, index, blobs, pageSize, options.maxValueBytes());
                    tried.add(index.indexId + (temporal == TemporalFormat.MYSQL56 ? "" : "/legacy temporal")
                            + (layout == plain ? "" : "/instant ALTER") + " " + percent(share));
                    if (best == null || share > best.share
                            || share == best.share && index.leafRecords > best.index.leafRecords) {
                        best = new Choice(index, layout, share, null);
                    }
                }
            }
        }
        if (best == null || (!forced && best.share < MIN_SHARE)) {
            return best == null ? null : new Choice(null, best.layout, best.share,
                    "no index decodes under the definition (tried " + String.join(", ", tried) + ")");
        }
        String why = (forced ? "index " + best.index.indexId + " as named (--index-id, the dictionary or the SDI)"
                : "index " + best.index.indexId + ": " + percent(best.share)
                + " of sampled records decode under the definition (tried " + String.join(", ", tried) + ")")
                + "; " + best.index.leafPages + " leaf pages, " + best.layout.format() + " records"
                + (best.layout.temporal() == TemporalFormat.LEGACY ? ", pre-5.6.4 temporal format" : "");
        return new Choice(best.index, best.layout, best.share, why);
    }

    /**
     * "97%": a share as a whole percentage. Not String.format, whose first use loads the locale machinery (some
     * 40 classes) at the start of every cold run.
     */
    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** Records older than an instant ADD COLUMN store fewer fields: MariaDB says how many, MySQL 8.0 how many fewer. */
    static ClusteredLayout instant(ClusteredLayout layout, IndexStats index, PageReader blobs) {
        if (index.metadataPage != null) {
            // MariaDB instant DROP/reorder: the physical field order first; the core count refers to it.
            InstantFieldMap map = MariadbInstantMetadata.fieldMap(index.metadataPage, index.metadataPage.length,
                    layout, blobs);
            if (map != null) {
                layout = layout.withFieldMap(map);
            }
        }
        if (index.instantCoreFields > 0) {
            return layout.withCoreFields(index.instantCoreFields);
        }
        if (index.instantAddedColumns > 0) {
            return layout.withCoreFields(layout.leaf().size() - index.instantAddedColumns);
        }
        return layout;
    }

    /**
     * Records tried per sample page: enough to tell a layout that fits from one that does not (a wrong layout
     * fails on nearly every record), few enough that the choice costs little before the JIT has compiled the
     * decoders; spread over the sample pages so that one damaged page cannot decide alone.
     */
    static final int RECORDS_PER_SAMPLE_PAGE = 128;

    private static double share(ClusteredLayout layout, IndexStats index, PageReader blobs, int pageSize, int max) {
        RecordWalker walker = new RecordWalker();
        RecordOffsets rec = new RecordOffsets();
        RowDecoder decoder = new RowDecoder(layout, blobs, pageSize, max);
        List<RowValue> row = new ArrayList<>();
        int[] counts = new int[2];
        for (byte[] page : index.samples) {
            IndexPageHeader header = IndexPageHeader.read(page, 0);
            if (header == null || RecordFormat.of(header) != layout.format()) {
                continue;
            }
            int heapEnd = RecordWalker.heapEnd(header, pageSize, layout.format());
            int stopAt = counts[1] + RECORDS_PER_SAMPLE_PAGE;
            walker.walkRecords(page, pageSize, origin -> {
                counts[1]++;
                if (RecordParser.parse(page, origin, layout.format(), layout.leaf(), layout.format().heapStart(),
                        heapEnd, rec)
                        && RecordChecks.check(page, rec, layout.format(), header.nHeap(), layout, pageSize) == null
                        && decoder.decode(page, rec, row, s -> { }) == null) {
                    counts[0]++;
                }
                return counts[1] < stopAt;
            });
        }
        return counts[1] == 0 ? 0 : (double) counts[0] / counts[1];
    }
}
