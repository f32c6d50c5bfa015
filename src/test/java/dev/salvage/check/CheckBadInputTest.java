package dev.salvage.check;

import dev.salvage.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs that are no tablespace at all: a one-line message and status 3, or findings; never a stack trace. */
class CheckBadInputTest {

    @Test
    void emptyFileIsUnreadable(@TempDir Path temp) throws Exception {
        Path f = Files.write(temp.resolve("t.ibd"), new byte[0]);
        CliRun run = CliRun.of("check", f.toString());
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.errLines()).hasSize(1).first().asString().contains("empty file");
    }

    @Test
    void randomBytesAreUnreadable(@TempDir Path temp) throws Exception {
        byte[] noise = new byte[16384 * 8];
        new Random(5).nextBytes(noise);
        Path f = Files.write(temp.resolve("t.ibd"), noise);
        CliRun run = CliRun.of("check", f.toString());
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("internal error");
    }

    @Test
    void missingFileAndFolderThatIsNoCarveOutput(@TempDir Path temp) throws Exception {
        assertThat(CliRun.of("check", temp.resolve("nope.ibd").toString()).status()).isEqualTo(3);
        CliRun empty = CliRun.of("check", temp.toString());
        assertThat(empty.status()).isEqualTo(3);
        assertThat(empty.err()).contains("no tablespace found");
    }

    @Test
    void badOptionIsAUsageError() {
        assertThat(CliRun.of("check", "--server", "oracle", "x.ibd").status()).isEqualTo(2);
    }
}
