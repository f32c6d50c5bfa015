package dev.salvage.check;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables altered by instant ADD (and, on MariaDB, DROP) COLUMN hold leaf records of several layouts, and tables
 * MariaDB wrote with mysql56_temporal_format=OFF keep DATETIME/TIME in its older formats: the clustered layout
 * row recovery finds in the file is used, so the clustered leaves are parsed and key-checked like any other's.
 */
@RealServer
class CheckInstantAlterTest {

    private static final String SETUP = """
            CREATE DATABASE ci;
            CREATE TABLE ci.d (d INT NOT NULL PRIMARY KEY);
            INSERT INTO ci.d VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
            CREATE TABLE ci.t (id INT NOT NULL PRIMARY KEY, a VARCHAR(20) NOT NULL, b INT NULL, KEY k_a (a))
              ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
            INSERT INTO ci.t SELECT x.d + 10 * y.d + 100 * z.d, CONCAT('a', x.d * 7 + y.d), z.d
              FROM ci.d x, ci.d y, ci.d z;
            ALTER TABLE ci.t ADD COLUMN c INT NOT NULL DEFAULT 42, ALGORITHM=INSTANT;
            INSERT INTO ci.t (id, a, b, c) SELECT 1000 + x.d + 10 * y.d, 'new', NULL, x.d FROM ci.d x, ci.d y;
            """;

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_8_0"})
    void instantlyAlteredTableChecksOut(ServerKind kind) throws Exception {
        String sql = SETUP + (kind == ServerKind.MARIADB_10_11
                ? "ALTER TABLE ci.t DROP COLUMN b, ALGORITHM=INSTANT;\n" : "");
        GeneratedDatadir dd = Datadirs.get(kind, sql, Map.of("count", "SELECT COUNT(*) AS n FROM ci.t"));
        CheckJson check = CheckJson.run(dd.file("ci/t.ibd").toString());
        assertThat(check.status()).as(check.out()).isZero();
        long rows = Long.parseLong(dd.truth("count").column("n").get(0));
        assertThat(check.index("ci.t", "PRIMARY").get("entries").asLong()).isEqualTo(rows);
        assertThat(check.index("ci.t", "k_a").get("entries").asLong()).isEqualTo(rows);
        // MySQL 8.0's default collation utf8mb4_0900_ai_ci is not reproduced: its order is not checked (a note).
        assertThat(check.index("ci.t", "k_a").get("order_checked").asBoolean())
                .isEqualTo(kind == ServerKind.MARIADB_10_11);
        assertThat(check.index("ci.t", "PRIMARY").get("order_checked").asBoolean()).isTrue();
        assertThat(check.table("ci.t").get("findings").toString()).doesNotContain("instant ALTER TABLE")
                .doesNotContain("not parsed");
    }

    /**
     * Pre-5.6.4 DATETIME (fsp 0) in the primary key, MariaDB's own DATETIME(3)/TIMESTAMP(2)/TIME(2) formats in
     * secondary keys: the records parse under the legacy layout and every key's order is checked.
     */
    @Test
    void legacyTemporalKeysChecksOut() throws Exception {
        String sql = """
                SET GLOBAL mysql56_temporal_format = OFF;
                CREATE DATABASE co;
                CREATE TABLE co.d (d INT NOT NULL PRIMARY KEY);
                INSERT INTO co.d VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                CREATE TABLE co.t (at DATETIME NOT NULL, id INT NOT NULL, t DATETIME(3) NULL, h TIME(2) NOT NULL,
                  s TIMESTAMP(2) NULL, pad VARCHAR(40) NOT NULL, PRIMARY KEY (at, id), KEY k_t (t, s), KEY k_h (h, at))
                  ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
                INSERT INTO co.t SELECT '1999-12-31 23:59:59' - INTERVAL (x.d * 7 + y.d * 131 + z.d * 977) HOUR,
                  x.d + 10 * y.d + 100 * z.d + 1000 * w.d,
                  IF(x.d = 3, NULL, '2020-06-15 13:45:30.123' + INTERVAL (y.d * 10 + z.d - 50) * 3601 SECOND),
                  SEC_TO_TIME((x.d - 5) * 100003 + y.d * 17 + z.d * 0.25),
                  IF(y.d = 4, NULL, FROM_UNIXTIME(1000000000 + w.d * 86400 + z.d * 3600 + x.d * 0.01)), REPEAT('p', 30)
                  FROM co.d x, co.d y, co.d z, co.d w;
                """;
        GeneratedDatadir dd = Datadirs.get(ServerKind.MARIADB_10_11, sql,
                Map.of("count", "SELECT COUNT(*) AS n FROM co.t"));
        CheckJson check = CheckJson.run(dd.file("co/t.ibd").toString());
        assertThat(check.status()).as(check.out()).isZero();
        long rows = Long.parseLong(dd.truth("count").column("n").get(0));
        assertThat(rows).isEqualTo(10_000);
        for (String index : new String[] {"PRIMARY", "k_t", "k_h"}) {
            assertThat(check.index("co.t", index).get("entries").asLong()).as(index).isEqualTo(rows);
            assertThat(check.index("co.t", index).get("order_checked").asBoolean()).as(index).isTrue();
        }
        assertThat(check.index("co.t", "PRIMARY").get("height").asInt()).isGreaterThan(1);
    }
}
