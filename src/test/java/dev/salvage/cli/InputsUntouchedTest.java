package dev.salvage.cli;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.myisam.MyisamCheckOnRealServersTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Salvage opens its inputs read-only: after every command, each input file has the same bytes and the
 * same modification time, and no file appeared next to the inputs.
 */
@RealServer
class InputsUntouchedTest {

    private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

    @Test
    void everyCommandLeavesItsInputsAsTheyWere(@TempDir Path tmp) throws Exception {
        Path inputs = tmp.resolve("inputs");
        Files.createDirectories(inputs);
        try (Stream<Path> files = Files.list(Path.of("examples/mariadb-10.11/shop"))) {
            for (Path f : files.toList()) {
                Files.copy(f, inputs.resolve(f.getFileName().toString()));
            }
        }
        GeneratedDatadir myisam = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        for (String ext : new String[] {".MYI", ".MYD"}) {
            myisam.copyFileTo("m/dy" + ext, inputs);
        }
        try (Stream<Path> files = Files.list(inputs)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, OLD);
            }
        }
        Map<String, String> before = snapshot(inputs);

        String ibd = inputs.resolve("customers.ibd").toString();
        List<String[]> commands = List.of(
                new String[] {"pages", "--no-progress", ibd, inputs.resolve("products.ibd").toString()},
                new String[] {"pages", "--no-progress", "--json", ibd},
                new String[] {"carve", "--no-progress", "--out", tmp.resolve("carved").toString(), ibd},
                new String[] {"rows", "--ddl", inputs.resolve("schema.sql").toString(), "--out",
                        tmp.resolve("rows").toString(), ibd, inputs.resolve("orders.ibd").toString()},
                new String[] {"myisam", "check", inputs.resolve("dy.MYI").toString()});
        for (String[] command : commands) {
            CliRun run = CliRun.of(command);
            assertThat(run.status()).as("%s: %s", String.join(" ", command), run.err()).isIn(ExitCode.CLEAN, ExitCode.PROBLEMS);
            assertThat(snapshot(inputs)).as("inputs after %s", command[0]).isEqualTo(before);
        }
    }

    /** File name → SHA-256 and modification time, for every file in the folder. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), sha256(f) + " " + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
