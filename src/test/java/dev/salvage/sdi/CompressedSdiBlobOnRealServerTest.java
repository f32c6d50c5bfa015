package dev.salvage.sdi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.CliRun;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.recover.ServerRoundTrip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SDI of a ROW_FORMAT=COMPRESSED MySQL 8.0.15 table that is too large for its compressed SDI page goes
 * off-page as one zlib stream over FIL_PAGE_SDI_ZBLOB pages (type 19). Three such tables, KEY_BLOCK_SIZE=2 (7
 * SDI_ZBLOB pages), 4 (4) and 8 (2), each with 60 columns carrying long comments, long ENUM label lists and
 * three secondary indexes. The MySQL 8.0.15 binaries here ship no ibd2sdi, so the proof goes through the
 * server instead: the JSON holds every comment of the statement, the CREATE TABLE salvage derives from the
 * SDI recreates on a fresh server the same SHOW CREATE TABLE, and {@code salvage rows} without --ddl gives
 * back SELECT. Damaged SDI_ZBLOB pages give findings, never exceptions.
 */
@RealServer
class CompressedSdiBlobOnRealServerTest {

    private static final int COLUMNS = 60;
    private static final int ROWS = 300;
    private static final int ENUM_LABELS = 12;
    private static final String[] TYPES = {"INT", "VARCHAR(24)", "DATE", "DECIMAL(9,2)", "ENUM"};
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
        "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"};
    /** Table name to its KEY_BLOCK_SIZE. */
    private static final Map<String, Integer> TABLES = Map.of("zip2", 2, "zip4", 4, "zip8", 8);
    private static final List<String> NAMES = List.of("zip2", "zip4", "zip8");

    /** Words and numbers drawn at random: text that zlib cannot shrink much, so the SDI outgrows its page. */
    private static String words(Random random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(100000)).append(' ');
        }
        return s.substring(0, length);
    }

    private static String type(int column) {
        return TYPES[column % TYPES.length];
    }

    static String createTable(String name, int keyBlockSize) {
        Random random = new Random(keyBlockSize);
        List<String> defs = new ArrayList<>();
        defs.add("id INT NOT NULL COMMENT '" + words(random, 300) + "'");
        for (int i = 1; i <= COLUMNS; i++) {
            String type = type(i);
            if (type.equals("ENUM")) {
                List<String> labels = new ArrayList<>();
                for (int l = 0; l < ENUM_LABELS; l++) {
                    labels.add("'" + words(random, 30) + l + "'");
                }
                type = "ENUM(" + String.join(",", labels) + ")";
            }
            defs.add("c" + i + " " + type + " COMMENT '" + words(random, 200) + "'");
        }
        defs.add("PRIMARY KEY (id)");
        defs.add("KEY k_a (c1, c2)");
        defs.add("KEY k_b (c3)");
        defs.add("UNIQUE KEY u_c (c6, id)");
        return "CREATE TABLE z." + name + " (" + String.join(", ", defs) + ") ENGINE=InnoDB ROW_FORMAT=COMPRESSED"
                + " KEY_BLOCK_SIZE=" + keyBlockSize + " COMMENT='" + words(random, 600) + "'";
    }

    /** One multi-row INSERT; NULLs by a pattern, ENUMs by their index. */
    static String insert(String name) {
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= ROWS; r++) {
            List<String> values = new ArrayList<>();
            values.add(Integer.toString(r));
            for (int i = 1; i <= COLUMNS; i++) {
                if ((r + i) % 13 == 0) {
                    values.add("NULL");
                    continue;
                }
                values.add(switch (type(i)) {
                    case "INT" -> Integer.toString((r * 7919 + i * 104729) % 2000003 - 1000000);
                    case "VARCHAR(24)" -> "'v" + r + "_" + i + (r % 3 == 0 ? " ž" : "") + "'";
                    case "DATE" -> "'" + LocalDate.of(2020, 1, 1).plusDays((r * 37L + i) % 2000) + "'";
                    case "DECIMAL(9,2)" -> String.format("%d.%02d", (r * 131 + i) % 9999999 - 5000000, (r + i) % 100);
                    default -> Integer.toString(1 + (r + i) % ENUM_LABELS);
                });
            }
            rows.add("(" + String.join(", ", values) + ")");
        }
        return "INSERT INTO z." + name + " VALUES " + String.join(",\n", rows);
    }

    /** SELECT of every column as the server prints it (numbers and dates as text). */
    static String truthSelect(String name) {
        List<String> exprs = new ArrayList<>(List.of("CAST(id AS CHAR)"));
        for (int i = 1; i <= COLUMNS; i++) {
            String type = type(i);
            exprs.add(type.startsWith("VARCHAR") || type.equals("ENUM") ? "c" + i : "CAST(c" + i + " AS CHAR)");
        }
        return "SELECT " + String.join(", ", exprs) + " FROM z." + name;
    }

    static GeneratedDatadir datadir() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE DATABASE z CHARACTER SET utf8mb4;\n");
        Map<String, String> truth = new LinkedHashMap<>();
        for (String name : NAMES) {
            sql.append(createTable(name, TABLES.get(name))).append(";\n").append(insert(name)).append(";\n");
            truth.put(name + ".create", "SHOW CREATE TABLE z." + name);
            truth.put(name + ".rows", truthSelect(name));
        }
        return Datadirs.get(ServerKind.MYSQL_8_0, sql.toString(), truth);
    }

    /** Page numbers of the SDI_ZBLOB pages of a file of {@code zipSize}-byte pages. */
    private static List<Integer> sdiZblobPages(byte[] file, int zipSize) {
        List<Integer> pages = new ArrayList<>();
        for (int p = 0; (p + 1) * zipSize <= file.length; p++) {
            if (((file[p * zipSize + 24] & 0xff) << 8 | file[p * zipSize + 25] & 0xff) == 19) {
                pages.add(p);
            }
        }
        return pages;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip2", "zip4", "zip8"})
    void theOffPageSdiIsReadFromItsSdiZblobChain(String name) throws Exception {
        GeneratedDatadir dd = datadir();
        Path ibd = dd.file("z/" + name + ".ibd");
        int zipSize = TABLES.get(name) * 1024;
        // The file really holds the definition off-page, over more than one page.
        List<Integer> zblobs = sdiZblobPages(Files.readAllBytes(ibd), zipSize);
        assertThat(zblobs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(CliRun.of("pages", ibd.toString()).out()).containsPattern("SDI_ZBLOB \\(19\\) +" + zblobs.size());

        SdiFile sdi = SdiFile.read(ibd);
        assertThat(sdi.findings()).isEmpty();
        assertThat(sdi.tables()).hasSize(1);
        SdiRecord table = sdi.records().stream().filter(r -> r.type() == SdiRecord.TYPE_TABLE).findFirst()
                .orElseThrow();
        JsonNode json = new ObjectMapper().readTree(table.json());
        JsonNode object = json.path("dd_object");
        assertThat(object.path("name").asText()).isEqualTo(name);
        assertThat(object.path("row_format").asInt()).as("ROW_FORMAT_COMPRESSED").isEqualTo(3);
        assertThat(object.path("columns")).hasSize(COLUMNS + 1 + 2); // + DB_TRX_ID, DB_ROLL_PTR
        assertThat(object.path("indexes")).hasSize(4);
        // Every comment of the original statement is in the JSON, in full and in column order.
        Matcher m = Pattern.compile("COMMENT[ =]'([^']*)'")
                .matcher(createTable(name, TABLES.get(name)));
        List<String> written = new ArrayList<>();
        while (m.find()) {
            written.add(m.group(1));
        }
        List<String> read = new ArrayList<>();
        for (JsonNode column : object.path("columns")) {
            if (!column.path("name").asText().startsWith("DB_")) {
                read.add(column.path("comment").asText());
            }
        }
        read.add(object.path("comment").asText());
        assertThat(read).hasSize(COLUMNS + 2).isEqualTo(written);
    }

    @Test
    void theDerivedCreateTableRecreatesTheSameTableOnAFreshServer(@TempDir Path out) throws Exception {
        GeneratedDatadir dd = datadir();
        Path ddl = out.resolve("ddl");
        CliRun run = CliRun.of("schema", "--ddl-out", ddl.toString(), dd.file("z").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        try (TestServer server = TestServer.start(ServerKind.MYSQL_8_0, ServerOptions.defaults())) {
            server.execute("CREATE DATABASE z CHARACTER SET utf8mb4");
            server.execute("USE z");
            for (String name : NAMES) {
                server.execute(Files.readString(ddl.resolve("z/" + name + ".sql")).replaceAll(";\\s*$", ""));
                String original = dd.truth(name + ".create").rows().get(0).get(1);
                assertThat(server.query("SHOW CREATE TABLE z." + name).get(0).get(1)).as(name).isEqualTo(original);
            }
        }
    }

    @Test
    void rowsWithoutDdlEqualSelect(@TempDir Path out) throws Exception {
        GeneratedDatadir dd = datadir();
        CliRun run = CliRun.of("rows", "--out", out.toString(), dd.file("z").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        for (String name : NAMES) {
            assertThat(run.out()).containsPattern("== z/" + name + ": definition from .*\\(sdi\\)");
            List<List<String>> rows = ServerRoundTrip.readTsv(out.resolve("z/" + name + ".tsv"));
            assertThat(rows).hasSize(ROWS);
            ServerRoundTrip.assertSameRows(rows, dd.truth(name + ".rows"), name);
        }
    }

    @Test
    void damagedSdiZblobPagesAreFindingsNeverExceptions(@TempDir Path dir) throws Exception {
        GeneratedDatadir dd = datadir();
        Path file = dd.copyFileTo("z/zip4.ibd", dir);
        byte[] original = Files.readAllBytes(file);
        int zip = 4096;
        List<Integer> zblobs = sdiZblobPages(original, zip);

        // Deflate data overwritten in the middle of the second page of the chain.
        byte[] bytes = original.clone();
        Arrays.fill(bytes, zblobs.get(1) * zip + 1000, zblobs.get(1) * zip + 1100, (byte) 0x5a);
        assertDataUnreadable(file, bytes, "corrupt zlib stream");
        // A page of the chain zeroed (type 0 then).
        bytes = original.clone();
        Arrays.fill(bytes, zblobs.get(2) * zip, (zblobs.get(2) + 1) * zip, (byte) 0);
        assertDataUnreadable(file, bytes, "page type 0");
        // The chain pointing back at its own first page, and far beyond the end of the file.
        for (int next : new int[] {zblobs.get(0), 0x7ffffff0}) {
            bytes = original.clone();
            int at = zblobs.get(1) * zip + 12; // FIL_PAGE_NEXT
            bytes[at] = (byte) (next >>> 24);
            bytes[at + 1] = (byte) (next >>> 16);
            bytes[at + 2] = (byte) (next >>> 8);
            bytes[at + 3] = (byte) next;
            assertDataUnreadable(file, bytes, "");
        }
        // The chain cut short: the second page claims to be the last.
        bytes = original.clone();
        Arrays.fill(bytes, zblobs.get(1) * zip + 12, zblobs.get(1) * zip + 16, (byte) 0xff);
        assertDataUnreadable(file, bytes, "chain ends before the zlib stream");

        // Without its definition the table's rows are reported skipped, not attempted and not thrown.
        CliRun rows = CliRun.of("rows", "--out", dir.resolve("out").toString(), file.toString());
        assertThat(rows.status()).as(rows.out() + rows.err()).isEqualTo(1);
        assertThat(rows.err()).doesNotContain("internal error").doesNotContain("Exception");

        // Random bytes anywhere in the chain: a result every time.
        Random random = new Random(19);
        int unreadable = 0;
        for (int round = 0; round < 200; round++) {
            bytes = original.clone();
            for (int i = 1 + random.nextInt(12); i > 0; i--) {
                int page = zblobs.get(random.nextInt(zblobs.size()));
                bytes[page * zip + random.nextInt(zip)] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            SdiFile sdi = SdiFile.read(file);
            unreadable += sdi.tables().isEmpty() ? 1 : 0;
            assertThat(sdi.tables().isEmpty()).isEqualTo(sdi.findings().stream()
                    .anyMatch(f -> f.code().equals("SDI_DATA_UNREADABLE")));
        }
        assertThat(unreadable).isPositive();
    }

    private static void assertDataUnreadable(Path file, byte[] bytes, String reason) throws IOException {
        Files.write(file, bytes);
        SdiFile sdi = SdiFile.read(file);
        assertThat(sdi.tables()).isEmpty();
        assertThat(sdi.records()).extracting(SdiRecord::type).containsExactly(SdiRecord.TYPE_TABLESPACE);
        assertThat(sdi.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("SDI_DATA_UNREADABLE");
            assertThat(f.message()).contains("off-page data incomplete").contains(reason);
        });
        CliRun schema = CliRun.of("schema", file.toString());
        assertThat(schema.status()).isEqualTo(1);
        assertThat(schema.out()).contains("SDI_DATA_UNREADABLE");
        assertThat(schema.err()).doesNotContain("internal error");
    }
}
