package dev.salvage.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.carve.CarveListener;
import dev.salvage.carve.CarveOptions;
import dev.salvage.carve.CarveReport;
import dev.salvage.carve.CarveResult;
import dev.salvage.carve.Carver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code salvage carve}: find InnoDB pages anywhere in files or disk images. */
@Command(name = "carve",
        description = {"Finds InnoDB pages at every stride offset of any files or raw disk images, for every page size,",
                "and writes them sorted by tablespace and index in undrop-for-innodb's layout",
                "(FIL_PAGE_INDEX/<index id>.page, FIL_PAGE_TYPE_BLOB/<page no>.page), older versions under older/,",
                "and manifest.json with the source offset and the reason each page was accepted.",
                "Pages of several tablespaces also get one carve folder per tablespace, spaces/<space id>-<page size>/."},
        mixinStandardHelpOptions = true,
        footer = {"", "Exit status: 0 scan completed (also when no page was found), 2 usage error, 3 unreadable input."})
public final class CarveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files or disk images (only ever read).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (new or empty).")
    Path out;

    @Option(names = "--stride", paramLabel = "BYTES", description = "Distance between candidate offsets, a multiple of 512 (default ${DEFAULT-VALUE}).")
    int stride = CarveOptions.SECTOR;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--manifest-only", description = {"Write only manifest.json (where each page is, which version is newest, why it was",
            "accepted), not the pages: a survey before spending the disk space."})
    boolean manifestOnly;

    @Option(names = "--force", description = "Write into a non-empty --out (earlier carve results there are replaced).")
    boolean force;

    @Option(names = "--json", description = "Print the summary as one JSON document on stdout.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (stride <= 0 || stride % CarveOptions.SECTOR != 0) {
            throw new SalvageCommand.UsageException("--stride must be a positive multiple of 512, got " + stride);
        }
        if (threads <= 0) {
            throw new SalvageCommand.UsageException("--threads must be positive, got " + threads);
        }
        checkOutputDirectory();
        CarveOptions options = CarveOptions.defaults().withStride(stride).withThreads(threads)
                .withWritePages(!manifestOnly);
        CarveResult result;
        try (ProgressListener progress = new ProgressListener(!noProgress)) {
            result = new Carver(options, progress).carve(inputs, out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            JsonGenerator gen = new JsonFactory().createGenerator(stdout);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.useDefaultPrettyPrinter();
            CarveReport.writeSummary(result, gen);
            gen.flush();
            stdout.println();
        } else {
            stdout.print(CarveReport.text(result));
        }
        stdout.flush();
        return ExitCode.CLEAN;
    }

    /** --out must not hold an input, and must be empty unless --force (then our earlier results go). */
    private void checkOutputDirectory() throws IOException {
        Path outAbs = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().startsWith(outAbs)) {
                throw new SalvageCommand.UsageException("--out " + out + " contains the input " + in
                        + "; carve never writes next to its inputs");
            }
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out)) {
            throw new SalvageCommand.UsageException("--out " + out + " exists and is not a directory");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            boolean empty = !entries.iterator().hasNext();
            if (empty) {
                return;
            }
        }
        if (!force) {
            throw new SalvageCommand.UsageException("--out " + out + " is not empty (use --force to write into it)");
        }
        Carver.removeEarlierResults(out);
    }

    /** Feeds the shared progress bar from the worker threads. */
    private static final class ProgressListener implements CarveListener, AutoCloseable {
        private final boolean wanted;
        private final AtomicLong done = new AtomicLong();
        private volatile Progress bar;

        ProgressListener(boolean wanted) {
            this.wanted = wanted;
        }

        @Override
        public void started(long totalBytes) {
            bar = Progress.start("carve", totalBytes, wanted);
        }

        @Override
        public void scanned(long bytes) {
            Progress b = bar;
            if (b != null) {
                synchronized (this) {
                    b.accept(done.addAndGet(bytes));
                }
            }
        }

        @Override
        public void close() {
            Progress b = bar;
            if (b != null) {
                b.close();
            }
        }
    }
}
