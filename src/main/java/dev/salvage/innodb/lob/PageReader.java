package dev.salvage.innodb.lob;

/**
 * Gives off-page readers the pages of the tablespace that holds the index. Implementations return the page
 * at offset 0 of the returned array (physical page size, uncompressed), or null when the page cannot be read
 * (beyond the end of the file, an I/O error): the reader then reports a broken chain instead of failing.
 */
@FunctionalInterface
public interface PageReader {
    byte[] read(long pageNo);
}
