package dev.salvage.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ROW_FORMAT=COMPRESSED tables (KEY_BLOCK_SIZE=8 and 4) from each server: every index is walked through the
 * zip pages and checks out (as the server's CHECK TABLE … EXTENDED says), with the server's COUNT(*) as each
 * index's entry count and the dictionary's index ids and roots; a zeroed clustered leaf in a copy is named by
 * page, between its neighbours.
 */
@RealServer
class CheckCompressedOnRealServersTest {

    private static final int ROWS = 60_000;
    private static final Map<String, Integer> ZIP_SIZE = Map.of("z8", 8192, "z4", 4096);
    private static final List<String> INDEXES = List.of("PRIMARY", "u_b", "k_a");

    /** 60,000 rows from a cross join of digits (ten-thousands digit below 6), copied into the 4K table. */
    private static final String SETUP = """
            CREATE DATABASE cz;
            CREATE TABLE cz.digits (d INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
            INSERT INTO cz.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
            CREATE TABLE cz.z8 (
              id INT NOT NULL PRIMARY KEY,
              a INT NOT NULL,
              b VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
              c VARCHAR(60) NULL,
              KEY k_a (a),
              UNIQUE KEY u_b (b)
            ) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;
            INSERT INTO cz.z8 (id, a, b, c)
              SELECT n, n % 997, CONCAT('Nämé-', LPAD(n, 6, '0'), '-', LEFT(MD5(n), 8)),
                     IF(n % 5 = 0, NULL, REPEAT(LEFT(MD5(n), 6), 1 + n % 9))
              FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                    FROM cz.digits a, cz.digits b, cz.digits c, cz.digits e, cz.digits f
                    WHERE f.d < 6) s;
            CREATE TABLE cz.z4 LIKE cz.z8;
            ALTER TABLE cz.z4 KEY_BLOCK_SIZE=4;
            INSERT INTO cz.z4 SELECT * FROM cz.z8;
            """;

    private static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("count_z8", "SELECT COUNT(*) AS n FROM cz.z8");
        q.put("count_z4", "SELECT COUNT(*) AS n FROM cz.z4");
        q.put("check_z8", "CHECK TABLE cz.z8 EXTENDED");
        q.put("check_z4", "CHECK TABLE cz.z4 EXTENDED");
        q.put("ddl_z4", "SHOW CREATE TABLE cz.z4");
        q.put("indexes", Datadirs.indexesQuery(kind, "cz/%"));
        return Datadirs.get(kind, SETUP, q);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void compressedTablesCheckOutAndAZeroedLeafIsNamed(ServerKind kind, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = datadir(kind);
        assertThat(dd.truth("ddl_z4").rows().get(0).get(1)).contains("KEY_BLOCK_SIZE=4");
        ResultTable indexes = dd.truth("indexes");
        for (String table : ZIP_SIZE.keySet()) {
            String name = "cz." + table;
            CheckJson check = CheckJson.run(dd.file("cz/" + table + ".ibd").toString());
            assertThat(check.status()).as(check.out()).isZero();
            assertThat(check.errors(name)).as(check.out()).isEmpty();
            assertThat(check.table(name).get("status").asText()).isEqualTo("OK");
            assertThat(dd.truth("check_" + table).column("Msg_text")).as("the server agrees").containsExactly("OK");
            long count = Long.parseLong(dd.truth("count_" + table).column("n").get(0));
            assertThat(count).isEqualTo(ROWS);
            for (String index : INDEXES) {
                JsonNode i = check.index(name, index);
                assertThat(i.get("entries").asLong()).as(kind + " " + name + " " + index).isEqualTo(count);
                assertThat(i.get("index_id").asLong()).isEqualTo(CheckJson.indexId(indexes, "cz/" + table, index));
                assertThat(i.get("root_page").asLong()).isEqualTo(CheckJson.rootPage(indexes, "cz/" + table, index));
                assertThat(i.get("ok").asBoolean()).isTrue();
            }
            assertThat(check.index(name, "PRIMARY").get("height").asInt()).as("multi-level clustered tree")
                    .isGreaterThanOrEqualTo(2);
            assertThat(check.index(name, "PRIMARY").get("order_checked").asBoolean()).isTrue();
            assertThat(check.index(name, "u_b").get("order_checked").asBoolean()).isTrue();
            assertThat(check.index(name, "k_a").get("order_checked").asBoolean()).isTrue();

            zeroedLeafIsNamed(dd, temp.resolve(table), table, CheckJson.indexId(indexes, "cz/" + table, "PRIMARY"));
        }
    }

    /** Zeroes a clustered leaf in the middle of the chain of a copy; check names it between its neighbours. */
    private static void zeroedLeafIsNamed(GeneratedDatadir dd, Path dir, String table, long primary)
            throws Exception {
        Path db = Files.createDirectories(dir.resolve("cz"));
        Path frm = dd.file("cz/" + table + ".frm");
        if (Files.exists(frm)) {
            Files.copy(frm, db.resolve(table + ".frm"));
        }
        Path ibd = Files.copy(dd.file("cz/" + table + ".ibd"), db.resolve(table + ".ibd"));
        int zip = ZIP_SIZE.get(table);
        long victim;
        long left;
        long right;
        try (RandomAccessFile f = new RandomAccessFile(ibd.toFile(), "rw")) {
            List<Long> leaves = new ArrayList<>();
            byte[] page = new byte[zip];
            // The FIL header and the index page header stay uncompressed on a zip page.
            for (long p = 0; p < f.length() / zip; p++) {
                f.seek(p * zip);
                f.readFully(page);
                IndexPageHeader h = IndexPageHeader.read(page, 0);
                if (Mach.read2(page, Fil.PAGE_TYPE) == 17855 && h.indexId() == primary && h.level() == 0) {
                    leaves.add(p);
                }
            }
            assertThat(leaves).hasSizeGreaterThan(10);
            victim = leaves.get(leaves.size() / 2);
            f.seek(victim * zip);
            f.readFully(page);
            left = Mach.read4(page, Fil.PAGE_PREV);
            right = Mach.read4(page, Fil.PAGE_NEXT);
            f.seek(victim * zip);
            f.write(new byte[zip]);
        }
        String name = "cz." + table;
        CheckJson check = CheckJson.run(ibd.toString());
        assertThat(check.status()).as(check.out()).isEqualTo(1);
        assertThat(check.table(name).get("status").asText()).isEqualTo("Corrupt");
        List<JsonNode> unreadable = check.errors(name, "unreadable_page");
        assertThat(unreadable).as(check.out()).hasSize(1);
        assertThat(unreadable.get(0).get("page").asLong()).isEqualTo(victim);
        assertThat(unreadable.get(0).get("index").asText()).isEqualTo("PRIMARY");
        assertThat(unreadable.get(0).get("message").asText())
                .contains("all zeros").contains("missing between page " + left + " and page " + right);
        assertThat(check.index(name, "PRIMARY").get("entries").asLong()).isLessThan(ROWS);
    }
}
