/**
 * Checks across indexes and records: {@link dev.salvage.check.cross.SecondaryConsistency} (every secondary
 * index holds exactly the entries the clustered records project to: counts as CHECK TABLE compares them, a
 * multiset fingerprint, and on request the orphan and missing keys through a bounded hash-partitioned spill)
 * and {@link dev.salvage.check.cross.UniqueCheck} (no two non-deleted equal keys in a unique index, fed in
 * index order). Both report {@link dev.salvage.check.cross.CrossFinding}s.
 *
 * <p>Use from a tree walk: parse each leaf record with the shape's leaf layout; call
 * {@code SecondaryConsistency.clustered(...)} or {@code secondary(shape, ...)} for every successfully parsed
 * record (any order of indexes and pages), {@code UniqueCheck.next(...)} per unique index in leaf chain order
 * ({@code reset()} where the chain breaks), then {@code finish()} and {@code close()}.
 */
package dev.salvage.check.cross;
