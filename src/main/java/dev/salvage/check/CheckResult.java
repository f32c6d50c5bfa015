package dev.salvage.check;

import java.util.List;
import java.util.stream.Stream;

/**
 * The check of one table (or, without a schema, of every index id in one tablespace).
 *
 * @param table    "db.table" or the file name when no schema names it
 * @param source   where the definition came from ("sdi", "frm", "ddl") or "none"
 * @param file     the tablespace or carve folder read
 * @param indexes  one report per index, clustered first
 * @param findings table-wide findings: the file itself, schema matching, entry counts across indexes
 * @param pagesRead pages read by the survey pass
 */
public record CheckResult(String table, String source, String file, List<IndexReport> indexes,
                          List<Finding> findings, long pagesRead) {

    public CheckResult {
        indexes = List.copyOf(indexes);
        findings = List.copyOf(findings);
    }

    /**
     * Every finding: about the file first, then per index in walk order, then what compares indexes (entry
     * counts, indexes not found).
     */
    public List<Finding> allFindings() {
        return Stream.of(findings.stream().filter(f -> f.index() == null),
                indexes.stream().flatMap(i -> i.findings().stream()),
                findings.stream().filter(f -> f.index() != null)).flatMap(s -> s).toList();
    }

    public boolean ok() {
        return allFindings().stream().noneMatch(Finding::isError);
    }
}
