package dev.salvage.harness;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Generates datadirs with a real server and caches them under {@code target/datadirs/<kind>-<hash>/}, keyed
 * by everything that shapes their content (server kind, options, setup SQL, truth queries, harness format).
 *
 * <pre>{@code
 * GeneratedDatadir dd = Datadirs.get(ServerKind.MYSQL_8_0, ServerOptions.defaults(),
 *         "CREATE DATABASE t; CREATE TABLE t.a (id INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO t.a VALUES (1,'x')",
 *         Map.of("rows", "SELECT id, v FROM t.a ORDER BY id"));
 * Path ibd = dd.file("t/a.ibd");   ResultTable rows = dd.truth("rows");
 * }</pre>
 */
public final class Datadirs {

    /** Bump when the harness changes what it writes into a cache entry or how the server runs. */
    private static final String FORMAT_VERSION = "1";
    private static final String DONE = "done";
    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Map<String, Object> IN_JVM_LOCKS = new ConcurrentHashMap<>();

    private Datadirs() {
    }

    /**
     * The cached datadir for these inputs, generating it when missing: start a fresh server, run
     * {@code setupSql} (statements separated by ';'), run each truth query and save its result, shut down
     * with {@code innodb_fast_shutdown=0}. Skips the calling test when the server cannot run here
     * (see {@link TestServer#assumeAvailable}).
     *
     * @param truthQueries name to SQL; names may use letters, digits, '_', '-', '.'; use a LinkedHashMap to
     *                     keep an order (only the order of {@link GeneratedDatadir#truth()} depends on it)
     */
    public static GeneratedDatadir get(ServerKind kind, ServerOptions options, String setupSql,
            Map<String, String> truthQueries) throws IOException, SQLException {
        TestServer.assumeAvailable(kind);
        options.requireSupportedBy(kind);
        for (String name : truthQueries.keySet()) {
            if (!QUERY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("truth query name '" + name + "' must match " + QUERY_NAME);
            }
        }
        Map<String, String> queries = new LinkedHashMap<>(truthQueries);
        String key = kind.dirName() + "-" + hash(kind, options, setupSql, queries);
        Path cache = ProjectPaths.datadirCacheDir();
        Path entry = cache.resolve(key);
        Object jvmLock = IN_JVM_LOCKS.computeIfAbsent(key, k -> new Object());
        synchronized (jvmLock) {
            if (isComplete(entry)) {
                return load(entry, kind, options, queries);
            }
            Files.createDirectories(cache);
            // A file lock keeps two test JVMs from building the same entry at once (wasted minutes on 2 cores).
            try (FileChannel lockFile = FileChannel.open(cache.resolve("." + key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (!isComplete(entry)) {
                    // No 'done' marker: a half-built entry from an interrupted run; never trust it.
                    FileTrees.delete(entry);
                    build(entry, kind, options, setupSql, queries);
                }
            }
            return load(entry, kind, options, queries);
        }
    }

    /** As {@link #get(ServerKind, ServerOptions, String, Map)} with default options. */
    public static GeneratedDatadir get(ServerKind kind, String setupSql, Map<String, String> truthQueries)
            throws IOException, SQLException {
        return get(kind, ServerOptions.defaults(), setupSql, truthQueries);
    }

    /**
     * Truth query listing the user tables' space ids, table ids and names, for whichever dictionary view
     * this server has (INNODB_SYS_TABLES on 5.7 and MariaDB, INNODB_TABLES on 8.0);
     * {@code namePattern} is a LIKE pattern on the "db/table" name, e.g. {@code "shop/%"}.
     */
    public static String tablesQuery(ServerKind kind, String namePattern) {
        String view = kind == ServerKind.MYSQL_8_0 ? "INNODB_TABLES" : "INNODB_SYS_TABLES";
        return "SELECT TABLE_ID, NAME, SPACE, FLAG, N_COLS, ROW_FORMAT FROM information_schema." + view
                + " WHERE NAME LIKE '" + namePattern.replace("'", "''") + "' ORDER BY NAME";
    }

    /**
     * Truth query listing the indexes of the matching tables: index id, name, table name, type, number of
     * fields, root page and space (INNODB_SYS_INDEXES on 5.7 and MariaDB, INNODB_INDEXES on 8.0).
     */
    public static String indexesQuery(ServerKind kind, String namePattern) {
        String suffix = kind == ServerKind.MYSQL_8_0 ? "" : "SYS_";
        return "SELECT i.INDEX_ID, t.NAME AS TABLE_NAME, i.NAME AS INDEX_NAME, i.TYPE, i.N_FIELDS, i.PAGE_NO,"
                + " i.SPACE FROM information_schema.INNODB_" + suffix + "INDEXES i"
                + " JOIN information_schema.INNODB_" + suffix + "TABLES t ON t.TABLE_ID = i.TABLE_ID"
                + " WHERE t.NAME LIKE '" + namePattern.replace("'", "''") + "' ORDER BY t.NAME, i.INDEX_ID";
    }

    private static boolean isComplete(Path entry) {
        return Files.isRegularFile(entry.resolve(DONE));
    }

    private static void build(Path entry, ServerKind kind, ServerOptions options, String setupSql,
            Map<String, String> queries) throws IOException, SQLException {
        Path staging = Files.createTempDirectory(entry.getParent(), "." + entry.getFileName() + "-building-");
        Path datadir = staging.resolve("datadir");
        Path truthDir = Files.createDirectories(staging.resolve("truth"));
        Files.writeString(staging.resolve("setup.sql"), setupSql);
        long begin = System.nanoTime();
        TestServer server = null;
        try {
            server = TestServer.start(kind, options, datadir);
            long setupBegin = System.nanoTime();
            server.execute(setupSql);
            long setupMillis = (System.nanoTime() - setupBegin) / 1_000_000;
            for (Map.Entry<String, String> query : queries.entrySet()) {
                server.queryTable(query.getValue()).writeTsv(truthDir.resolve(query.getKey() + ".tsv"));
            }
            String version = server.queryValue("SELECT VERSION()");
            server.shutdownClean();
            writeLog(server, staging);
            // The socket and pid files live outside the datadir; nothing else needs removing.
            Properties build = new Properties();
            build.setProperty("kind", kind.name());
            build.setProperty("version", version);
            build.setProperty("options", options.toString());
            build.setProperty("initMillis", Long.toString(server.timings().initMillis()));
            build.setProperty("startMillis", Long.toString(server.timings().startMillis()));
            build.setProperty("setupMillis", Long.toString(setupMillis));
            build.setProperty("shutdownMillis", Long.toString(server.timings().shutdownMillis()));
            build.setProperty("totalMillis", Long.toString((System.nanoTime() - begin) / 1_000_000));
            try (var out = Files.newBufferedWriter(staging.resolve("build.properties"))) {
                build.store(out, "generated by dev.salvage.harness.Datadirs");
            }
            Files.writeString(staging.resolve(DONE), "ok\n");
            try {
                Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename within " + entry.getParent(), e);
            } catch (FileSystemException e) {
                // Only reachable if someone bypassed the lock; rename(2) onto a non-empty directory is ENOTEMPTY.
                if (!isComplete(entry)) {
                    throw new IOException(entry + " appeared half-built while we were building it", e);
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            if (server != null) {
                writeLogQuietly(server, staging);
            }
            throw e;
        } finally {
            if (server != null) {
                server.close();
            }
            FileTrees.deleteQuietly(staging);
        }
    }

    private static void writeLog(TestServer server, Path dir) throws IOException {
        // Small on purpose: enough to see why a server complained, not a full history.
        String text = "== initialisation (tail)\n" + FileTrees.tail(server.initLog(), 16 * 1024)
                + "\n== server error log (tail)\n" + FileTrees.tail(server.serverLog(), 48 * 1024);
        Files.writeString(dir.resolve("server.log"), text, StandardCharsets.UTF_8);
    }

    private static void writeLogQuietly(TestServer server, Path dir) {
        try {
            writeLog(server, dir);
        } catch (IOException | RuntimeException ignored) {
            // Diagnosis only; the original failure is what the caller needs.
        }
    }

    private static GeneratedDatadir load(Path entry, ServerKind kind, ServerOptions options,
            Map<String, String> queries) throws IOException {
        Map<String, ResultTable> truth = new LinkedHashMap<>();
        for (String name : queries.keySet()) {
            truth.put(name, ResultTable.readTsv(entry.resolve("truth").resolve(name + ".tsv")));
        }
        return new GeneratedDatadir(entry, kind, options, truth);
    }

    static String hash(ServerKind kind, ServerOptions options, String setupSql, Map<String, String> queries) {
        StringBuilder text = new StringBuilder("format=" + FORMAT_VERSION + "\nkind=" + kind.name() + "\n");
        text.append(options.cacheKey()).append("setup=").append(setupSql.length()).append(':').append(setupSql);
        for (Map.Entry<String, String> query : queries.entrySet()) {
            text.append("\nquery ").append(query.getKey()).append('=').append(query.getValue().length()).append(':')
                    .append(query.getValue());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
