package dev.salvage.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A datadir that a real server wrote and shut down cleanly, cached under {@code target/datadirs/}, with the
 * results of the truth queries run just before shutdown. <b>Read-only</b>: copy it
 * ({@link #copyToTemp()}, {@link #copyFileToTemp(String)}) before damaging or restarting anything.
 *
 * <p>Cache entry layout: {@code datadir/} (the server's files), {@code truth/<name>.tsv}, {@code setup.sql},
 * {@code server.log} (init output and error log), {@code build.properties} (options, timings), {@code done}.
 *
 * @param root    the cache entry directory
 * @param kind    the server that wrote it
 * @param options the options it ran with
 * @param truth   truth query results by name, in the order they were given
 */
public record GeneratedDatadir(Path root, ServerKind kind, ServerOptions options, Map<String, ResultTable> truth) {

    public GeneratedDatadir {
        truth = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(truth));
    }

    /** The server's datadir. */
    public Path datadir() {
        return root.resolve("datadir");
    }

    /** A file in the datadir, e.g. {@code file("shop/items.ibd")} or {@code file("ibdata1")}. */
    public Path file(String relative) {
        return datadir().resolve(relative);
    }

    /** The result of one truth query; IllegalArgumentException for an unknown name. */
    public ResultTable truth(String name) {
        ResultTable table = truth.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no truth query '" + name + "'; have " + truth.keySet());
        }
        return table;
    }

    /** Initialisation output and the server's error log, for diagnosis. */
    public Path serverLog() {
        return root.resolve("server.log");
    }

    /** Copies the whole datadir into {@code target} (created; must not hold a datadir already). */
    public Path copyTo(Path target) throws IOException {
        FileTrees.copyTree(datadir(), target);
        return target;
    }

    /**
     * Copies the datadir into a new temporary directory; the caller deletes it (e.g. with
     * {@link FileTrees#delete}) or lets JUnit's {@code @TempDir} own it by using {@link #copyTo} instead.
     */
    public Path copyToTemp() throws IOException {
        Path dir = Files.createTempDirectory("salvage-datadir-");
        return copyTo(dir.resolve("datadir"));
    }

    /** Copies one datadir file into a new temporary directory, keeping its name. */
    public Path copyFileToTemp(String relative) throws IOException {
        Path source = file(relative);
        Path dir = Files.createTempDirectory("salvage-file-");
        Path target = dir.resolve(source.getFileName().toString());
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        return target;
    }

    /** Copies one datadir file into {@code targetDir}, keeping its name. */
    public Path copyFileTo(String relative, Path targetDir) throws IOException {
        Path source = file(relative);
        Files.createDirectories(targetDir);
        Path target = targetDir.resolve(source.getFileName().toString());
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
