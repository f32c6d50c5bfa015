package dev.salvage.recover;

import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clustered layout a table's leaf records really have, for callers outside row recovery (salvage check):
 * the same first pass and layout trial as {@link TableRecovery}, for one clustered index id already known, so
 * that instant ADD/DROP/reorder metadata and the pre-5.6.4 temporal formats are applied as they are for rows.
 */
public final class ClusteredLayouts {

    private ClusteredLayouts() {
    }

    /**
     * The layout under which the sampled leaf records of {@code clusteredIndexId} decode; empty when the index
     * has no readable leaf pages or no layout decodes at least {@link IndexChooser#MIN_SHARE} of them (a caller
     * then falls back to what it knows without the file's evidence).
     */
    public static Optional<ClusteredLayout> find(TableDef table, RecoveryInput input, RecoveryOptions options,
            long clusteredIndexId) throws IOException {
        int pageSize = input.pageSize().logical();
        Map<Long, IndexStats> indexes = TableRecovery.survey(input, pageSize);
        IndexStats clustered = indexes.get(clusteredIndexId);
        if (clustered == null) {
            return Optional.empty();
        }
        if (options.dialect() == null || options.dialect() == ServerDialect.MYSQL_8_0) {
            clustered.instantAddedColumns = SdiInstantColumns.addedColumns(input.sources(), input.blobPages(),
                    pageSize, table.name());
        }
        IndexChooser.Choice choice = IndexChooser.choose(table, List.of(clustered), options, input.blobPages(),
                pageSize, true);
        if (choice == null || choice.index() == null || choice.share() < IndexChooser.MIN_SHARE) {
            return Optional.empty();
        }
        return Optional.of(choice.layout());
    }
}
