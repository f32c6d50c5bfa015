package dev.salvage.recover;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.TestServer;
import dev.salvage.recover.SakilaSchema.Setup;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code salvage rows} output loaded back: for every sakila-like table, key shape and partitioned table in every
 * row format, the TSV loaded with the generated {@code <table>.load.sql} (the mariadb client over the server's
 * unix socket, {@code --local-infile=1}) into a fresh table on the same server gives the same
 * {@code CHECKSUM TABLE} as the original.
 */
@RealServer
class RowsLoadChecksumTest {

    static Stream<Setup> setups() {
        return SakilaSchema.SETUPS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void loadedTsvHasTheOriginalChecksum(Setup setup, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = SakilaSchema.datadir(setup);
        String server = switch (setup.kind()) {
            case MARIADB_10_11 -> "mariadb";
            case MYSQL_5_7 -> "mysql-5.7";
            case MYSQL_8_0 -> "mysql-8.0";
        };
        // Files are read from the cache (a clean shutdown wrote them); the server runs on a copy.
        try (TestServer live = TestServer.start(setup.kind(), setup.options(), dd.copyTo(temp.resolve("datadir")))) {
            live.execute("CREATE DATABASE fresh");
            List<String> compared = new ArrayList<>();
            for (String format : SakilaSchema.FORMATS) {
                List<String> stems = new ArrayList<>(SakilaSchema.TABLES);
                stems.add(SakilaSchema.PARTITIONED);
                for (String stem : stems) {
                    String name = SakilaSchema.table(stem, format);
                    Path ddl = temp.resolve(name + ".sql");
                    Files.writeString(ddl, dd.truth("ddl_" + name).column("Create Table").get(0));
                    live.execute("CREATE TABLE fresh." + name + " LIKE sk." + name);
                    List<Path> files = new ArrayList<>();
                    if (stem.equals(SakilaSchema.PARTITIONED)) {
                        for (String partition : SakilaSchema.PARTITIONS) {
                            files.add(ServerRoundTrip.partitionFile(dd.file("sk"), name, partition));
                        }
                    } else {
                        files.add(dd.file("sk/" + name + ".ibd"));
                    }
                    for (Path file : files) {
                        Path out = temp.resolve("out-" + file.getFileName());
                        CliRun run = CliRun.of("rows", "--ddl", ddl.toString(), "--server", server, "--out",
                                out.toString(), file.toString());
                        assertThat(run.status()).as("%s: %s %s", file, run.out(), run.err()).isZero();
                        load(live, out.resolve(name + ".load.sql"));
                    }
                    compared.add(name);
                }
            }
            for (String name : compared) {
                assertThat(checksum(live, "fresh." + name)).as("CHECKSUM TABLE %s on %s", name, setup)
                        .isEqualTo(checksum(live, "sk." + name));
            }
            assertThat(compared).hasSize(SakilaSchema.FORMATS.size() * (SakilaSchema.TABLES.size() + 1));
        }
    }

    private static String checksum(TestServer server, String table) throws Exception {
        String value = server.query("CHECKSUM TABLE " + table).get(0).get(1);
        assertThat(value).as("checksum of %s", table).isNotNull();
        return value;
    }

    /** Runs the load script into database {@code fresh} with the mariadb client; only benign warnings allowed. */
    private static void load(TestServer server, Path script) throws Exception {
        Path log = Files.createTempFile("salvage-load", ".log");
        try {
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + server.socket(), "-uroot",
                    "--local-infile=1", "--show-warnings", "fresh")
                    .redirectInput(script.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("client finished").isTrue();
            String output = Files.readString(log);
            assertThat(p.exitValue()).as("client output: %s", output).isZero();
            for (String line : output.strip().lines().filter(l -> !l.isBlank()).toList()) {
                // MySQL 5.7 warns that the script's sql_mode drops NO_AUTO_CREATE_USER; nothing else is expected.
                assertThat(line).as(script.toString()).matches("Warning \\(Code 3090\\): Changing sql mode"
                        + " 'NO_AUTO_CREATE_USER' is deprecated.*");
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
