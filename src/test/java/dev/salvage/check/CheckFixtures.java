package dev.salvage.check;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tables {@code salvage check} is proven on, written by each real server: 200,000 rows with a
 * multi-level clustered tree, a composite primary key, secondary keys on integers, utf8mb4_general_ci text
 * (unique), binary and utf8mb4_bin text. Rows come from a cross join of a digits table, which every server
 * runs in a few seconds. Cached by the harness, so only the first run pays for generation.
 */
final class CheckFixtures {

    static final int ROWS = 200_000;

    private CheckFixtures() {
    }

    static final String SETUP = """
            CREATE DATABASE ck;
            CREATE TABLE ck.digits (d INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
            INSERT INTO ck.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
            CREATE TABLE ck.t (
              id INT NOT NULL PRIMARY KEY,
              a INT NOT NULL,
              b VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
              c VARBINARY(16) NULL,
              d DATETIME NOT NULL,
              KEY k_a (a),
              UNIQUE KEY u_b (b),
              KEY k_ca (c, a)
            ) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
            INSERT INTO ck.t (id, a, b, c, d)
              SELECT n, n % 1000, CONCAT('Name-', LPAD(n, 7, '0'), '-', LEFT(MD5(n), 8)),
                     IF(n % 7 = 0, NULL, UNHEX(MD5(n))), '2020-01-01 00:00:00' + INTERVAL n SECOND
              FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n
                    FROM ck.digits a, ck.digits b, ck.digits c, ck.digits e, ck.digits f, ck.digits g
                    WHERE g.d < 2) s;
            CREATE TABLE ck.comp (
              g INT NOT NULL,
              h BIGINT NOT NULL,
              v VARCHAR(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
              PRIMARY KEY (g, h),
              KEY k_v (v)
            ) ENGINE=InnoDB ROW_FORMAT=COMPACT;
            INSERT INTO ck.comp (g, h, v)
              SELECT id % 97, id * 1000003, IF(id % 11 = 0, NULL, CONCAT('v', id % 5000)) FROM ck.t;
            """;

    static Map<String, String> truthQueries(ServerKind kind) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("count_t", "SELECT COUNT(*) AS n FROM ck.t");
        q.put("count_comp", "SELECT COUNT(*) AS n FROM ck.comp");
        q.put("ddl_t", "SHOW CREATE TABLE ck.t");
        q.put("ddl_comp", "SHOW CREATE TABLE ck.comp");
        q.put("check_t", "CHECK TABLE ck.t EXTENDED");
        q.put("check_comp", "CHECK TABLE ck.comp EXTENDED");
        q.put("indexes", Datadirs.indexesQuery(kind, "ck/%"));
        return q;
    }

    static GeneratedDatadir datadir(ServerKind kind) throws IOException, SQLException {
        return Datadirs.get(kind, SETUP, truthQueries(kind));
    }
}
