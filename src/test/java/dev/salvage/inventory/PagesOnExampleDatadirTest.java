package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.cli.CliRun;
import dev.salvage.cli.ExitCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salvage pages} on the example data directory: the directory stands for its tablespace files, and
 * ibdata1 — cut to its first 128 pages of the 576 the server had given it (examples/mariadb-10.11/
 * server.properties) — is reported as cut short by 448 pages.
 */
class PagesOnExampleDatadirTest {

    private static final Path EXAMPLE = Path.of("examples/mariadb-10.11");

    @Test
    void theCutIbdata1IsReportedWithItsMissingPages() throws Exception {
        assertThat(Files.readString(EXAMPLE.resolve("server.properties"))).contains("ibdata1_bytes=9437184");
        CliRun run = CliRun.of("pages", "--no-progress", EXAMPLE.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out())
                .contains("ibdata1: 128 pages of 16K")
                .contains("cut short: page 0 says the space has 576 pages (FSP_SIZE), the file holds 128:"
                        + " 448 pages missing (pages 128–575)")
                .contains("verdict: PROBLEMS (file cut short, 448 pages missing;")
                .contains("customers.ibd:").contains("orders.ibd:").contains("products.ibd:").contains("reviews.ibd:")
                .doesNotContain("not given, though in the same folder");
        // Only ibdata1 is short: the .ibd files hold what their page 0 declares.
        assertThat(run.out().split("cut short:", -1)).hasSize(2);

        CliRun json = CliRun.of("pages", "--no-progress", "--json", EXAMPLE.toString());
        assertThat(json.status()).isEqualTo(ExitCode.PROBLEMS);
        JsonNode spaces = new ObjectMapper().readTree(json.out()).get("spaces");
        assertThat(spaces).hasSize(5);
        List<String> shortSpaces = new ArrayList<>();
        for (JsonNode space : spaces) {
            assertThat(space.get("declared_pages").isNumber()).as(space.get("file").asText()).isTrue();
            if (space.get("cut_short").asBoolean()) {
                shortSpaces.add(space.get("file").asText() + " " + space.get("missing_pages").asLong());
            }
        }
        assertThat(shortSpaces).containsExactly("ibdata1 448");
    }

    @Test
    void aDirectoryWithoutTablespaceFilesIsUnreadable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        CliRun run = CliRun.of("pages", "--no-progress", dir.toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("is a directory with no tablespace file in it");
    }
}
