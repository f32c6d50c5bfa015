/**
 * The key layer of {@code salvage check}: what each index's records look like and how their keys compare.
 *
 * <ul>
 *   <li>{@link dev.salvage.check.keys.IndexShape#of} gives the clustered index and every secondary B-tree index
 *       of a table: leaf and node pointer layouts for {@code RecordParser}, the key fields, a comparator that
 *       agrees with the server ({@link dev.salvage.check.keys.IndexShape#order()}, empty with a reason when a
 *       collation or type is not reproduced), decoded keys for messages, and the entry a clustered record
 *       must have in each secondary index.</li>
 *   <li>{@link dev.salvage.check.keys.IndexMatcher} tells which index id of a file is which shape, from the
 *       dictionary's ids or from a few sampled leaf pages.</li>
 * </ul>
 *
 * Comparisons implemented exactly: integers, DECIMAL, the temporal types (5.6.4+ formats), YEAR, BIT,
 * ENUM/SET, BINARY/VARBINARY/BLOB, FLOAT and DOUBLE, and the collations binary, the PAD SPACE and NO PAD
 * {@code _bin} collations of latin1/ascii/utf8mb3/utf8mb4, latin1_swedish_ci and utf8mb3/utf8mb4_general_ci
 * (weights read from MariaDB 10.11, MySQL 5.7 and 8.0, which agree). DESC key parts on MySQL 8.0 and MariaDB
 * are compared in reverse (NULLs last), as those servers store them.
 */
package dev.salvage.check.keys;
