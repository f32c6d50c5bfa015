package dev.salvage.carve;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.io.ByteRange;
import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code salvage carve} as a library: finds InnoDB pages at every stride offset of any files or disk
 * images and writes them out sorted by tablespace, index and type (see {@link OutputLayout}), with a
 * {@code manifest.json} saying where each page came from and why it was accepted.
 *
 * <p>Flow: inputs are opened read-only and cut into ranges of {@link CarveOptions#rangeSize()};
 * worker threads take ranges one after another ({@link RangeScanner}) and collect found pages per
 * range; {@link SpoolOrder} appends them to a spool under {@code out/.carve-spool} in range order, so
 * each group's spool is in input order. When all ranges are done, {@link Finisher} orders each group,
 * marks the newest version of each page and writes the manifest; a group whose spool already is in
 * final order (a plain tablespace file) is renamed into place, so its pages are written only once.
 * The spool is then removed. Memory is the workers' read buffers, at most threads + 1 range batches
 * and one group's metadata at finish time, whatever the input size.
 */
public final class Carver {

    private final CarveOptions options;
    private final CarveListener listener;

    public Carver(CarveOptions options, CarveListener listener) {
        this.options = options;
        this.listener = listener == null ? CarveListener.NONE : listener;
    }

    /**
     * Carves {@code inputs} into {@code out}, which must exist and be empty of earlier results (the
     * caller decides whether to clear it). Throws {@link UnreadableInputException} before writing
     * anything when an input cannot be opened.
     */
    public CarveResult carve(List<Path> inputs, Path out) throws IOException {
        long begin = System.nanoTime();
        List<FileSet> opened = new ArrayList<>();
        try {
            for (Path p : inputs) {
                opened.add(FileSet.open(p));
            }
            Files.createDirectories(out);
            Spool spool = new Spool(out.resolve(OutputLayout.SPOOL_DIR), options.writePages());
            try {
                ScanStats stats = scanAll(opened, spool);
                listener.finishing();
                return finish(inputs, opened, spool, stats, out, begin);
            } finally {
                deleteTree(spool.dir());
            }
        } finally {
            for (FileSet f : opened) {
                f.close();
            }
        }
    }

    private ScanStats scanAll(List<FileSet> inputs, Spool spool) throws IOException {
        long total = inputs.stream().mapToLong(ByteRange::length).sum();
        listener.started(total);
        ScanStats stats = new ScanStats();
        RangeQueue queue = new RangeQueue(inputs, options.rangeSize());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = (int) Math.max(1, Math.min(options.threads(), queue.rangeCount()));
        SpoolOrder order = new SpoolOrder(spool, threads, options.rangeSize());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                RangeScanner scanner = new RangeScanner(options.stride(), order, stats, listener);
                try {
                    while (failure.get() == null) {
                        // The batch first, then the range: the lowest unwritten range always has its batch.
                        SpoolBatch batch = order.acquire();
                        RangeQueue.Range r = queue.next();
                        if (r == null) {
                            order.release(batch);
                            break;
                        }
                        batch.start(r.seq());
                        scanner.scan(r.input(), inputs.get(r.input()), r.start(), r.end(), batch);
                        order.complete(batch);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    order.abort();
                }
            }, "carve-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IOException("carve interrupted", f);
        }
        if (!order.drained()) {
            throw new IllegalStateException("carve: found pages were left unwritten");
        }
        return stats;
    }

    private CarveResult finish(List<Path> paths, List<FileSet> inputs, Spool spool, ScanStats stats, Path out,
                               long begin) throws IOException {
        List<Spool.Group> groups = spool.groups();
        Finisher finisher = new Finisher(out, groups.stream().map(g -> g.key).toList(), options.writePages());
        List<CarveResult.Input> inputInfo = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            inputInfo.add(new CarveResult.Input(paths.get(i).toString(), inputs.get(i).length()));
        }
        Path manifest = out.resolve(OutputLayout.MANIFEST);
        try (JsonGenerator json = Finisher.openManifest(manifest)) {
            json.writeStartObject();
            json.writeStringField("format", "salvage-carve-manifest/1");
            json.writeArrayFieldStart("inputs");
            for (int i = 0; i < inputInfo.size(); i++) {
                json.writeStartObject();
                json.writeNumberField("input", i);
                json.writeStringField("path", inputInfo.get(i).path());
                json.writeNumberField("bytes", inputInfo.get(i).bytes());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("stride", options.stride());
            json.writeBooleanField("pagesWritten", options.writePages());
            json.writeArrayFieldStart("groups");
            for (Spool.Group g : groups) {
                finisher.finishGroup(g, json);
            }
            json.writeEndArray();
            List<String> spaceFolders = options.writePages()
                    ? SpaceFolders.write(out, finisher.indexes(), finisher.layout(), groups.stream().map(g -> g.key).toList())
                    : List.of();
            CarveResult result = new CarveResult(List.copyOf(inputInfo), options.stride(), stats.scanned(),
                    stats.unreadableBytes(), stats.errors(), System.nanoTime() - begin, finisher.pagesFound(),
                    finisher.distinctPages(), finisher.olderVersions(), finisher.bytesCopied(), finisher.byType(), finisher.indexes(),
                    out, manifest, spaceFolders);
            json.writeFieldName("summary");
            CarveReport.writeSummary(result, json);
            json.writeEndObject();
            return result;
        }
    }

    /**
     * Removes what an earlier carve wrote into {@code out} (FIL_PAGE_* directories, older/, the
     * manifest, a left-over spool) and nothing else.
     */
    public static void removeEarlierResults(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (var entries = Files.list(out)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith("FIL_PAGE") || name.equals(OutputLayout.OLDER_DIR)
                        || name.equals(OutputLayout.MANIFEST) || name.equals(OutputLayout.SPOOL_DIR)
                        || name.equals(SpaceFolders.DIR);
                if (ours) {
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(p);
                    } else {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
