package dev.salvage.myisam;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.FileTrees;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import dev.salvage.out.RowValue;
import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 6's incident on a real MariaDB: a server killed with SIGKILL while multi-row INSERTs run into a MyISAM
 * table under {@code delay_key_write=ALL}, so the .MYD holds rows that the .MYI state and key blocks never heard
 * of. {@code check} must name each problem that {@code myisamchk -e} names, and {@code rows} must give at least
 * every row {@code myisamchk -r} keeps.
 */
@RealServer
class MyisamCrashOnRealServerTest {
    private static final Path MYISAMCHK = Path.of("/usr/bin/myisamchk");
    private static Path crashed;

    @BeforeAll
    static void crashServer() throws Exception {
        crashed = Files.createTempDirectory("salvage-myisam-crash-");
        try (TestServer server = TestServer.start(ServerKind.MARIADB_10_11, ServerOptions.defaults())) {
            server.execute("SET GLOBAL delay_key_write=ALL");
            server.execute("CREATE DATABASE k");
            server.execute("CREATE TABLE k.t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(60) NOT NULL,"
                    + " n INT, t TEXT, KEY kv(v), KEY kn(n)) ENGINE=MyISAM");
            server.execute("INSERT INTO k.t (v, n, t) SELECT CONCAT('base', seq), seq % 17, REPEAT('b', seq % 40)"
                    + " FROM k.seq_1_to_300");
            server.execute("FLUSH TABLES");
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
                    for (int batch = 0; !stop.get(); batch++) {
                        StringBuilder sql = new StringBuilder("INSERT INTO k.t (v, n, t) VALUES ");
                        for (int i = 0; i < 40; i++) {
                            int x = batch * 40 + i;
                            sql.append(i == 0 ? "" : ",").append("('w").append(x * 7919 % 10007).append("',")
                                    .append(x % 23).append(",REPEAT('x',").append(x % 90).append("))");
                        }
                        st.execute(sql.toString());
                    }
                } catch (Exception expected) {
                    // The server went away under the writer: that is the crash.
                }
            });
            writer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline
                    && Long.parseLong(server.queryValue("SELECT COUNT(*) FROM k.t")) < 4000) {
                Thread.sleep(20);
            }
            server.kill9();
            stop.set(true);
            writer.join(30_000);
            Path db = crashed.resolve("k");
            Files.createDirectories(db);
            for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
                Files.copy(server.datadir().resolve("k/t" + ext), db.resolve("t" + ext));
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (crashed != null) {
            FileTrees.deleteQuietly(crashed);
        }
    }

    private static Path table() {
        return crashed.resolve("k/t");
    }

    @Test
    void checkNamesWhatMyisamchkNames() throws Exception {
        CheckResult r = MyisamCheck.check(MyisamTable.resolve(table()).get(0));
        List<String> messages = r.findings().stream().map(MyisamFinding::message).toList();
        assertThat(r.ok()).isFalse();
        long found = r.data().records();
        long stale = r.myi().state().records();
        System.out.println("salvage check:\n" + String.join("\n", messages));
        assertThat(found).as("rows in the .MYD").isGreaterThanOrEqualTo(stale);
        assertThat(messages).anyMatch(m -> m.matches("\\d+ clients? (is|are) using or (hasn't|haven't) closed the"
                + " table properly"));
        if (found != stale) {
            assertThat(messages).contains("Record-count is not ok; is " + found + "   Should be: " + stale);
        }
        // The key trees on disk stop where the last flush left them: every newer record lacks its keys.
        for (int key = 1; key <= 3; key++) {
            String wording = String.format("Can't find key for index: %2d", key);
            String count = "(key " + key + ")";
            assertThat(messages).as("key " + key).anyMatch(m -> m.startsWith("Found ") && m.endsWith(count)
                    || m.endsWith(wording));
        }

        Output chk = myisamchk(table(), "-e", "--read-only");
        assertThat(chk.status()).isNotZero();
        // myisamchk stops at its first error per phase; each error it names must be among salvage's findings.
        Matcher count = Pattern.compile("Record-count is not ok; is\\s+(\\d+)\\s+Should be: (\\d+)").matcher(chk.out());
        if (count.find()) {
            assertThat(Long.parseLong(count.group(1))).isEqualTo(found);
            assertThat(Long.parseLong(count.group(2))).isEqualTo(stale);
        }
        Matcher missing = Pattern.compile("Record at:\\s+(\\d+)\\s+Can't find key for index:\\s+(\\d+)")
                .matcher(chk.out());
        while (missing.find()) {
            String ours = String.format("Record at: %10d  Can't find key for index: %2d",
                    Long.parseLong(missing.group(1)), Integer.parseInt(missing.group(2)));
            assertThat(messages).as(chk.out()).contains(ours);
        }
        if (chk.out().contains("clients are using or haven't closed the table properly")) {
            assertThat(messages).anyMatch(m -> m.contains("clients are using or haven't closed the table properly"));
        }
        assertThat(chk.out()).as("myisamchk must see the damage too").containsAnyOf("Record-count is not ok",
                "Can't find key for index", "Found ", "error");
    }

    @Test
    void rowsKeepEveryRowMyisamchkRepairKeeps() throws Exception {
        Set<String> ours = rows(table());
        Path repaired = Files.createTempDirectory("salvage-myisamchk-r-");
        try {
            Path db = repaired.resolve("k");
            Files.createDirectories(db);
            for (String ext : new String[] {".frm", ".MYI", ".MYD"}) {
                Files.copy(table().resolveSibling("t" + ext), db.resolve("t" + ext));
            }
            Output r = myisamchk(db.resolve("t"), "-r");
            assertThat(r.status()).as(r.out()).isZero();
            CheckResult after = MyisamCheck.check(MyisamTable.resolve(db.resolve("t")).get(0));
            assertThat(after.ok()).as("myisamchk -r leaves a consistent table: " + after.findings()).isTrue();
            Set<String> theirs = rows(db.resolve("t"));
            assertThat(theirs).isNotEmpty();
            assertThat(ours).containsAll(theirs);
            assertThat(ours.size()).isGreaterThanOrEqualTo(theirs.size());
        } finally {
            FileTrees.deleteQuietly(repaired);
        }
    }

    @Test
    void excludeKeyLeavesOutTheNamedRows() throws Exception {
        Path out = Files.createTempDirectory("salvage-exclude-");
        try {
            Set<String> all = rows(table());
            // The third record: ids 1, 2, 3 start the file, so its offset is where the check's scan saw it.
            long third = thirdRecordOffset();
            Path keys = Files.writeString(out.resolve("keys.txt"), "# known-bad keys\nkv=base12\n@" + third + "\n");
            CliRun run = CliRun.of("myisam", "rows", "--out", out.resolve("o").toString(), "--exclude-key",
                    "PRIMARY=7", "--exclude-keys-from", keys.toString(), table().toString());
            assertThat(run.out()).contains("left out by --exclude-key PRIMARY=7: 1 rows",
                    "left out by --exclude-key kv=base12: 1 rows", "left out by --exclude-key @" + third + ": 1 rows");
            List<String> lines = Files.readAllLines(out.resolve("o/t.tsv"));
            assertThat(lines).hasSize(all.size() - 3);
            assertThat(lines).noneMatch(l -> l.startsWith("7\t") || l.startsWith("12\t") || l.startsWith("3\t"));
            assertThat(lines).anyMatch(l -> l.startsWith("8\t"));

            CliRun bad = CliRun.of("myisam", "rows", "--out", out.resolve("x").toString(), "--exclude-key",
                    "nosuch=1", table().toString());
            assertThat(bad.status()).isEqualTo(2);
            assertThat(bad.err()).contains("has no index nosuch");
        } finally {
            FileTrees.deleteQuietly(out);
        }
    }

    private static long thirdRecordOffset() throws IOException {
        List<Long> starts = new ArrayList<>();
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(table()).get(0), null,
                ServerDialect.MARIADB_10_11)) {
            source.read(false, (values, deleted, position) -> starts.add(position));
        }
        return starts.get(2);
    }

    /** Every intact row as text, keyed by its values (the table has a primary key, so rows are distinct). */
    private static Set<String> rows(Path base) throws IOException {
        Set<String> rows = new HashSet<>();
        try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(base).get(0), null,
                ServerDialect.MARIADB_10_11)) {
            source.read(false, (values, deleted, position) -> rows.add(render(values)));
        }
        return rows;
    }

    private static String render(List<RowValue> values) {
        List<String> out = new ArrayList<>();
        for (RowValue v : values) {
            out.add(String.valueOf(v));
        }
        return String.join("\t", out);
    }

    record Output(int status, String out) {
    }

    /** myisamchk on the given files (callers pass a copy or --read-only). */
    private static Output myisamchk(Path base, String... options) throws Exception {
        assumeTrue(Files.isExecutable(MYISAMCHK), "myisamchk not installed");
        List<String> cmd = new ArrayList<>(List.of(MYISAMCHK.toString()));
        cmd.addAll(List.of(options));
        cmd.add(base.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        System.out.println("myisamchk " + String.join(" ", options) + ":\n" + out);
        return new Output(p.exitValue(), out);
    }
}
