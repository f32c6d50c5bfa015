package dev.salvage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.sdi.SdiFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code salvage schema} on the .ibd files MySQL 8.0.15 wrote (see {@link SdiFixtures}): the printed CREATE
 * TABLE equals the server's SHOW CREATE TABLE (differences in {@link SchemaDdlCompare}), and the printed
 * index ids and root pages equal INNODB_INDEXES.
 */
@RealServer
class SchemaSdiCommandTest {

    private static final Pattern INDEX_LINE = Pattern.compile(
            "(?m)^-- index (\\S+)(?: partition (\\S+))?(?: \\(hidden\\))?: id (\\d+), root page (-?\\d+), space (\\d+)(?: \\(no B-tree of its own\\))?$");
    private static GeneratedDatadir datadir;

    @BeforeAll
    static void datadir() throws Exception {
        datadir = SdiFixtures.datadir();
    }

    @ParameterizedTest
    @ValueSource(strings = {"types", "strs", "nokey", "parts#P#p0", "parent", "child", "ft", "opts", "hparts#P#p0",
            "lparts#P#a", "keys", "zip"})
    void ddlEqualsShowCreateTable(String file) {
        String table = file.replaceAll("#.*", "");
        CliRun run = CliRun.of("schema", datadir.file("s/" + file + ".ibd").toString());

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("-- table s." + table + " from ");
        TableDef actual = SchemaDdlCompare.parseOne(ServerDialect.MYSQL_8_0, SchemaDdlCompare.ddlOf(run.out()));
        TableDef expected = SchemaDdlCompare.expected(ServerDialect.MYSQL_8_0, SdiFixtures.showCreate(datadir, table));
        assertThat(actual.columns()).containsExactlyElementsOf(expected.columns());
        assertThat(actual.indexes()).containsExactlyElementsOf(expected.indexes());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void indexIdsAndRootPagesEqualInnodbIndexes() {
        CliRun run = CliRun.of("schema", datadir.file("s").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();

        List<String> printed = new ArrayList<>();
        Matcher m = INDEX_LINE.matcher(run.out());
        while (m.find()) {
            if (m.group(2) == null) {
                printed.add(m.group(1) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5));
            }
        }
        ResultTable truth = datadir.truth("indexes");
        List<String> expected = new ArrayList<>();
        for (List<String> row : truth.rows()) {
            expected.add(row.get(1) + " " + row.get(2) + " " + row.get(3) + " " + row.get(4));
        }
        assertThat(printed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(run.out()).contains("-- table id 1059, space id 2".replace("1059", truth.rows().stream()
                .filter(r -> r.get(0).equals("s/types")).findFirst().orElseThrow().get(5)));
    }

    /**
     * INNODB_INDEXES of 8.0.15 does not list the partitions' indexes, so the partition ids are checked against
     * the files: the root page of each index carries that index's id in its page header.
     */
    @Test
    void partitionRootPagesCarryTheirIndexIds() throws Exception {
        CliRun run = CliRun.of("schema", datadir.file("s/parts#P#p0.ibd").toString());
        Matcher m = INDEX_LINE.matcher(run.out());
        int checked = 0;
        while (m.find()) {
            Path file = datadir.file("s/parts#P#" + m.group(2) + ".ibd");
            byte[] page = new byte[16384];
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(Long.parseLong(m.group(4)) * page.length);
                in.readFully(page);
            }
            assertThat(Mach.read8(page, IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID))
                    .as(m.group()).isEqualTo(Long.parseLong(m.group(3)));
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void aLaterPartitionSaysItsSdiHoldsNoTable() {
        CliRun run = CliRun.of("schema", datadir.file("s/parts#P#p1.ibd").toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("its SDI describes no table").doesNotContain("CREATE TABLE");
    }

    @Test
    void jsonListsTablesWithIdsAndDdl() throws Exception {
        CliRun run = CliRun.of("schema", "--json", datadir.file("s").toString());
        assertThat(run.status()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        List<String> names = new ArrayList<>();
        doc.path("tables").forEach(t -> names.add(t.path("schema").asText() + "." + t.path("name").asText()));
        assertThat(names).filteredOn(n -> !n.startsWith("s.fts_")).containsExactly("s.child", "s.ft", "s.hparts",
                "s.keys", "s.lparts", "s.nokey", "s.opts", "s.parent", "s.parts", "s.strs", "s.types", "s.zip");
        assertThat(names).filteredOn(n -> n.startsWith("s.fts_")).hasSize(11);
        JsonNode types = doc.path("tables").get(names.indexOf("s.types"));
        assertThat(types.path("indexes").get(0).path("name").asText()).isEqualTo("PRIMARY");
        assertThat(types.path("indexes").get(0).path("root_page").asLong()).isEqualTo(4);
        assertThat(types.path("ddl").asText()).startsWith("CREATE TABLE `types`");
    }

    @Test
    void sdiPrintsTheRawObjectsLikeIbd2sdi() throws Exception {
        CliRun run = CliRun.of("schema", "--sdi", datadir.file("s/types.ibd").toString());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get(0).asText()).isEqualTo("ibd2sdi");
        assertThat(doc).hasSize(3);
        assertThat(doc.get(1).path("type").asInt()).isEqualTo(1);
        assertThat(doc.get(1).path("object").path("dd_object").path("name").asText()).isEqualTo("types");
        assertThat(doc.get(2).path("object").path("dd_object_type").asText()).isEqualTo("Tablespace");
    }

    @Test
    void ddlOutWritesOneFilePerTableAndNeverOverwrites(@TempDir Path out) throws Exception {
        Path dir = out.resolve("ddl");
        CliRun run = CliRun.of("schema", "--ddl-out", dir.toString(), datadir.file("s").toString());
        assertThat(run.status()).isZero();
        try (var files = Files.list(dir.resolve("s"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("child.sql", "ft.sql", "hparts.sql", "keys.sql", "lparts.sql", "nokey.sql",
                            "opts.sql", "parent.sql", "parts.sql", "strs.sql", "types.sql", "zip.sql");
        }
        assertThat(Files.readString(dir.resolve("s/strs.sql"))).startsWith("CREATE TABLE `strs`").endsWith(";\n");

        CliRun again = CliRun.of("schema", "--ddl-out", dir.toString(), datadir.file("s").toString());
        assertThat(again.status()).isEqualTo(ExitCode.USAGE);
    }

    /** Every table of the whole datadir (mysql.ibd's dictionary and system tables too) gives DDL that reads back. */
    @Test
    void everyTableOfTheDatadirGivesReadableDdl() throws Exception {
        CliRun run = CliRun.of("schema", "--json", datadir.datadir().toString());
        assertThat(run.status()).as(run.out()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        int tables = 0;
        for (JsonNode table : doc.path("tables")) {
            if (table.path("engine_hidden").asBoolean()) {
                continue;
            }
            var parsed = new dev.salvage.schema.DdlParser(ServerDialect.MYSQL_8_0).parse(table.path("ddl").asText());
            assertThat(parsed.hasFatalProblems()).as("%s\n%s", parsed.problems(), table.path("ddl").asText()).isFalse();
            assertThat(parsed.tables()).hasSize(1);
            tables++;
        }
        assertThat(tables).isGreaterThan(60);
    }

    @Test
    void mysqlIbdIsReadWholeAndListsTheDictionaryTables() {
        CliRun run = CliRun.of("schema", "--json", datadir.file("mysql.ibd").toString());
        assertThat(run.out()).contains("\"name\" : \"user\"").contains("\"schema\" : \"mysql\"");
    }
}
