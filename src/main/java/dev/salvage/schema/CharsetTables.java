package dev.salvage.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The character set and collation tables in {@code charsets.tsv} / {@code collations.tsv}, taken from
 * information_schema of the real servers (MySQL 5.7.22, 8.0.15, MariaDB 10.11), loaded once.
 */
final class CharsetTables {

    private static final Map<String, MysqlCharset> CHARSETS = new HashMap<>();      // key: table key + name
    private static final Map<String, Collation> COLLATIONS_BY_NAME = new HashMap<>(); // key: table key + name
    private static final Map<String, Collation> COLLATIONS_BY_ID = new HashMap<>();   // key: table key + id

    static {
        for (String[] row : read("charsets.tsv")) {
            CHARSETS.put(row[0] + "/" + MysqlCharset.canonicalName(row[1]),
                    new MysqlCharset(row[1], Integer.parseInt(row[3]), row[2]));
        }
        for (String[] row : read("collations.tsv")) {
            Collation c = new Collation(Integer.parseInt(row[1]), row[2], row[3], row.length > 4 && !row[4].isEmpty());
            COLLATIONS_BY_NAME.put(row[0] + "/" + canonicalCollation(row[2]), c);
            COLLATIONS_BY_ID.put(row[0] + "/" + c.id(), c);
        }
    }

    private CharsetTables() {
    }

    static Optional<MysqlCharset> charset(String name, ServerDialect dialect) {
        return Optional.ofNullable(CHARSETS.get(dialect.charsetTableKey() + "/" + MysqlCharset.canonicalName(name)));
    }

    static Optional<Collation> collationByName(String name, ServerDialect dialect) {
        return Optional.ofNullable(COLLATIONS_BY_NAME.get(dialect.collationTableKey() + "/" + canonicalCollation(name)));
    }

    static Optional<Collation> collationById(int id, ServerDialect dialect) {
        return Optional.ofNullable(COLLATIONS_BY_ID.get(dialect.collationTableKey() + "/" + id));
    }

    /** MySQL's {@code utf8_bin} is MariaDB's {@code utf8mb3_bin}: one spelling for lookups. */
    private static String canonicalCollation(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("utf8_") ? "utf8mb3_" + n.substring(5) : n;
    }

    private static List<String[]> read(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CharsetTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
