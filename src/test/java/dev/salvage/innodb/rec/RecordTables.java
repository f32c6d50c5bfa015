package dev.salvage.innodb.rec;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real-server fixture for the record layer: one table {@code (id INT PRIMARY KEY, a VARCHAR(20) NULL,
 * b INT NULL, t TEXT)} per row format, 20000 rows each (enough for a two-level tree), NULLs in every
 * nullable column, TEXT values of 0/767/768/8000/20000 bytes and some deleted rows (on the free list
 * after the slow shutdown's purge).
 */
final class RecordTables {

    static final List<String> FORMATS = List.of("redundant", "compact", "dynamic");
    /** Rows whose TEXT is taken from recs.big, by id: these lengths straddle the off-page thresholds. */
    static final Map<Integer, Integer> BIG_TEXT_BY_ID = Map.of(101, 0, 102, 767, 103, 768, 104, 8000, 105, 20000);

    private RecordTables() {
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE recs;
                SET SESSION group_concat_max_len = 1000000;
                CREATE TABLE recs.seq (n INT PRIMARY KEY) ENGINE=InnoDB;
                INSERT INTO recs.seq VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                CREATE TABLE recs.big (len INT PRIMARY KEY, v MEDIUMTEXT) ENGINE=InnoDB DEFAULT CHARSET=latin1;
                INSERT INTO recs.big SELECT l.len, SUBSTRING(g.s, 1, l.len) FROM
                  (SELECT GROUP_CONCAT(MD5(a.n + 10 * b.n + 100 * c.n) ORDER BY a.n + 10 * b.n + 100 * c.n SEPARATOR '') AS s
                   FROM recs.seq a, recs.seq b, recs.seq c) g,
                  (SELECT 0 AS len UNION ALL SELECT 767 UNION ALL SELECT 768 UNION ALL SELECT 8000 UNION ALL SELECT 20000) l;
                """);
        for (String format : FORMATS) {
            String t = "recs.t_" + format;
            sql.append("CREATE TABLE ").append(t).append(" (id INT PRIMARY KEY, a VARCHAR(20) NULL, b INT NULL, t TEXT)"
                    + " ENGINE=InnoDB ROW_FORMAT=").append(format.toUpperCase()).append(" DEFAULT CHARSET=latin1;\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT x.id,"
                    + " CASE WHEN x.id % 7 = 0 THEN NULL WHEN x.id % 13 = 0 THEN '' ELSE CONCAT('v', x.id, '-', REPEAT('x', x.id % 9)) END,"
                    + " CASE WHEN x.id % 5 = 0 THEN NULL ELSE (x.id * 104729) % 2000003 - 1000000 END,"
                    + " CASE WHEN x.id % 11 = 0 THEN NULL ELSE REPEAT(CHAR(97 + x.id % 26), x.id % 40) END"
                    + " FROM (SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n AS id"
                    + " FROM recs.seq a, recs.seq b, recs.seq c, recs.seq d, recs.seq e WHERE e.n < 2) x;\n");
            sql.append("UPDATE ").append(t).append(" r, recs.big g SET r.t = g.v WHERE (r.id % 1000 = 0 AND g.len = 20000)");
            BIG_TEXT_BY_ID.forEach((id, len) -> sql.append(" OR (r.id = ").append(id).append(" AND g.len = ").append(len).append(')'));
            sql.append(";\n");
            sql.append("DELETE FROM ").append(t).append(" WHERE id BETWEEN 500 AND 520 OR id = 3000;\n");
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries(ServerKind kind) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String format : FORMATS) {
            queries.put("rows_" + format, "SELECT id, a, b, LENGTH(t) AS tlen, MD5(t) AS tmd5 FROM recs.t_" + format
                    + " ORDER BY id");
        }
        queries.put("big", "SELECT len, v FROM recs.big ORDER BY len");
        queries.put("indexes", Datadirs.indexesQuery(kind, "recs/t\\_%"));
        queries.put("settings", "SELECT @@innodb_page_size AS page_size");
        return queries;
    }

    static GeneratedDatadir get(ServerKind kind) throws IOException, SQLException {
        return Datadirs.get(kind, setupSql(), truthQueries(kind));
    }
}
