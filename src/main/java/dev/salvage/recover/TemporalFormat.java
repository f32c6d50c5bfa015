package dev.salvage.recover;

/**
 * How TIME, DATETIME and TIMESTAMP columns are stored. A CREATE TABLE does not say (the server's data
 * dictionary does, through the column's type code), so salvage tries each candidate on the pages and keeps the
 * one under which the records parse and decode (see {@link IndexChooser}).
 */
public enum TemporalFormat {
    /** MySQL 5.6.4+ / MariaDB 10.1.2+ default: DATETIME2, TIME2, TIMESTAMP2 (big-endian, fractions after). */
    MYSQL56,
    /**
     * Columns created before 5.6.4 (MySQL) or with {@code mysql56_temporal_format=OFF} (MariaDB): without
     * fractional digits the old integer formats, with them MariaDB's own "hires" formats.
     */
    LEGACY
}
