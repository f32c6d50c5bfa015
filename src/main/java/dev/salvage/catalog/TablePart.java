package dev.salvage.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the pages of a table, or of one of its partitions, are: one tablespace (an .ibd, or the ibdata set
 * for a table in the system tablespace) or a {@code salvage carve} folder.
 *
 * @param partition the partition's name, null for an unpartitioned table
 * @param files     the tablespace's files in order (one .ibd; ibdata1, ibdata2, …), or one carve folder
 * @param indexId   the clustered index id when a source says it (SDI, the InnoDB dictionary); null when the
 *                  index must be found by decoding sample pages
 * @param indexFrom where {@code indexId} came from ("sdi", "dictionary"), null when it is not known
 */
public record TablePart(String partition, List<Path> files, Long indexId, String indexFrom) {

    public TablePart {
        files = List.copyOf(files);
    }
}
