package dev.salvage.recover;

import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.schema.ServerDialect;

/**
 * @param indexId       the clustered index id to read, or null to find it
 * @param deleted       which records become rows
 * @param threads       worker threads
 * @param dialect       the server whose charset maxima apply
 * @param maxValueBytes cap on one off-page value
 */
public record RecoveryOptions(Long indexId, DeletedMode deleted, int threads, ServerDialect dialect,
                              int maxValueBytes) {

    public static RecoveryOptions defaults() {
        return new RecoveryOptions(null, DeletedMode.NONE, Runtime.getRuntime().availableProcessors(),
                ServerDialect.MARIADB_10_11, 64 << 20);
    }

    public RecoveryOptions withIndexId(Long id) {
        return new RecoveryOptions(id, deleted, threads, dialect, maxValueBytes);
    }

    public RecoveryOptions withDeleted(DeletedMode mode) {
        return new RecoveryOptions(indexId, mode, threads, dialect, maxValueBytes);
    }

    public RecoveryOptions withThreads(int n) {
        return new RecoveryOptions(indexId, deleted, Math.max(1, n), dialect, maxValueBytes);
    }

    public RecoveryOptions withDialect(ServerDialect d) {
        return new RecoveryOptions(indexId, deleted, threads, d, maxValueBytes);
    }

    static int defaultMax() {
        return ExternReader.DEFAULT_MAX_BYTES;
    }
}
