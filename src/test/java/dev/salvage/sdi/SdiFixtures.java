package dev.salvage.sdi;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MySQL 8.0 datadir whose tables exercise the SDI: many types, defaults, charsets, unique / composite /
 * descending / prefix keys, generated columns, a partitioned table and a table without a key. SHOW CREATE
 * TABLE of each is a truth query named after the table; {@code indexes} lists INNODB_INDEXES of the schema.
 */
public final class SdiFixtures {

    public static final List<String> TABLES = List.of("types", "parts", "nokey", "strs", "parent", "child", "ft",
            "opts", "hparts", "lparts", "keys", "zip");

    static final String SETUP = String.join(";\n",
            "CREATE DATABASE s",
            "CREATE TABLE s.types (id INT NOT NULL AUTO_INCREMENT, ti TINYINT UNSIGNED, si SMALLINT NOT NULL DEFAULT 5,"
                    + " mi MEDIUMINT ZEROFILL, bi BIGINT UNSIGNED NOT NULL DEFAULT 0, d DECIMAL(10,3) DEFAULT '1.500',"
                    + " f FLOAT, db DOUBLE(8,2), bt BIT(5) DEFAULT b'101', y YEAR, dt DATE DEFAULT '2020-01-02',"
                    + " tm TIME(3), dtm DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
                    + " ts TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                    + " c CHAR(10) CHARACTER SET latin1, vc VARCHAR(100) NOT NULL DEFAULT 'x''y',"
                    + " vb VARBINARY(20), bn BINARY(4), tx TEXT, bl BLOB, mt MEDIUMTEXT COLLATE utf8mb4_bin,"
                    + " lt LONGBLOB, e ENUM('a','b''c') DEFAULT 'a', st SET('x','y') NOT NULL, j JSON, g GEOMETRY,"
                    + " pt POINT NOT NULL SRID 0, gen INT GENERATED ALWAYS AS (si * 2) VIRTUAL,"
                    + " gens VARCHAR(20) GENERATED ALWAYS AS (concat(vc,'!')) STORED,"
                    + " com INT COMMENT 'a comment',"
                    + " PRIMARY KEY (id), UNIQUE KEY u_vc (vc), KEY k_multi (si, dtm DESC), KEY k_prefix (tx(10)),"
                    + " KEY k_gen (gen), SPATIAL KEY k_pt (pt)) ENGINE=InnoDB COMMENT='all types'",
            "INSERT INTO s.types (si, st, pt) VALUES (1, 'x', POINT(1,2))",
            "CREATE TABLE s.parts (id INT NOT NULL, v VARCHAR(10), PRIMARY KEY (id), KEY k_v (v))"
                    + " PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE)",
            "CREATE TABLE s.nokey (a INT, b VARCHAR(5)) DEFAULT CHARSET=latin1",
            "CREATE TABLE s.strs (a VARCHAR(10) CHARACTER SET utf8 COLLATE utf8_bin NOT NULL, b CHAR(3) CHARACTER SET ascii,"
                    + " c TEXT CHARACTER SET latin1 COLLATE latin1_german2_ci, PRIMARY KEY (a(5), b)) ROW_FORMAT=COMPACT"
                    + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
            "CREATE TABLE s.parent (id INT PRIMARY KEY, code CHAR(2) NOT NULL, UNIQUE KEY u_code (code))",
            "CREATE TABLE s.child (id INT PRIMARY KEY, pid INT, code CHAR(2), KEY k_pid (pid),"
                    + " CONSTRAINT fk_pid FOREIGN KEY (pid) REFERENCES s.parent (id) ON DELETE CASCADE,"
                    + " CONSTRAINT fk_code FOREIGN KEY (code) REFERENCES s.parent (code) ON UPDATE SET NULL)",
            "CREATE TABLE s.ft (id INT PRIMARY KEY, t TEXT, FULLTEXT KEY ft_t (t))",
            "CREATE TABLE s.opts (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY) STATS_PERSISTENT=0"
                    + " MAX_ROWS=1000 CHECKSUM=1",
            "CREATE TABLE s.hparts (id INT, d DATE) PARTITION BY HASH (id) PARTITIONS 3",
            "CREATE TABLE s.lparts (id INT, c INT) PARTITION BY LIST (c) (PARTITION a VALUES IN (1,2),"
                    + " PARTITION b VALUES IN (3))",
            "CREATE TABLE s.`keys` (id INT PRIMARY KEY, v INT, w VARBINARY(300), KEY k_v (v) INVISIBLE,"
                    + " KEY k_c (v) COMMENT 'idx comment', KEY k_w (w(7)))",
            "CREATE TABLE s.zip (id INT PRIMARY KEY, v VARCHAR(10)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8");

    private SdiFixtures() {
    }

    public static GeneratedDatadir datadir() throws Exception {
        Map<String, String> truth = new LinkedHashMap<>();
        for (String table : TABLES) {
            truth.put(table, "SHOW CREATE TABLE s.`" + table + "`");
        }
        truth.put("indexes", "SELECT t.NAME AS tname, i.NAME AS iname, i.INDEX_ID, i.PAGE_NO, i.SPACE, t.TABLE_ID"
                + " FROM information_schema.INNODB_INDEXES i JOIN information_schema.INNODB_TABLES t"
                + " ON t.TABLE_ID = i.TABLE_ID WHERE t.NAME LIKE 's/%' ORDER BY t.NAME, i.INDEX_ID");
        return Datadirs.get(ServerKind.MYSQL_8_0, SETUP, truth);
    }

    /** The server's own SHOW CREATE TABLE text of one table. */
    public static String showCreate(GeneratedDatadir datadir, String table) {
        return datadir.truth(table).rows().get(0).get(1);
    }
}
