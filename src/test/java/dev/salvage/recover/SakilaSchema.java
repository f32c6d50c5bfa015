package dev.salvage.recover;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sakila-like schema in every row format (sakila's column types; a few thousand rows), the key shapes InnoDB
 * clusters on (composite PRIMARY KEY, no key at all, first UNIQUE NOT NULL key), and a RANGE-partitioned table,
 * written by a real server. Shared by the round-trip, load and damage tests: one cached datadir per setup.
 */
final class SakilaSchema {

    /** A server and the options it runs with. */
    record Setup(ServerKind kind, ServerOptions options, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final Setup MARIADB = new Setup(ServerKind.MARIADB_10_11, ServerOptions.defaults(), "mariadb-16k");
    static final Setup MARIADB_4K = new Setup(ServerKind.MARIADB_10_11, ServerOptions.defaults().withPageSize(4096),
            "mariadb-4k");
    static final Setup MARIADB_64K = new Setup(ServerKind.MARIADB_10_11,
            ServerOptions.defaults().withPageSize(65536), "mariadb-64k");
    static final Setup MYSQL_57 = new Setup(ServerKind.MYSQL_5_7, ServerOptions.defaults(), "mysql-5.7");
    static final Setup MYSQL_80 = new Setup(ServerKind.MYSQL_8_0, ServerOptions.defaults(), "mysql-8.0");
    static final List<Setup> SETUPS = List.of(MARIADB, MYSQL_57, MYSQL_80, MARIADB_4K, MARIADB_64K);

    static final List<String> FORMATS = List.of("redundant", "compact", "dynamic");
    /** Table stems; each exists once per format as {@code sk.<stem>_<format>}. */
    static final List<String> TABLES = List.of("actor", "film", "customer", "payment", "rental", "composite_pk",
            "no_key", "unique_key");
    static final String PARTITIONED = "part";
    static final List<String> PARTITIONS = List.of("p0", "p1", "p2");

    private static final Map<Setup, GeneratedDatadir> CACHE = new ConcurrentHashMap<>();

    private SakilaSchema() {
    }

    static GeneratedDatadir datadir(Setup setup) throws IOException, SQLException {
        GeneratedDatadir dd = CACHE.get(setup);
        if (dd == null) {
            dd = Datadirs.get(setup.kind(), setup.options(), setupSql(), truthQueries());
            CACHE.put(setup, dd);
        }
        return dd;
    }

    /** Our CREATE TABLE for a stem (without the format suffix and ROW_FORMAT). */
    static String createTable(String stem, String name) {
        String body = switch (stem) {
            case "actor" -> """
                    actor_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, first_name VARCHAR(45) NOT NULL,
                    last_name VARCHAR(45) NOT NULL,
                    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                    PRIMARY KEY (actor_id), KEY idx_actor_last_name (last_name)""";
            case "film" -> """
                    film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, title VARCHAR(128) NOT NULL,
                    description TEXT, release_year YEAR DEFAULT NULL, language_id TINYINT UNSIGNED NOT NULL,
                    original_language_id TINYINT UNSIGNED DEFAULT NULL,
                    rental_duration TINYINT UNSIGNED NOT NULL DEFAULT 3,
                    rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99, length SMALLINT UNSIGNED DEFAULT NULL,
                    replacement_cost DECIMAL(5,2) NOT NULL DEFAULT 19.99,
                    rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',
                    special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes') DEFAULT NULL,
                    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                    PRIMARY KEY (film_id), KEY idx_title (title), KEY idx_fk_language_id (language_id)""";
            case "customer" -> """
                    customer_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, store_id TINYINT UNSIGNED NOT NULL,
                    first_name VARCHAR(45) NOT NULL, last_name VARCHAR(45) NOT NULL, email VARCHAR(50) DEFAULT NULL,
                    address_id SMALLINT UNSIGNED NOT NULL, active TINYINT(1) NOT NULL DEFAULT 1,
                    create_date DATETIME NOT NULL,
                    last_update TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                    PRIMARY KEY (customer_id), KEY idx_fk_store_id (store_id), KEY idx_last_name (last_name)""";
            case "payment" -> """
                    payment_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, customer_id SMALLINT UNSIGNED NOT NULL,
                    staff_id TINYINT UNSIGNED NOT NULL, rental_id INT DEFAULT NULL, amount DECIMAL(5,2) NOT NULL,
                    payment_date DATETIME NOT NULL,
                    last_update TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                    PRIMARY KEY (payment_id), KEY idx_fk_staff_id (staff_id), KEY idx_fk_customer_id (customer_id)""";
            case "rental" -> """
                    rental_id INT NOT NULL AUTO_INCREMENT, rental_date DATETIME NOT NULL,
                    inventory_id MEDIUMINT UNSIGNED NOT NULL, customer_id SMALLINT UNSIGNED NOT NULL,
                    return_date DATETIME DEFAULT NULL, staff_id TINYINT UNSIGNED NOT NULL,
                    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                    PRIMARY KEY (rental_id), UNIQUE KEY rental_date (rental_date, inventory_id, customer_id),
                    KEY idx_fk_inventory_id (inventory_id), KEY idx_fk_customer_id (customer_id),
                    KEY idx_fk_staff_id (staff_id)""";
            case "composite_pk" -> """
                    a INT NOT NULL, b VARCHAR(20) NOT NULL, c DATE NOT NULL, v VARCHAR(100) DEFAULT NULL,
                    n DECIMAL(10,3) DEFAULT NULL, PRIMARY KEY (b, a, c), KEY kv (v)""";
            case "no_key" -> """
                    a INT DEFAULT NULL, b VARCHAR(30) DEFAULT NULL, c DATETIME(3) DEFAULT NULL""";
            case "unique_key" -> """
                    x INT DEFAULT NULL, u1 INT NOT NULL, u2 VARCHAR(10) NOT NULL, v TEXT,
                    UNIQUE KEY ux (x), UNIQUE KEY uk (u2, u1), KEY kx (x)""";
            case PARTITIONED -> """
                    id INT NOT NULL, d DATE NOT NULL, v VARCHAR(40) DEFAULT NULL, PRIMARY KEY (id, d)""";
            default -> throw new IllegalArgumentException(stem);
        };
        return "CREATE TABLE " + name + " (" + body + ")";
    }

    private static String insert(String stem, String table) {
        String select = switch (stem) {
            case "actor" -> "SELECT i, CONCAT(ELT(1 + i % 8, 'PENELOPE', 'NICK', 'ED', 'JENNIFER', 'JOHNNY', 'BETTE',"
                    + " 'GRACE', 'MATTHEW'), IF(i % 5 = 0, 'ÅÉ', '')), CONCAT('GUINESS', i * 7),"
                    + " FROM_UNIXTIME(1139000000 + i * 3607) FROM sk.n WHERE i <= 200";
            case "film" -> "SELECT i, CONCAT('FILM ', i, IF(i % 9 = 0, ' – ÆON', '')),"
                    + " IF(i % 50 = 0, NULL, IF(i % 97 = 0, REPEAT('A long épico ', 900),"
                    + " CONCAT('A ', ELT(1 + i % 4, 'Epic', 'Touching', 'Fateful', 'Astounding'), ' drama of a ',"
                    + " REPEAT('dog ', i % 40)))), IF(i % 23 = 0, NULL, 1990 + i % 30), 1 + i % 6,"
                    + " IF(i % 3 = 0, NULL, 1 + i % 6), 3 + i % 5, ELT(1 + i % 3, 0.99, 2.99, 4.99),"
                    + " IF(i % 17 = 0, NULL, 46 + i % 140), 9.99 + i % 21, ELT(1 + i % 5, 'G', 'PG', 'PG-13', 'R',"
                    + " 'NC-17'), IF(i % 11 = 0, NULL, i % 16), FROM_UNIXTIME(1139000000 + i * 61)"
                    + " FROM sk.n WHERE i <= 1000";
            case "customer" -> "SELECT i, 1 + i % 2, CONCAT('MARY', i % 37), CONCAT('SMITH', i),"
                    + " IF(i % 7 = 0, NULL, CONCAT('mary.', i, '@sakilacustomer.org')), 5 + i, i % 10 <> 0,"
                    + " '2006-02-14 22:04:36' + INTERVAL i * 3 HOUR,"
                    + " IF(i % 13 = 0, NULL, FROM_UNIXTIME(1139000000 + i * 7))"
                    + " FROM sk.n WHERE i <= 600";
            case "payment" -> "SELECT i, 1 + i % 599, 1 + i % 2, IF(i % 40 = 0, NULL, i * 3),"
                    + " (i * 37 % 1200) / 100, '2005-05-24 22:53:30' + INTERVAL i * 1237 SECOND,"
                    + " IF(i % 19 = 0, NULL, FROM_UNIXTIME(1139000000 + i)) FROM sk.n WHERE i <= 4000";
            case "rental" -> "SELECT i, '2005-05-24 22:53:30' + INTERVAL i * 997 SECOND, 1 + i * 7 % 4581,"
                    + " 1 + i % 599, IF(i % 15 = 0, NULL, '2005-05-26 22:04:30' + INTERVAL i * 1013 SECOND),"
                    + " 1 + i % 2, FROM_UNIXTIME(1139000000 + i * 3) FROM sk.n WHERE i <= 4000";
            case "composite_pk" -> "SELECT i % 97, CONCAT('k', i % 31, IF(i % 4 = 0, 'ü', '')),"
                    + " '2001-01-01' + INTERVAL i DAY, IF(i % 6 = 0, NULL, REPEAT('v', i % 100)),"
                    + " IF(i % 5 = 0, NULL, i * 1.125 - 1000) FROM sk.n WHERE i <= 3000";
            case "no_key" -> "SELECT IF(i % 10 = 0, NULL, i % 50), IF(i % 3 = 0, NULL, CONCAT('row ', i % 7)),"
                    + " IF(i % 4 = 0, NULL, '2020-01-01 00:00:00.125' + INTERVAL i * 61 SECOND)"
                    + " FROM sk.n WHERE i <= 3000";
            case "unique_key" -> "SELECT IF(i % 3 = 0, NULL, i), i % 100, CONCAT('u', i DIV 100),"
                    + " IF(i % 8 = 0, NULL, REPEAT('t', i % 300)) FROM sk.n WHERE i <= 2000";
            case PARTITIONED -> "SELECT i, '2003-01-01' + INTERVAL i * 5 DAY, IF(i % 9 = 0, NULL, CONCAT('part ', i))"
                    + " FROM sk.n WHERE i <= 3000";
            default -> throw new IllegalArgumentException(stem);
        };
        return "INSERT INTO " + table + " " + select + ";\n";
    }

    static String table(String stem, String format) {
        return stem + "_" + format;
    }

    static String setupSql() {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE sk;
                SET time_zone = '+00:00';
                CREATE TABLE sk.digits (d INT PRIMARY KEY);
                INSERT INTO sk.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                CREATE TABLE sk.n (i INT PRIMARY KEY);
                INSERT INTO sk.n SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d
                  FROM sk.digits a, sk.digits b, sk.digits c, sk.digits e;
                """);
        for (String format : FORMATS) {
            String options = " ENGINE=InnoDB ROW_FORMAT=" + format.toUpperCase() + " DEFAULT CHARSET=utf8mb4";
            for (String stem : TABLES) {
                String t = "sk." + table(stem, format);
                sql.append(createTable(stem, t)).append(options).append(";\n").append(insert(stem, t));
            }
            String p = "sk." + table(PARTITIONED, format);
            sql.append(createTable(PARTITIONED, p)).append(options).append(" PARTITION BY RANGE (YEAR(d))"
                    + " (PARTITION p0 VALUES LESS THAN (2010), PARTITION p1 VALUES LESS THAN (2020),"
                    + " PARTITION p2 VALUES LESS THAN MAXVALUE);\n").append(insert(PARTITIONED, p));
        }
        return sql.toString();
    }

    static Map<String, String> truthQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String format : FORMATS) {
            for (String stem : TABLES) {
                String t = table(stem, format);
                queries.put("rows_" + t, ServerRoundTrip.truthSelect(createTable(stem, t), "sk." + t));
                queries.put("ddl_" + t, "SHOW CREATE TABLE sk." + t);
            }
            String p = table(PARTITIONED, format);
            for (String partition : PARTITIONS) {
                queries.put("rows_" + p + "_" + partition, ServerRoundTrip.truthSelect(createTable(PARTITIONED, p),
                        "sk." + p + " PARTITION (" + partition + ")"));
            }
            queries.put("ddl_" + p, "SHOW CREATE TABLE sk." + p);
        }
        return queries;
    }
}
