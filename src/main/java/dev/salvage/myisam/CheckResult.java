package dev.salvage.myisam;

import java.util.List;

/**
 * The outcome of {@link MyisamCheck} for one table.
 *
 * @param table         the table's files
 * @param myi           the parsed header, null when the .MYI is missing or unreadable
 * @param data          what the .MYD scan found, null when it could not run
 * @param keysPerIndex  keys found in each index tree (−1 for indexes not walked)
 * @param findings      everything worth saying, in the order myisamchk would say it
 */
public record CheckResult(MyisamTable table, MyiFile myi, MydScan data, List<Long> keysPerIndex,
        List<MyisamFinding> findings, long suppressedFindings) {

    public CheckResult {
        keysPerIndex = List.copyOf(keysPerIndex);
        findings = List.copyOf(findings);
    }

    /** Nothing wrong: no error and no warning. */
    public boolean ok() {
        return suppressedFindings == 0 && findings.stream().noneMatch(MyisamFinding::isProblem);
    }

    /** myisamchk's closing words. */
    public String verdict() {
        if (ok()) {
            return "OK";
        }
        boolean errors = suppressedFindings > 0
                || findings.stream().anyMatch(f -> f.severity() == MyisamFinding.Severity.ERROR);
        return errors ? "MyISAM-table '" + table.name() + "' is corrupted" : "warnings: the table needs a repair";
    }
}
