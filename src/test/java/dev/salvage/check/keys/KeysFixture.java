package dev.salvage.check.keys;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables whose keys exercise every comparison the key layer implements (signed and unsigned integers, DECIMAL,
 * DATETIME, DOUBLE, utf8mb4_general_ci, utf8mb4_bin, latin1_swedish_ci, utf8mb3_general_ci CHAR, composite
 * and prefix keys, a unique secondary, a string primary key, a table without a key), in REDUNDANT and DYNAMIC
 * records, written by each server; plus a table of tricky strings whose ORDER BY the comparators must
 * reproduce. One cached datadir per server.
 */
public final class KeysFixture {

    public static final List<String> FORMATS = List.of("dynamic", "redundant");
    public static final List<String> STEMS = List.of("keys", "strpk", "nokey", "desc");
    /** Strings where collations disagree: case, accents, trailing spaces and tabs, ß, emoji, NUL. */
    static final List<String> TRICKY = List.of("a", "A", "á", "Á", "a ", "a  ", "a\t", "a\u0000", "", " ", "b",
            "ß", "ss", "s", "SS", "ẞ", "\uD83D\uDE00", "\uD83D\uDE01", "\uFFFD", "æ", "ae", "Ä", "z", "ö", "ø", "Ø", "€",
            "Y", "ü", "Ü", "y", "aB", "ab", "Ab");

    private static final Map<ServerKind, GeneratedDatadir> CACHE = new EnumMap<>(ServerKind.class);

    private KeysFixture() {
    }

    public static synchronized GeneratedDatadir datadir(ServerKind kind) throws IOException, SQLException {
        GeneratedDatadir dd = CACHE.get(kind);
        if (dd == null) {
            dd = Datadirs.get(kind, setupSql(), truthQueries(kind));
            CACHE.put(kind, dd);
        }
        return dd;
    }

    public static ServerDialect dialect(ServerKind kind) {
        return switch (kind) {
            case MARIADB_10_11 -> ServerDialect.MARIADB_10_11;
            case MYSQL_5_7 -> ServerDialect.MYSQL_5_7;
            case MYSQL_8_0 -> ServerDialect.MYSQL_8_0;
        };
    }

    /** The table as the server's SHOW CREATE TABLE gives it. */
    public static TableDef table(GeneratedDatadir dd, String name) {
        String ddl = dd.truth("ddl_" + name).column("Create Table").get(0);
        return new DdlParser(dialect(dd.kind())).parse(ddl).tables().get(0);
    }

    /** Index id to index name for table {@code ck/<name>}, from information_schema. */
    public static Map<Long, String> indexNames(GeneratedDatadir dd, String name) {
        var indexes = dd.truth("indexes");
        Map<Long, String> out = new java.util.TreeMap<>();
        for (List<String> row : indexes.rows()) {
            if (row.get(indexes.columnIndex("TABLE_NAME")).equals("ck/" + name)) {
                out.put(Long.parseLong(row.get(indexes.columnIndex("INDEX_ID"))),
                        row.get(indexes.columnIndex("INDEX_NAME")));
            }
        }
        return out;
    }

    public static String name(String stem, String format) {
        return stem + "_" + format;
    }

    static String createTable(String stem, String name) {
        String body = switch (stem) {
            case "keys" -> """
                    id INT NOT NULL, big BIGINT NOT NULL, u INT UNSIGNED NOT NULL, d DECIMAL(10,2) NULL,
                    dt DATETIME NOT NULL, v VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL,
                    vb VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                    l VARCHAR(40) CHARACTER SET latin1 NULL, f DOUBLE NULL, c3 CHAR(10) CHARACTER SET utf8 NOT NULL,
                    PRIMARY KEY (id), KEY k_big (big), KEY k_u (u), KEY k_d (d), KEY k_dt (dt), KEY k_v (v),
                    UNIQUE KEY u_vb (vb), KEY k_l (l), KEY k_vp (v(3)), KEY k_comp (l, dt, big), KEY k_f (f),
                    KEY k_c3 (c3)""";
            case "strpk" -> """
                    s VARCHAR(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, n INT NOT NULL,
                    PRIMARY KEY (s), KEY k_n (n)""";
            case "nokey" -> """
                    a INT NULL, b VARCHAR(20) CHARACTER SET latin1 NULL, KEY k_a (a), KEY k_b (b)""";
            case "desc" -> """
                    id INT NOT NULL, a INT NOT NULL, v VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
                    PRIMARY KEY (id), KEY kd (a DESC, v), KEY kv (v DESC), KEY kav (a, v DESC)""";
            default -> throw new IllegalArgumentException(stem);
        };
        return "CREATE TABLE ck." + name + " (" + body + ")";
    }

    static String insert(String stem, String name) {
        String select = switch (stem) {
            case "keys" -> "SELECT i, IF(i % 1000 = 0, -9000000000000000000 + i, (i * 7919) % 20011 - 10000),"
                    + " (i * 104729) % 4000000000, IF(i % 50 = 0, NULL, ((i * 37) % 2000 - 1000) / 4),"
                    + " '2000-01-01' + INTERVAL (i * 7919 % 100000) MINUTE,"
                    + " IF(i % 40 = 0, NULL, CONCAT(ELT(1 + i % 12, 'a', 'A', 'á', 'Á', 'b', 'B', 'ß', 'ss', 'Æ', 'æ',"
                    + " '😀', 'z'), ELT(1 + i % 3, '', ' ', 'x'), i % 50)),"
                    + " CONCAT(ELT(1 + i % 6, 'a', 'A', 'á', 'b', '😀', ' '), i),"
                    + " IF(i % 30 = 0, NULL, CONVERT(CONCAT(ELT(1 + i % 8, 'a', 'A', 'å', 'Ä', 'ö', 'Ü', 'y', 'z'),"
                    + " i % 77) USING latin1)),"
                    + " IF(i % 20 = 0, NULL, (i * 7919 % 1000 - 500) / 7.0),"
                    + " CONVERT(CONCAT(ELT(1 + i % 5, 'é', 'E', 'e', 'ê', 'F'), i % 13) USING utf8)"
                    + " FROM ck.n WHERE i <= 6000";
            case "strpk" -> "SELECT CONCAT(ELT(1 + i % 7, 'a', 'Á', 'ß', 'x ', '😀', 'Ö', 'o'), i), i % 100"
                    + " FROM ck.n WHERE i <= 3000";
            case "nokey" -> "SELECT IF(i % 10 = 0, NULL, i % 50), IF(i % 3 = 0, NULL, CONCAT('row ', i % 7))"
                    + " FROM ck.n WHERE i <= 3000";
            case "desc" -> "SELECT i, i % 37 - 18, IF(i % 11 = 0, NULL, CONCAT(ELT(1 + i % 3, 'a', 'B', 'á'), i % 101))"
                    + " FROM ck.n WHERE i <= 3000";
            default -> throw new IllegalArgumentException(stem);
        };
        return "INSERT INTO ck." + name + " " + select + ";\n";
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE ck;
                CREATE TABLE ck.digits (d INT PRIMARY KEY);
                INSERT INTO ck.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                CREATE TABLE ck.n (i INT PRIMARY KEY);
                INSERT INTO ck.n SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d
                  FROM ck.digits a, ck.digits b, ck.digits c, ck.digits e;
                CREATE TABLE ck.tricky (id INT PRIMARY KEY,
                  s VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,
                  sb VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
                  sl VARCHAR(10) CHARACTER SET latin1, s3 VARCHAR(10) CHARACTER SET utf8);
                """);
        for (int i = 0; i < TRICKY.size(); i++) {
            String t = TRICKY.get(i);
            String lit = "_utf8mb4 X'" + hex(t) + "'";
            // Strings a charset cannot hold become NULL: strict servers refuse to convert them.
            boolean latin1 = java.nio.charset.Charset.forName("windows-1252").newEncoder().canEncode(t);
            boolean bmp = t.codePoints().allMatch(c -> c <= 0xFFFF);
            sql.append("INSERT INTO ck.tricky VALUES (").append(i).append(", ").append(lit).append(", ").append(lit)
                    .append(", ").append(latin1 ? "CONVERT(" + lit + " USING latin1)" : "NULL")
                    .append(", ").append(bmp ? "CONVERT(" + lit + " USING utf8)" : "NULL").append(");\n");
        }
        for (String format : FORMATS) {
            for (String stem : STEMS) {
                String n = name(stem, format);
                sql.append(createTable(stem, n)).append(" ENGINE=InnoDB ROW_FORMAT=").append(format.toUpperCase())
                        .append(";\n").append(insert(stem, n));
            }
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries(ServerKind kind) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String format : FORMATS) {
            for (String stem : STEMS) {
                String n = name(stem, format);
                q.put("ddl_" + n, "SHOW CREATE TABLE ck." + n);
                q.put("count_" + n, "SELECT COUNT(*) AS n FROM ck." + n);
            }
        }
        q.put("indexes", Datadirs.indexesQuery(kind, "ck/%"));
        for (String column : List.of("s", "sb", "sl", "s3")) {
            q.put("order_" + column, "SELECT id FROM ck.tricky ORDER BY " + column + ", id");
            q.put("bytes_" + column, "SELECT id, HEX(" + column + ") AS h FROM ck.tricky ORDER BY id");
        }
        q.put("ddl_tricky", "SHOW CREATE TABLE ck.tricky");
        return q;
    }

    static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }
}
