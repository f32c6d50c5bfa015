package dev.salvage.frm;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables whose .frm files the tests read: one datadir per server kind, with SHOW CREATE TABLE of every
 * table saved as a truth query named after the table.
 */
final class FrmFixtures {

    static final List<String> COMMON_TABLES = List.of("ints", "nums", "temporal", "strings", "geo", "gen", "parts",
            "hparts", "myopts", "compressed");

    private FrmFixtures() {
    }

    static List<String> tables(ServerKind kind) {
        List<String> tables = new ArrayList<>(COMMON_TABLES);
        if (kind == ServerKind.MARIADB_10_11) {
            tables.addAll(List.of("maria", "oldtemporal"));
        } else if (kind == ServerKind.MYSQL_5_7) {
            tables.add("json57");
        }
        return tables;
    }

    static GeneratedDatadir datadir(ServerKind kind) throws Exception {
        String setup = resource("common.sql") + ";\n" + resource(kind == ServerKind.MARIADB_10_11 ? "mariadb.sql"
                : "mysql-5.7.sql");
        Map<String, String> truth = new LinkedHashMap<>();
        for (String table : tables(kind)) {
            truth.put(table, "SHOW CREATE TABLE frm.`" + table + "`");
        }
        truth.put("version", "SELECT VERSION()");
        return Datadirs.get(kind, setup, truth);
    }

    /** The server's own SHOW CREATE TABLE text of one table. */
    static String showCreate(GeneratedDatadir datadir, String table) {
        return datadir.truth(table).rows().get(0).get(1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FrmFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
