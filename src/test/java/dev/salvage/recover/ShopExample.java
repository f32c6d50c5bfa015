package dev.salvage.recover;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MariaDB 10.11 files in examples/mariadb-10.11/shop and helpers to compare recovered rows with them.
 * customers, orders and products are intact; reviews.ibd is damaged on purpose (see damage.txt there).
 */
final class ShopExample {

    static final Path DIR = Path.of("examples/mariadb-10.11/shop");
    static final int PAGE_SIZE = 16384;

    private ShopExample() {
    }

    static TableDef table(String name) throws IOException {
        return new DdlParser(ServerDialect.MARIADB_10_11).parse(Files.readString(DIR.resolve("schema.sql")))
                .table(name).orElseThrow();
    }

    /** The expected rows, each value unescaped from LOAD DATA TSV (null for \N). */
    static List<List<String>> expected(String table) throws IOException {
        return ServerRoundTrip.readTsv(DIR.resolve(table + ".expected.tsv"));
    }

    /** A recovered row as strings comparable with {@link #expected}. */
    static List<String> strings(RecoveredRow row) {
        return ServerRoundTrip.strings(row.values());
    }

    /** Page numbers of the leaf pages of {@code indexId} in a tablespace file. */
    static List<Integer> leaves(byte[] file, long indexId) {
        List<Integer> leaves = new ArrayList<>();
        for (int p = 0; p < file.length / PAGE_SIZE; p++) {
            byte[] page = java.util.Arrays.copyOfRange(file, p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
            IndexPageHeader h = IndexPageHeader.read(page, 0);
            if (Mach.read2(page, Fil.PAGE_TYPE) == 17855 && h.indexId() == indexId && h.level() == 0) {
                leaves.add(p);
            }
        }
        return leaves;
    }
}
