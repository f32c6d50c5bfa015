package dev.salvage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear line on stderr and the documented exit status, never a stack trace. */
class PagesBadInputTest {

    @TempDir
    Path dir;

    private static void assertOneCleanLine(CliRun run, String expectedFragment) {
        assertThat(run.errLines()).as("stderr: %s", run.err()).hasSize(1);
        assertThat(run.err()).contains(expectedFragment)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    @Test
    void emptyFileIsUnreadable() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.ibd"));
        CliRun run = CliRun.of("pages", "--no-progress", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertOneCleanLine(run, "empty file");
    }

    @Test
    void directoryIsUnreadable() {
        CliRun run = CliRun.of("pages", "--no-progress", dir.toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertOneCleanLine(run, "is a directory");
    }

    @Test
    void missingFileIsUnreadable() {
        CliRun run = CliRun.of("pages", "--no-progress", dir.resolve("nope.ibd").toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertOneCleanLine(run, "no such file");
    }

    @Test
    void smallTextFileIsNotInnodb() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a tablespace\n");
        CliRun run = CliRun.of("pages", "--no-progress", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertOneCleanLine(run, "smaller than the smallest InnoDB page");
    }

    @Test
    void randomBytesAreNotInnodb() throws IOException {
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        Path f = Files.write(dir.resolve("random.ibd"), bytes);
        CliRun run = CliRun.of("pages", "--no-progress", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.UNREADABLE);
        assertOneCleanLine(run, "not an InnoDB tablespace");
    }

    @Test
    void forcedPageSizeOnRandomBytesReportsEveryPageBad() throws IOException {
        byte[] bytes = new byte[4 * 16384];
        new Random(7).nextBytes(bytes);
        Path f = Files.write(dir.resolve("random.ibd"), bytes);
        CliRun run = CliRun.of("pages", "--no-progress", "--page-size", "16k", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out()).contains("4 of 4 pages are not sound");
    }

    @Test
    void unsupportedPageSizeIsAUsageError() throws IOException {
        Path f = Files.write(dir.resolve("x.ibd"), new byte[16384]);
        CliRun run = CliRun.of("pages", "--page-size", "3k", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.USAGE);
        assertOneCleanLine(run, "--page-size must be 4k, 8k, 16k, 32k or 64k");
        assertThat(CliRun.of("pages", "--page-size", "16k", "--zip-size", "32k", f.toString()).status())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("pages", "--frobnicate", "x.ibd");
        assertThat(run.status()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown option").doesNotContain("Exception");
    }

    @Test
    void helpVersionAndCompletionWork() {
        assertThat(CliRun.of("--help").status()).isZero();
        CliRun version = CliRun.of("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("salvage ");
        CliRun completion = CliRun.of("generate-completion");
        assertThat(completion.status()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("pages").contains("carve");
    }
}
