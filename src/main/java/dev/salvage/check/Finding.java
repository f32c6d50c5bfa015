package dev.salvage.check;

/**
 * One thing {@code salvage check} found about an index: a damaged or inconsistent structure (an ERROR, which
 * makes the table fail the check) or a note on what could not be checked and why.
 *
 * @param severity ERROR or NOTE
 * @param index    the index name (or "index id N" when no schema names it); null for table-wide findings
 * @param page     the page number the finding is about, -1 when none
 * @param kind     what kind of check failed
 * @param message  one sentence naming the pages involved
 */
public record Finding(Severity severity, String index, long page, FindingKind kind, String message) {

    public enum Severity { ERROR, NOTE }

    public static Finding error(String index, long page, FindingKind kind, String message) {
        return new Finding(Severity.ERROR, index, page, kind, message);
    }

    public static Finding note(String index, long page, FindingKind kind, String message) {
        return new Finding(Severity.NOTE, index, page, kind, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
