package dev.salvage.check;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables altered by instant ADD (and, on MariaDB, DROP) COLUMN hold leaf records of several layouts: no false
 * alarm, the clustered index is counted (not parsed) and says so, the secondary index is checked in full.
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
        assertThat(check.table("ci.t").get("findings").toString()).contains("instant ALTER TABLE");
    }
}
