package dev.salvage.carve;

import dev.salvage.cli.ExitCode;
import dev.salvage.cli.SalvageCommand;
import dev.salvage.harness.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's contract on damaged and odd inputs and options: statuses and messages, never a stack trace. */
class CarveCommandTest {

    private Path work;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createTempDirectory("carve-cli-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.deleteQuietly(work);
    }

    private int run(String... args) {
        CommandLine cl = SalvageCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "carve";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void emptyFileCompletesAndSaysNoPageWasFound() throws IOException {
        Path empty = Files.createFile(work.resolve("empty.img"));
        assertThat(run("--no-progress", "--out", work.resolve("o").toString(), empty.toString())).isEqualTo(ExitCode.CLEAN);
        assertThat(out.toString()).contains("No InnoDB pages found");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void zerosCompleteWithNoPageAndJsonSummary() throws IOException {
        Path zeros = work.resolve("zeros.img");
        Files.write(zeros, new byte[3 << 20]);
        assertThat(run("--no-progress", "--json", "--out", work.resolve("o").toString(), zeros.toString()))
                .isEqualTo(ExitCode.CLEAN);
        assertThat(out.toString()).contains("\"pagesFound\" : 0").contains("\"bytesScanned\" : " + (3 << 20));
    }

    @Test
    void directoryAndMissingInputsAreUnreadable() {
        assertThat(run("--out", work.resolve("o").toString(), work.toString())).isEqualTo(ExitCode.UNREADABLE);
        assertThat(err.toString()).contains("is a directory").doesNotContain("at dev.salvage");
        assertThat(run("--out", work.resolve("o2").toString(), work.resolve("nope.img").toString()))
                .isEqualTo(ExitCode.UNREADABLE);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void strideMustBeAMultipleOf512() throws IOException {
        Path f = Files.write(work.resolve("f"), new byte[4096]);
        assertThat(run("--stride", "1000", "--out", work.resolve("o").toString(), f.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("multiple of 512");
        assertThat(run("--stride", "0", "--out", work.resolve("o").toString(), f.toString())).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void nonEmptyOutNeedsForceAndForceReplacesOnlyEarlierResults() throws IOException {
        Path f = Files.write(work.resolve("f"), new byte[4096]);
        Path o = Files.createDirectories(work.resolve("o"));
        Files.writeString(o.resolve("notes.txt"), "mine");
        Files.createDirectories(o.resolve("FIL_PAGE_INDEX"));
        Files.writeString(o.resolve("FIL_PAGE_INDEX/0000000000000001.page"), "stale");
        assertThat(run("--out", o.toString(), f.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("not empty");
        assertThat(run("--force", "--no-progress", "--out", o.toString(), f.toString())).isEqualTo(ExitCode.CLEAN);
        assertThat(o.resolve("notes.txt")).hasContent("mine");
        assertThat(o.resolve("FIL_PAGE_INDEX")).doesNotExist();
        assertThat(o.resolve("manifest.json")).exists();
    }

    @Test
    void refusesToWriteWhereTheInputLives() throws IOException {
        Path o = Files.createDirectories(work.resolve("o"));
        Path f = Files.write(o.resolve("disk.img"), new byte[4096]);
        assertThat(run("--force", "--out", o.toString(), f.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(f).exists();
    }
}
