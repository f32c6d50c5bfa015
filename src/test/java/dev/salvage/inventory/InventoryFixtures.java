package dev.salvage.inventory;

import dev.salvage.harness.ChecksumSetting;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The real-server datadirs the page inventory is proven on: one per server / option combination, each
 * holding the same database {@code inv} (a 30,000-row table with a secondary index, a table of 70 KB
 * TEXT values, and where asked ROW_FORMAT=COMPRESSED tables with KEY_BLOCK_SIZE 8 and 4).
 */
enum InventoryFixtures {
    /** MariaDB's default full_crc32, ibdata1 + ibdata2, and one COMPRESSED table to see which format it gets. */
    MARIADB_FULL_CRC32_16K(ServerKind.MARIADB_10_11, ServerOptions.defaults()
            .withExtraArgs("--innodb-data-file-path=ibdata1:12M;ibdata2:12M:autoextend"), true, false,
            Set.of("full_crc32"), Set.of("zip_crc32c")),
    /** crc32 with undo tablespaces (undo001, undo002) and both compressed block sizes. */
    MARIADB_CRC32_16K(ServerKind.MARIADB_10_11, ServerOptions.defaults().withChecksum(ChecksumSetting.CRC32)
            .withExtraArgs("--innodb-undo-tablespaces=2"), true, true,
            Set.of("crc32c"), Set.of("zip_crc32c")),
    MARIADB_FULL_CRC32_4K(ServerKind.MARIADB_10_11, ServerOptions.defaults().withPageSize(4096), false, false,
            Set.of("full_crc32"), Set.of()),
    MARIADB_CRC32_8K(ServerKind.MARIADB_10_11, ServerOptions.defaults().withPageSize(8192)
            .withChecksum(ChecksumSetting.CRC32), false, false, Set.of("crc32c"), Set.of()),
    MARIADB_FULL_CRC32_32K(ServerKind.MARIADB_10_11, ServerOptions.defaults().withPageSize(32768), false, false,
            Set.of("full_crc32"), Set.of()),
    MARIADB_CRC32_64K(ServerKind.MARIADB_10_11, ServerOptions.defaults().withPageSize(65536)
            .withChecksum(ChecksumSetting.CRC32), false, false, Set.of("crc32c"), Set.of()),
    /** MySQL 5.7's default crc32, with undo tablespaces and both compressed block sizes. */
    MYSQL57_CRC32(ServerKind.MYSQL_5_7, ServerOptions.defaults().withChecksum(ChecksumSetting.CRC32)
            .withExtraArgs("--innodb-undo-tablespaces=2"), true, true, Set.of("crc32c"), Set.of("zip_crc32c")),
    MYSQL57_INNODB(ServerKind.MYSQL_5_7, ServerOptions.defaults().withChecksum(ChecksumSetting.INNODB), true, false,
            Set.of("innodb"), Set.of("zip_innodb")),
    /** MySQL 8.0's default crc32; undo_001/undo_002 and mysql.ibd come by default. */
    MYSQL80_CRC32(ServerKind.MYSQL_8_0, ServerOptions.defaults(), true, false, Set.of("crc32c"), Set.of("zip_crc32c"));

    static final String DB = "inv";
    /** Rows of inv.big: enough for a B-tree of two or more levels at every page size. */
    static final int BIG_ROWS = 30_000;

    private static final Map<InventoryFixtures, GeneratedDatadir> CACHE = new ConcurrentHashMap<>();

    final ServerKind kind;
    final ServerOptions options;
    final boolean zip8;
    final boolean zip4;
    /** Checksum algorithms (salvage's labels) every page of an uncompressed file must carry. */
    final Set<String> plainAlgorithms;
    /** ... and every page of a ROW_FORMAT=COMPRESSED file. */
    final Set<String> zipAlgorithms;

    InventoryFixtures(ServerKind kind, ServerOptions options, boolean zip8, boolean zip4, Set<String> plainAlgorithms,
            Set<String> zipAlgorithms) {
        this.kind = kind;
        this.options = options;
        this.zip8 = zip8;
        this.zip4 = zip4;
        this.plainAlgorithms = plainAlgorithms;
        this.zipAlgorithms = zipAlgorithms;
    }

    int pageSize() {
        return options.effectivePageSize();
    }

    /** Generates the datadir on first use (cached under target/datadirs), skipping when the server is absent. */
    GeneratedDatadir datadir() throws IOException, SQLException {
        GeneratedDatadir dd = CACHE.get(this);
        if (dd == null) {
            dd = Datadirs.get(kind, options, setupSql(), truthQueries());
            CACHE.put(this, dd);
        }
        return dd;
    }

    Map<String, String> truthQueries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("indexes", Datadirs.indexesQuery(kind, DB + "/%"));
        q.put("tables", Datadirs.tablesQuery(kind, DB + "/%"));
        q.put("settings", "SELECT @@innodb_page_size AS page_size, @@innodb_checksum_algorithm AS checksum,"
                + " (SELECT COUNT(*) FROM " + DB + ".big) AS big_rows,"
                + " (SELECT MIN(LENGTH(b)) FROM " + DB + ".blobs) AS min_blob");
        return q;
    }

    /** Plain SQL every server here runs (no CTEs: MySQL 5.7 has none). */
    String setupSql() {
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE DATABASE ").append(DB).append(";\n");
        sql.append("CREATE TABLE inv.seed (n INT PRIMARY KEY) ENGINE=InnoDB;\n");
        sql.append("INSERT INTO inv.seed VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);\n");
        sql.append("CREATE TABLE inv.big (id INT PRIMARY KEY, k INT NOT NULL, s VARCHAR(100) NOT NULL, KEY k (k))"
                + " ENGINE=InnoDB;\n");
        sql.append("INSERT INTO inv.big SELECT id, (id * 7919) % 10007, CONCAT('row-', id, '-', MD5(id)) FROM"
                + " (SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n AS id"
                + " FROM inv.seed a, inv.seed b, inv.seed c, inv.seed d, inv.seed e) x WHERE id < ")
                .append(BIG_ROWS).append(";\n");
        // 70,400-byte values: off-page (BLOB / LOB pages) at every page size up to 64k.
        sql.append("CREATE TABLE inv.blobs (id INT PRIMARY KEY, b LONGTEXT NOT NULL) ENGINE=InnoDB;\n");
        sql.append("INSERT INTO inv.blobs SELECT n, REPEAT(MD5(n), 2200) FROM inv.seed;\n");
        if (zip8) {
            appendZip(sql, "zip8", 8);
        }
        if (zip4) {
            appendZip(sql, "zip4", 4);
        }
        return sql.toString();
    }

    private static void appendZip(StringBuilder sql, String table, int kb) {
        sql.append("CREATE TABLE inv.").append(table)
                .append(" (id INT PRIMARY KEY, k INT NOT NULL, s VARCHAR(100) NOT NULL, b TEXT NULL, KEY k (k))"
                        + " ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=").append(kb).append(";\n");
        // Every 500th row carries a 22 KB value: off-page, i.e. ZBLOB (5.x, MariaDB) or ZLOB (8.0) pages.
        sql.append("INSERT INTO inv.").append(table)
                .append(" SELECT id, k, s, IF(id % 500 = 0, REPEAT(MD5(id), 700), NULL) FROM inv.big WHERE id < 12000;\n");
    }

    /** Table names in {@code inv} whose .ibd this fixture has. */
    List<String> tables() {
        List<String> t = new ArrayList<>(List.of("seed", "big", "blobs"));
        if (zip8) {
            t.add("zip8");
        }
        if (zip4) {
            t.add("zip4");
        }
        return t;
    }

    boolean compressedTable(String table) {
        return table.startsWith("zip");
    }

    /**
     * Every InnoDB file of the datadir, as the spaces salvage reads: the system tablespace (ibdata1 and
     * ibdata2 together), every .ibd (the test tables, the server's own mysql/*.ibd, 8.0's mysql.ibd) and
     * every undo tablespace. Temporary tablespaces (ibtmp1) are left out: the server recreates them.
     */
    static List<List<Path>> spaces(GeneratedDatadir dd) throws IOException {
        Path dir = dd.datadir();
        List<List<Path>> spaces = new ArrayList<>();
        List<Path> system = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = p.getFileName().toString();
                if (name.matches("ibdata\\d+")) {
                    system.add(p);
                } else if (name.endsWith(".ibd") || name.matches("undo_?\\d+")) {
                    spaces.add(List.of(p));
                }
            }
        }
        system.sort(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString().substring(6))));
        spaces.add(0, system);
        return spaces;
    }
}
