package dev.salvage.innodb.fil;

/** Which server family wrote a tablespace, as far as its bytes tell. */
public enum Vendor {
    /** The flags do not tell MySQL from MariaDB (both write the same bits for plain tables). */
    UNKNOWN,
    MYSQL,
    MARIADB
}
