package dev.salvage.recover;

import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.schema.ServerDialect;

/**
 * @param indexId       the clustered index id to read, or null to find it
 * @param deleted       which records become rows
 * @param threads       worker threads
 * @param dialect       the server whose charset maxima apply
 * @param maxValueBytes cap on one off-page value
 * @param freedPages    also read leaf pages the extent descriptors call free: for a dropped table, whose
 *                      every page DROP freed (otherwise a free page only holds older copies of live rows)
 */
public record RecoveryOptions(Long indexId, DeletedMode deleted, int threads, ServerDialect dialect,
                              int maxValueBytes, boolean freedPages) {

    public static RecoveryOptions defaults() {
        return new RecoveryOptions(null, DeletedMode.NONE, Runtime.getRuntime().availableProcessors(),
                ServerDialect.MARIADB_10_11, 64 << 20, false);
    }

    public RecoveryOptions withIndexId(Long id) {
        return new RecoveryOptions(id, deleted, threads, dialect, maxValueBytes, freedPages);
    }

    public RecoveryOptions withDeleted(DeletedMode mode) {
        return new RecoveryOptions(indexId, mode, threads, dialect, maxValueBytes, freedPages);
    }

    public RecoveryOptions withThreads(int n) {
        return new RecoveryOptions(indexId, deleted, Math.max(1, n), dialect, maxValueBytes, freedPages);
    }

    public RecoveryOptions withDialect(ServerDialect d) {
        return new RecoveryOptions(indexId, deleted, threads, d, maxValueBytes, freedPages);
    }

    public RecoveryOptions withFreedPages(boolean read) {
        return new RecoveryOptions(indexId, deleted, threads, dialect, maxValueBytes, read);
    }

    static int defaultMax() {
        return ExternReader.DEFAULT_MAX_BYTES;
    }
}
