package dev.salvage.harness;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One real server process with its own datadir, loopback port and unix socket. Start it with
 * {@link #start(ServerKind, ServerOptions)}; {@link #close()} always stops the process it started (by its
 * handle, never by name) and removes the temporary directories it created.
 *
 * <p>Fixed settings on top of {@link ServerOptions}: {@code --no-defaults}, {@code --user=root},
 * {@code --bind-address=127.0.0.1}, time zone {@code +00:00} (so TIMESTAMP values print in UTC),
 * {@code local_infile=1}, 16 MB redo log files, {@code secure_file_priv} = {@link #filesDir()};
 * MySQL also {@code performance_schema=OFF}; MySQL 8.0 also {@code mysql_native_password},
 * {@code mysqlx=OFF} and no binary log.
 */
public final class TestServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(300);
    private static final String REQUIRE_ENV = "SALVAGE_REQUIRE_SERVERS";
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A test JVM that dies without closing its servers must not leave them running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "salvage-test-server-reaper"));
    }

    private final ServerKind kind;
    private final ServerOptions options;
    private final ServerDistribution distribution;
    private final Path runtimeDir;
    private final Path datadir;
    private final boolean ownsDatadir;
    private final Timings timings = new Timings();
    private Process process;
    private int port;
    private Connection connection;
    private final List<Connection> extraConnections = new ArrayList<>();

    private TestServer(ServerKind kind, ServerOptions options, ServerDistribution distribution, Path runtimeDir,
            Path datadir, boolean ownsDatadir) {
        this.kind = kind;
        this.options = options;
        this.distribution = distribution;
        this.runtimeDir = runtimeDir;
        this.datadir = datadir;
        this.ownsDatadir = ownsDatadir;
    }

    /** Time spent in each phase, in milliseconds (0 when the phase has not happened). */
    public static final class Timings {
        volatile long initMillis;
        volatile long startMillis;
        volatile long shutdownMillis;

        public long initMillis() {
            return initMillis;
        }

        public long startMillis() {
            return startMillis;
        }

        public long shutdownMillis() {
            return shutdownMillis;
        }

        @Override
        public String toString() {
            return "init " + initMillis + " ms, start " + startMillis + " ms, shutdown " + shutdownMillis + " ms";
        }
    }

    /**
     * Skips the calling test (JUnit assumption) when this server cannot run on this machine, with the reason.
     * With the environment variable {@code SALVAGE_REQUIRE_SERVERS=1} (set by scripts/test, i.e. in CI) it
     * fails instead, so a broken machine cannot pass by skipping everything.
     */
    public static ServerDistribution assumeAvailable(ServerKind kind) {
        ServerDistribution.Availability availability = ServerDistribution.probe(kind);
        if (!availability.available()) {
            String require = System.getenv(REQUIRE_ENV);
            if (require != null && !require.isBlank() && !require.equals("0")) {
                throw new IllegalStateException(REQUIRE_ENV + " is set but " + availability.unavailableReason());
            }
            Assumptions.abort(availability.unavailableReason());
        }
        return availability.distribution();
    }

    /** Initialises a fresh datadir in a temporary directory (deleted by {@link #close()}) and starts the server. */
    public static TestServer start(ServerKind kind, ServerOptions options) throws IOException {
        ServerDistribution dist = assumeAvailable(kind);
        options.requireSupportedBy(kind);
        Path runtime = createRuntimeDir();
        return launch(kind, options, dist, runtime, runtime.resolve("data"), true);
    }

    /**
     * Starts the server on {@code datadir}, initialising it first when it does not exist or is empty. The
     * datadir is left in place by {@link #close()}. To start on a cached generated datadir, copy it first
     * ({@link GeneratedDatadir#copyToTemp()}): the cache is read-only. The options must match those the
     * datadir was initialised with (page size especially).
     */
    public static TestServer start(ServerKind kind, ServerOptions options, Path datadir) throws IOException {
        ServerDistribution dist = assumeAvailable(kind);
        options.requireSupportedBy(kind);
        return launch(kind, options, dist, createRuntimeDir(), datadir.toAbsolutePath(), false);
    }

    private static TestServer launch(ServerKind kind, ServerOptions options, ServerDistribution dist, Path runtime,
            Path datadir, boolean ownsDatadir) throws IOException {
        TestServer server = new TestServer(kind, options, dist, runtime, datadir, ownsDatadir);
        try {
            if (!Files.isDirectory(datadir) || isEmpty(datadir)) {
                server.initialize();
            }
            server.startProcess();
            return server;
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private static Path createRuntimeDir() throws IOException {
        // Unix socket paths are limited to ~107 bytes, so keep the socket directory short.
        Path tmp = Files.isDirectory(Paths.get("/tmp")) ? Paths.get("/tmp") : Paths.get(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(tmp, "salvage-srv-");
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("tmp"));
        return dir;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    public ServerKind kind() {
        return kind;
    }

    public ServerOptions options() {
        return options;
    }

    public Path datadir() {
        return datadir;
    }

    public int port() {
        return port;
    }

    public Path socket() {
        return runtimeDir.resolve("mysqld.sock");
    }

    /** secure_file_priv: where {@code SELECT ... INTO OUTFILE} may write and {@code LOAD DATA INFILE} read. */
    public Path filesDir() {
        return runtimeDir.resolve("files");
    }

    /** The server's error log (initialisation output is in {@code init.log} beside it). */
    public Path serverLog() {
        return runtimeDir.resolve("server.log");
    }

    Path initLog() {
        return runtimeDir.resolve("init.log");
    }

    /** The server's PID, or -1 when it is not running. */
    public long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Timings timings() {
        return timings;
    }

    /** JDBC URL for MariaDB Connector/J, as root without password, multi-statement scripts allowed. */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&allowMultiQueries=true&allowLocalInfile=true"
                + "&connectTimeout=5000";
    }

    /** The server's shared connection (opened when the server became ready; closed by shutdown/close). */
    public Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl());
        }
        return connection;
    }

    /** A further connection, e.g. to hold a read view open; closed with the server. */
    public Connection newConnection() throws SQLException {
        Connection extra = DriverManager.getConnection(jdbcUrl());
        extraConnections.add(extra);
        return extra;
    }

    /** Runs one statement or a script of several separated by ';' (no DELIMITER support). */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            boolean hasResult = statement.execute(sql);
            // Drain every result so errors in later statements of a script surface here.
            while (hasResult || statement.getUpdateCount() != -1) {
                hasResult = statement.getMoreResults();
            }
        }
    }

    /** Runs a script file (UTF-8), like {@link #execute}. */
    public void runScript(Path file) throws IOException, SQLException {
        execute(Files.readString(file));
    }

    /** Rows of a query as strings, {@code null} for NULL. */
    public List<List<String>> query(String sql) throws SQLException {
        return queryTable(sql).rows();
    }

    /** A query's column labels and rows. */
    public ResultTable queryTable(String sql) throws SQLException {
        try (Statement statement = connection().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return new ResultTable(columns, rows);
        }
    }

    /** A single value (first column of the first row), or null when there is no row. */
    public String queryValue(String sql) throws SQLException {
        List<List<String>> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /**
     * Slow shutdown ({@code innodb_fast_shutdown=0}, then {@code SHUTDOWN}) and waits for the process to
     * exit: afterwards the data files hold everything (purge and change buffer merge done, nothing left
     * only in the redo log).
     */
    public void shutdownClean() throws SQLException {
        if (!isRunning()) {
            throw new IllegalStateException(kind + " is not running");
        }
        long begin = System.nanoTime();
        execute("SET GLOBAL innodb_fast_shutdown=0");
        try (Statement statement = connection().createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // The server may drop the connection before answering; the process exit below is what counts.
        }
        closeConnections();
        waitForExit(SHUTDOWN_TIMEOUT);
        timings.shutdownMillis = (System.nanoTime() - begin) / 1_000_000;
    }

    /** SIGKILL to the server process (a crash: whatever is only in memory or the redo log stays there). */
    public void kill9() {
        closeConnectionsQuietly();
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(60));
        }
    }

    /** Stops the process if it still runs and deletes the temporary directories this server created. */
    @Override
    public void close() {
        closeConnectionsQuietly();
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the server's own orderly (fast) shutdown
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(60, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (process != null) {
            LIVE.remove(process);
        }
        FileTrees.deleteQuietly(runtimeDir);
        if (ownsDatadir) {
            FileTrees.deleteQuietly(datadir);
        }
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
                throw new IllegalStateException(kind + " (pid " + process.pid() + ") did not exit within " + timeout
                        + "; killed. Log tail:\n" + FileTrees.tail(serverLog(), 4000));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + kind + " to exit", e);
        } finally {
            LIVE.remove(process);
        }
    }

    private void closeConnections() throws SQLException {
        for (Connection extra : extraConnections) {
            extra.close();
        }
        extraConnections.clear();
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void closeConnectionsQuietly() {
        try {
            closeConnections();
        } catch (SQLException | RuntimeException ignored) {
            // The server may be gone already; nothing to release then.
        }
        extraConnections.clear();
        connection = null;
    }

    private void initialize() throws IOException {
        long begin = System.nanoTime();
        Files.createDirectories(datadir.getParent());
        List<String> command;
        if (kind == ServerKind.MARIADB_10_11) {
            command = new ArrayList<>(List.of(distribution.mariadbInstallDb().toString(), "--no-defaults",
                    "--datadir=" + datadir, "--user=root", "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
        } else {
            command = distribution.command(List.of("--no-defaults", "--initialize-insecure", "--user=root",
                    "--basedir=" + distribution.basedir().orElseThrow(), "--datadir=" + datadir));
            if (kind == ServerKind.MYSQL_8_0) {
                command.add("--default-authentication-plugin=mysql_native_password");
            }
        }
        command.addAll(innodbArgs());
        command.add(tmpdirArg());
        command.addAll(options.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(command);
        distribution.configure(builder);
        try {
            String output = ServerDistribution.runProcess(builder, 300);
            Files.writeString(initLog(), output);
        } catch (IOException e) {
            Files.writeString(initLog(), String.valueOf(e.getMessage()));
            throw new IOException("initialising " + kind + " datadir " + datadir + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while initialising " + kind, e);
        }
        timings.initMillis = (System.nanoTime() - begin) / 1_000_000;
    }

    /**
     * A temporary directory of this server's own: servers sharing /tmp clash on the names of their
     * internal temporary tables ("#sql-temptable-PID-…"), which made mariadb-install-db fail at random.
     */
    private String tmpdirArg() throws IOException {
        Path tmp = runtimeDir.resolve("tmp");
        Files.createDirectories(tmp);
        return "--tmpdir=" + tmp;
    }

    /** Settings given both at initialisation and at every start, the harness's first so options can override. */
    private List<String> innodbArgs() {
        List<String> args = new ArrayList<>();
        args.add("--innodb-log-file-size=16M");
        args.addAll(options.innodbArgs());
        return args;
    }

    private void startProcess() throws IOException {
        long begin = System.nanoTime();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freeLoopbackPort();
            try {
                launchAndWait();
                timings.startMillis = (System.nanoTime() - begin) / 1_000_000;
                return;
            } catch (IOException e) {
                last = e;
                String log = FileTrees.tail(serverLog(), 8000);
                // Another process may have taken the port between our probe and the server's bind.
                if (!log.contains("already in use") && !log.contains("Can't start server: Bind")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private void launchAndWait() throws IOException {
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--user=root", "--datadir=" + datadir,
                "--socket=" + socket(), "--port=" + port, "--bind-address=127.0.0.1",
                "--pid-file=" + runtimeDir.resolve("mysqld.pid"), "--log-error=" + serverLog(),
                "--default-time-zone=+00:00", "--local-infile=1", "--secure-file-priv=" + filesDir(), tmpdirArg()));
        if (kind.isMysql()) {
            args.add("--basedir=" + distribution.basedir().orElseThrow());
            args.add("--performance-schema=OFF");
        }
        if (kind == ServerKind.MYSQL_8_0) {
            args.addAll(List.of("--default-authentication-plugin=mysql_native_password", "--mysqlx=OFF",
                    "--skip-log-bin"));
        }
        args.addAll(innodbArgs());
        args.addAll(options.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(distribution.command(args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runtimeDir.resolve("console.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        distribution.configure(builder);
        process = builder.start();
        LIVE.add(process);
        waitUntilReady();
    }

    private void waitUntilReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IOException(kind + " exited with " + process.exitValue() + " during startup. Log tail:\n"
                        + FileTrees.tail(serverLog(), 4000) + FileTrees.tail(runtimeDir.resolve("console.log"), 2000));
            }
            try {
                connection = DriverManager.getConnection(jdbcUrl());
                return;
            } catch (SQLException e) {
                lastError = e;
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IOException(kind + " not ready within " + READY_TIMEOUT + " (last error: " + lastError
                + "). Log tail:\n" + FileTrees.tail(serverLog(), 4000));
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return kind + " pid " + pid() + " port " + port + " datadir " + datadir;
    }
}
