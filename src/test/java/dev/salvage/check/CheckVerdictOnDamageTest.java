package dev.salvage.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.harness.FileTrees;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.TestServer;
import dev.salvage.innodb.fil.Fil;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 on structural damage: each damage of {@link CheckDamageTest} is done to ck.t in a fresh copy of a
 * whole datadir, salvage checks the copy, then the real server starts on it and runs its own CHECK TABLE …
 * EXTENDED. A server may crash, hang, refuse to start or to open the table, call it corrupt, or say OK; each
 * is recorded. Held: whenever the server says anything but OK, salvage says Corrupt (exit 1) and names the
 * damaged page; whenever salvage says OK, so does the server (an undamaged copy is the control where both do).
 * Where CHECK TABLE says OK and salvage does not, the same server must fail a lookup of an index's smallest or
 * largest key: MariaDB 10.11 passes a k_ca level-1 page full of noise (its leaves stay reachable along the leaf
 * chain) and then answers "Index for table 't' is corrupt" to the lookup that descends through it. The table of
 * outcomes (case, damaged page, server and salvage verdicts, the server's words) is printed.
 */
@RealServer
class CheckVerdictOnDamageTest {

    private static final String TABLE = "ck.t";
    private static final long CHECK_TIMEOUT_SECONDS = 120;

    /** One damage: done to the copy's t.ibd, returns the page it damaged (the one salvage must name). */
    private interface Damage {
        long apply(PageDamage d, Ids ids) throws Exception;
    }

    private record Ids(long primary, long kca, long ka, long primaryRoot) {
    }

    private record Case(String name, Damage damage) {
    }

    private static final List<Case> CASES = List.of(
            // The control: an undamaged copy, where both must say OK (-1: no page to name).
            new Case("no damage", (d, ids) -> -1),
            new Case("zeroed leaf", (d, ids) -> {
                List<Long> leaves = d.pagesOf(ids.primary(), 0);
                long victim = leaves.get(leaves.size() / 2);
                d.write(victim, PageDamage.zeros());
                return victim;
            }),
            new Case("destroyed internal page", (d, ids) -> {
                List<Long> level1 = d.pagesOf(ids.kca(), 1);
                long victim = level1.get(Math.min(1, level1.size() - 1));
                d.write(victim, PageDamage.noise(victim));
                return victim;
            }),
            new Case("destroyed root", (d, ids) -> {
                d.write(ids.primaryRoot(), PageDamage.noise(ids.primaryRoot()));
                return ids.primaryRoot();
            }),
            new Case("broken sibling link", (d, ids) -> {
                List<Long> leaves = d.pagesOf(ids.primary(), 0);
                long victim = leaves.get(leaves.size() / 3);
                byte[] page = d.read(victim);
                long skipOne = PageDamage.next(d.read(PageDamage.next(page)));
                PageDamage.putInt(page, Fil.PAGE_NEXT, skipOne);
                d.writeSealed(victim, page, PageDamage.algorithm(d.read(victim)));
                return victim;
            }),
            new Case("page from another index", (d, ids) -> {
                List<Long> leaves = d.pagesOf(ids.primary(), 0);
                long victim = leaves.get(leaves.size() / 4);
                long foreign = d.pagesOf(ids.ka(), 0).get(3);
                byte[] page = d.read(foreign);
                PageDamage.putInt(page, Fil.PAGE_OFFSET, victim);
                d.writeSealed(victim, page, PageDamage.algorithm(d.read(foreign)));
                return victim;
            }),
            new Case("truncated file", (d, ids) -> {
                long keep = d.pages() * 2 / 3;
                d.truncate(keep * PageDamage.PAGE + 1000);
                return keep;
            }));

    /**
     * What the server made of the damaged table; {@code lookups} (only asked when CHECK TABLE said OK) is what
     * the same server answered to a lookup of the smallest and largest key through each index.
     */
    private record ServerVerdict(String outcome, String words, List<String> lookups) {
        ServerVerdict(String outcome, String words) {
            this(outcome, words, List.of());
        }

        boolean ok() {
            return outcome.startsWith("OK");
        }

        boolean lookupsFail() {
            return lookups.stream().anyMatch(l -> l.contains("ERROR"));
        }
    }

    /** Each index of ck.t with its first column: a lookup of that column's extreme values descends its tree. */
    private static final List<List<String>> INDEX_COLUMNS = List.of(List.of("PRIMARY", "id"), List.of("u_b", "b"),
            List.of("k_a", "a"), List.of("k_ca", "c"));

    private record Outcome(String caseName, long page, ServerVerdict server, CheckJson salvage, long salvageMillis,
            long serverMillis) {
        String salvageVerdict() {
            return salvage.status() == 0 ? "OK" : salvage.table(TABLE).get("status").asText();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void sameVerdictAsTheServerOnStructuralDamage(ServerKind kind, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = CheckFixtures.datadir(kind);
        ResultTable indexes = dd.truth("indexes");
        Ids ids = new Ids(CheckJson.indexId(indexes, "ck/t", "PRIMARY"), CheckJson.indexId(indexes, "ck/t", "k_ca"),
                CheckJson.indexId(indexes, "ck/t", "k_a"), CheckJson.rootPage(indexes, "ck/t", "PRIMARY"));
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Path copy = dd.copyTo(temp.resolve("case" + i));
            Path ibd = copy.resolve("ck/t.ibd");
            long page;
            try (PageDamage d = new PageDamage(ibd)) {
                page = c.damage().apply(d, ids);
            }
            // salvage first: the server may write to the files once it runs.
            long begin = System.nanoTime();
            CheckJson salvage = CheckJson.run(ibd.toString());
            long salvageMillis = (System.nanoTime() - begin) / 1_000_000;
            begin = System.nanoTime();
            ServerVerdict server = serverCheck(kind, dd, copy);
            outcomes.add(new Outcome(c.name(), page, server, salvage, salvageMillis,
                    (System.nanoTime() - begin) / 1_000_000));
            FileTrees.deleteQuietly(copy);
        }

        StringBuilder table = new StringBuilder("[CHECK TABLE verdicts on damage, " + kind + "]\n");
        table.append(String.format("%-24s | %-6s | %-16s | %-7s | %-15s | %s%n", "case", "page", "server",
                "salvage", "ms salv/server", "server's words"));
        for (Outcome o : outcomes) {
            String words = o.server().words() + (o.server().lookups().isEmpty() ? ""
                    : " | lookups: " + String.join("; ", o.server().lookups()));
            table.append(String.format("%-24s | %-6d | %-16s | %-7s | %-15s | %s%n", o.caseName(), o.page(),
                    o.server().outcome(), o.salvageVerdict(), o.salvageMillis() + "/" + o.serverMillis(), words));
        }
        System.out.println(table);

        Outcome control = outcomes.get(0);
        assertThat(control.server().outcome()).as("undamaged copy, server\n" + table).isEqualTo("OK");
        assertThat(control.salvage().status()).as("undamaged copy, salvage\n" + table).isZero();
        for (Outcome o : outcomes) {
            String why = kind + " " + o.caseName() + "\n" + table + "\n" + o.salvage().out();
            if (!o.server().ok()) {
                assertThat(o.salvage().status()).as(why).isEqualTo(1);
                assertThat(o.salvage().table(TABLE).get("status").asText()).as(why).isEqualTo("Corrupt");
                assertThat(o.salvage().errors(TABLE)).as("a finding names page " + o.page() + ": " + why)
                        .anySatisfy(f -> assertThat(namesPage(f, o.page())).isTrue());
            }
            if (o.salvage().status() == 0) {
                assertThat(o.server().ok()).as(why).isTrue();
            }
            if (o.server().ok() && o.salvage().status() != 0) {
                // Salvage calls corrupt what CHECK TABLE passed: only acceptable when the server itself trips
                // over the damage as soon as a query goes through it (a gap in the server's check, no false alarm).
                assertThat(o.server().lookupsFail()).as("the server's own lookups fail: " + why).isTrue();
            }
        }
    }

    private static boolean namesPage(JsonNode finding, long page) {
        return finding.get("page").asLong() == page
                || finding.get("message").asText().matches("(?s).*\\bpages? " + page + "\\b.*");
    }

    /**
     * Starts the server on the damaged copy and runs CHECK TABLE … EXTENDED; every way it can go is an outcome,
     * never a test failure: it is the server's verdict being recorded.
     */
    private static ServerVerdict serverCheck(ServerKind kind, GeneratedDatadir dd, Path copy) {
        TestServer server;
        try {
            server = TestServer.start(kind, dd.options(), copy);
        } catch (Exception e) {
            return new ServerVerdict("refused to start", firstLine(e.getMessage()));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (server) {
            Future<List<List<String>>> rows = pool.submit(() -> server.query("CHECK TABLE ck.t EXTENDED"));
            List<List<String>> result;
            try {
                result = rows.get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                server.kill9();
                return new ServerVerdict("hung", "no answer in " + CHECK_TIMEOUT_SECONDS + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                String message = firstLine(String.valueOf(e.getCause().getMessage()));
                if (!stillRunningAfter(server, 20)) {
                    return new ServerVerdict("crashed", message + " / log: " + crashLine(server));
                }
                return new ServerVerdict("refused to check", message);
            }
            List<String> words = new ArrayList<>();
            for (List<String> row : result) {
                words.add(row.get(2) + ": " + row.get(3));
            }
            boolean ok = result.size() == 1 && "status".equals(result.get(0).get(2))
                    && "OK".equals(result.get(0).get(3));
            if (ok) {
                List<String> lookups = lookups(server, pool);
                return new ServerVerdict(lookups.stream().anyMatch(l -> l.contains("ERROR")) ? "OK, lookup fails"
                        : "OK", String.join("; ", words), lookups);
            }
            boolean corrupt = words.stream().anyMatch(w -> w.contains("Corrupt") || w.contains("corrupt"));
            return new ServerVerdict(corrupt ? "corrupt" : "not OK", String.join("; ", words));
        } catch (Exception e) {
            return new ServerVerdict("refused to check", firstLine(e.getMessage()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The smallest and largest key of each index, looked up through that index alone. */
    private static List<String> lookups(TestServer server, ExecutorService pool) {
        List<String> out = new ArrayList<>();
        for (List<String> ic : INDEX_COLUMNS) {
            for (String extreme : List.of("MIN", "MAX")) {
                String sql = "SELECT COUNT(*) FROM ck.t FORCE INDEX (" + ic.get(0) + ") WHERE " + ic.get(1)
                        + " = (SELECT " + extreme + "(" + ic.get(1) + ") FROM ck.t IGNORE INDEX (" + ic.get(0) + "))";
                String label = ic.get(0) + " " + extreme.toLowerCase() + ": ";
                try {
                    out.add(label + pool.submit(() -> server.queryValue(sql)).get(CHECK_TIMEOUT_SECONDS,
                            TimeUnit.SECONDS));
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    out.add(label + "ERROR " + firstLine(String.valueOf(cause.getMessage())));
                    if (!stillRunningAfter(server, 20)) {
                        out.add("server crashed");
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /**
     * After an error: a server that still answers is alive; one that lost the connection may be dying (writing
     * its stack trace), so its process gets {@code seconds} to exit before it counts as alive.
     */
    private static boolean stillRunningAfter(TestServer server, int seconds) {
        try {
            server.queryValue("SELECT 1");
            return true;
        } catch (java.sql.SQLException e) {
            // no answer: wait for the process below
        }
        for (int i = 0; i < seconds * 5 && server.isRunning(); i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return server.isRunning();
    }

    /** The line of the server's error log that says why it stopped, for the table. */
    private static String crashLine(TestServer server) {
        String tail = FileTrees.tail(server.serverLog(), 6000);
        for (String line : tail.lines().toList()) {
            if (line.contains("Assertion") || line.contains("[FATAL]") || line.contains("[ERROR]")) {
                return line.length() > 160 ? line.substring(0, 160) : line;
            }
        }
        return "(no error line)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
