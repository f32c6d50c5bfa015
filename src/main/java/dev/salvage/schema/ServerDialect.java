package dev.salvage.schema;

/**
 * The server whose DDL is read: it decides the defaults that DDL leaves out (server character set, a
 * character set's default collation) and which table of collation ids applies.
 */
public enum ServerDialect {
    /** MySQL 5.5–5.7: server default latin1 (checked on 5.7.22). */
    MYSQL_5_7("mysql-5.7", "latin1", false),
    /** MySQL 8.0: server default utf8mb4 with utf8mb4_0900_ai_ci (checked on 8.0.15). */
    MYSQL_8_0("mysql-8.0", "utf8mb4", false),
    /** MariaDB 10.x: server default latin1 (checked on the Debian 10.11 build). */
    MARIADB_10_11("mariadb", "latin1", true);

    private final String tableKey;
    private final String defaultCharset;
    private final boolean mariadb;

    ServerDialect(String tableKey, String defaultCharset, boolean mariadb) {
        this.tableKey = tableKey;
        this.defaultCharset = defaultCharset;
        this.mariadb = mariadb;
    }

    /** {@code character_set_server} of a server started without options. */
    public String defaultCharset() {
        return defaultCharset;
    }

    public boolean isMariadb() {
        return mariadb;
    }

    /** Key of this server's rows in charsets.tsv. */
    String charsetTableKey() {
        return tableKey;
    }

    /** Key of this server's rows in collations.tsv (MySQL 5.7 and 8.0 share ids). */
    String collationTableKey() {
        return mariadb ? "mariadb" : "mysql";
    }
}
