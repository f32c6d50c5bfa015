package dev.salvage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.harness.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real servers' SHOW CREATE TABLE output parses into the expected model, and DdlWriter's text for that
 * model makes each server create a table whose SHOW CREATE TABLE is identical (modulo its name).
 */
@RealServer
class ShowCreateTableOnRealServersTest {

    private static final Map<ServerKind, TestServer> SERVERS = new EnumMap<>(ServerKind.class);

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(TestServer::close);
    }

    /** One server per kind for the whole class, with every test table created once. */
    private static synchronized TestServer server(ServerKind kind) throws Exception {
        TestServer server = SERVERS.get(kind);
        if (server == null) {
            server = TestServer.start(kind, ServerOptions.defaults());
            SERVERS.put(kind, server);
            server.execute("CREATE DATABASE s");
            server.execute(resource("all-servers.sql"));
            if (kind == ServerKind.MARIADB_10_11) {
                server.execute(resource("mariadb.sql"));
            } else if (kind == ServerKind.MYSQL_8_0) {
                server.execute(resource("mysql-8.0.sql"));
            }
        }
        return server;
    }

    private static ServerDialect dialect(ServerKind kind) {
        return switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
    }

    private static List<String> tables(TestServer server) throws Exception {
        List<String> names = new ArrayList<>();
        server.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 's'"
                + " AND TABLE_NAME NOT LIKE '%\\_copy' ORDER BY TABLE_NAME").forEach(r -> names.add(r.get(0)));
        return names;
    }

    private static String showCreate(TestServer server, String table) throws Exception {
        return server.query("SHOW CREATE TABLE s.`" + table + "`").get(0).get(1);
    }

    private static TableDef parseOne(ServerKind kind, String ddl) {
        DdlParseResult result = new DdlParser(dialect(kind)).parse(ddl);
        assertThat(result.problems()).as("problems reading\n%s", ddl).isEmpty();
        assertThat(result.tables()).hasSize(1);
        return result.tables().get(0);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void showCreateTableParsesIntoTheModel(ServerKind kind) throws Exception {
        TestServer server = server(kind);
        Map<String, TableDef> t = new java.util.HashMap<>();
        for (String name : tables(server)) {
            t.put(name, parseOne(kind, showCreate(server, name)));
        }
        String serverCharset = kind == ServerKind.MYSQL_8_0 ? "utf8mb4" : "latin1";

        TableDef numbers = t.get("numbers");
        assertThat(numbers.columns()).hasSize(15);
        assertThat(numbers.column("id").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isEqualTo(ColumnType.of(TypeKind.BIGINT, 20));
            assertThat(c.unsigned()).isTrue();
            assertThat(c.autoIncrement()).isTrue();
            assertThat(c.nullable()).isFalse();
        });
        assertThat(numbers.column("mi").orElseThrow().zerofill()).isTrue();
        assertThat(numbers.column("d1").orElseThrow().type()).isEqualTo(ColumnType.of(TypeKind.DECIMAL, 65, 30));
        assertThat(numbers.column("f2").orElseThrow().type()).isEqualTo(ColumnType.of(TypeKind.FLOAT, 7, 3));
        assertThat(numbers.column("b64").orElseThrow().type()).isEqualTo(ColumnType.of(TypeKind.BIT, 64));
        assertThat(numbers.column("y").orElseThrow().type().kind()).isEqualTo(TypeKind.YEAR);
        assertThat(numbers.column("i").orElseThrow().defaultValue()).isIn("'-5'", "-5");
        assertThat(numbers.primaryKey().orElseThrow().columnNames()).containsExactly("id");
        assertThat(numbers.index("uk_i").orElseThrow().kind()).isEqualTo(IndexKind.UNIQUE);
        assertThat(numbers.index("k_multi").orElseThrow().columnNames()).containsExactly("ti", "si");
        assertThat(numbers.comment()).isEqualTo("numbers 'quoted'");
        assertThat(numbers.options()).containsEntry("AUTO_INCREMENT", "42");
        assertThat(numbers.charset()).isEqualTo("latin1");
        assertThat(numbers.collation()).isEqualTo("latin1_swedish_ci");

        TableDef temporal = t.get("temporal");
        assertThat(temporal.column("t6").orElseThrow().type().fsp()).isEqualTo(6);
        assertThat(temporal.column("t0").orElseThrow().type().fsp()).isZero();
        assertThat(temporal.column("dtm").orElseThrow().onUpdate()).isEqualToIgnoringCase("current_timestamp(3)");
        assertThat(temporal.column("ts6").orElseThrow().defaultValue()).isEqualTo("'2001-02-03 04:05:06.000007'");
        assertThat(temporal.rowFormat()).isEqualTo("COMPACT");
        assertThat(temporal.collation()).isEqualTo(kind == ServerKind.MARIADB_10_11 ? "utf8mb4_general_ci"
                : kind == ServerKind.MYSQL_5_7 ? "utf8mb4_general_ci" : "utf8mb4_0900_ai_ci");

        TableDef strings = t.get("strings");
        assertThat(strings.charset()).isEqualTo("cp1251");
        assertThat(strings.collation()).isEqualTo("cp1251_bin");
        assertThat(strings.column("c").orElseThrow().collation()).isEqualTo("cp1251_bin");
        assertThat(strings.column("vc").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isEqualTo(ColumnType.of(TypeKind.VARCHAR, 300));
            assertThat(c.charset()).isEqualTo("latin1");
            assertThat(c.collation()).isEqualTo("latin1_bin");
        });
        assertThat(strings.column("vu").orElseThrow().collation()).isEqualTo("utf8mb4_unicode_ci");
        assertThat(strings.column("vu").orElseThrow().comment()).isEqualTo("it's utf8mb4");
        assertThat(strings.column("tx").orElseThrow().charset()).isEqualTo("ascii");
        assertThat(strings.column("tx").orElseThrow().collation()).isEqualTo("ascii_general_ci");
        assertThat(strings.column("bn").orElseThrow().charset()).isNull();
        assertThat(strings.column("lb").orElseThrow().type().kind()).isEqualTo(TypeKind.LONGBLOB);
        assertThat(strings.column("e").orElseThrow().type()).isEqualTo(ColumnType.enumOf(List.of("a", "it's", "b,c", "")));
        assertThat(strings.column("st").orElseThrow().type()).isEqualTo(ColumnType.setOf(List.of("x", "y'z", "w")));
        assertThat(strings.column("st").orElseThrow().defaultValue()).isEqualTo("'x,w'");
        assertThat(strings.index("k_prefix").orElseThrow().parts())
                .containsExactly(new IndexPart("vc", 10, false), new IndexPart("vu", 5, false));
        assertThat(strings.index("ft_tx").orElseThrow().kind()).isEqualTo(IndexKind.FULLTEXT);

        TableDef geo = t.get("geo");
        assertThat(geo.column("gc").orElseThrow().type().kind()).isEqualTo(TypeKind.GEOMETRYCOLLECTION);
        assertThat(geo.column("p").orElseThrow().type().kind()).isEqualTo(TypeKind.POINT);
        assertThat(geo.index("sp_p").orElseThrow().kind()).isEqualTo(IndexKind.SPATIAL);
        assertThat(geo.charset()).isEqualTo(serverCharset);

        TableDef gen = t.get("gen");
        assertThat(gen.column("b").orElseThrow().isVirtual()).isTrue();
        assertThat(gen.column("c").orElseThrow().generatedStored()).isTrue();
        assertThat(gen.column("c").orElseThrow().generated()).contains("concat(");
        if (kind == ServerKind.MARIADB_10_11) {
            // MariaDB's JSON is an alias: LONGTEXT utf8mb4_bin with a json_valid() check.
            assertThat(gen.column("j").orElseThrow().type().kind()).isEqualTo(TypeKind.LONGTEXT);
            assertThat(gen.column("j").orElseThrow().check()).contains("json_valid");
        } else {
            assertThat(gen.column("j").orElseThrow().type().kind()).isEqualTo(TypeKind.JSON);
        }

        assertThat(t.get("parts").partitioning()).startsWithIgnoringCase("PARTITION BY RANGE").contains("MAXVALUE");
        assertThat(t.get("hashparts").partitioning()).startsWithIgnoringCase("PARTITION BY HASH").contains("PARTITIONS 4");
        assertThat(t.get("child").constraints()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("fk_num");
            assertThat(c.definition()).containsIgnoringCase("FOREIGN KEY").contains("ON DELETE CASCADE");
        });

        if (kind == ServerKind.MARIADB_10_11) {
            TableDef newer = t.get("newer");
            assertThat(newer.column("hidden").orElseThrow().invisible()).isTrue();
            assertThat(newer.column("ip").orElseThrow().type().kind()).isEqualTo(TypeKind.INET6);
            assertThat(newer.column("u").orElseThrow().type().kind()).isEqualTo(TypeKind.UUID);
            assertThat(t.get("chk").constraints()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("c2"));
            assertThat(t.get("chk").column("a").orElseThrow().check()).contains("> 0");
        }
        if (kind == ServerKind.MYSQL_8_0) {
            TableDef newer = t.get("newer");
            assertThat(newer.index("k_desc").orElseThrow().parts())
                    .containsExactly(new IndexPart("a", null, true), new IndexPart("k", null, false));
            assertThat(newer.index("k_inv").orElseThrow().visible()).isFalse();
            assertThat(newer.index("k_t").orElseThrow().parts()).containsExactly(new IndexPart("t", 20, true));
            assertThat(newer.rowFormat()).isEqualTo("REDUNDANT");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void writerOutputRecreatesTheSameTable(ServerKind kind) throws Exception {
        TestServer server = server(kind);
        List<String> names = tables(server);
        assertThat(names).contains("numbers", "strings", "parts");
        for (String name : names) {
            String original = showCreate(server, name);
            TableDef table = parseOne(kind, original);
            String copyName = name + "_copy";
            TableDef copyDef = renamed(table, copyName);
            String written = DdlWriter.write(copyDef);

            assertThat(new DdlParser(dialect(kind)).parse(written).tables())
                    .as("parse(write(t)) of\n%s", written).containsExactly(copyDef);
            server.execute("DROP TABLE IF EXISTS s.`" + copyName + "`");
            server.execute(written);
            String copy = showCreate(server, copyName).replace("`" + copyName + "`", "`" + name + "`");
            for (TableConstraint constraint : table.constraints()) {
                copy = copy.replace("`" + constraint.name() + "_copy`", "`" + constraint.name() + "`");
            }
            assertThat(copy).as("SHOW CREATE TABLE of the copy made from\n%s", written).isEqualTo(original);
        }
    }

    /** The table under a new name, with constraint names suffixed too: they are unique per schema. */
    private static TableDef renamed(TableDef t, String newName) {
        List<TableConstraint> constraints = t.constraints().stream()
                .map(c -> new TableConstraint(c.name() == null ? null : c.name() + "_copy", c.definition())).toList();
        return new TableDef("s", newName, t.columns(), t.indexes(), constraints, t.charset(), t.collation(),
                t.rowFormat(), t.engine(), t.comment(), t.partitioning(), t.options());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ShowCreateTableOnRealServersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
