package dev.salvage.sdi;

/**
 * Where one index of a table (or of one partition) lives, from the index's se_private_data.
 *
 * @param partition the partition name, null for an unpartitioned table
 * @param hidden    an index the DDL does not show (GEN_CLUST_INDEX of a table without a key)
 * @param indexId   InnoDB index id, -1 when missing
 * @param rootPage  root page number, -1 when missing or when the index has no B-tree (FULLTEXT)
 * @param spaceId   tablespace id, -1 when missing
 */
public record SdiIndexIds(String index, String partition, boolean hidden, long indexId, long rootPage,
        long spaceId, long tableId) {
}
