package dev.salvage.myisam;

/**
 * One thing {@code check} (or a reader) noticed. Messages keep myisamchk's wording where people search for it.
 *
 * @param severity ERROR: the table is inconsistent; WARNING: the state disagrees with the files (myisamchk
 *                 prints these as warnings, but the table still needs a repair); INFO: worth knowing
 * @param code     a stable short name for programs (e.g. {@code record-count})
 * @param file     "MYI" or "MYD"
 * @param offset   byte offset in that file, or -1
 */
public record MyisamFinding(Severity severity, String code, String file, long offset, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    public static MyisamFinding error(String code, String file, long offset, String message) {
        return new MyisamFinding(Severity.ERROR, code, file, offset, message);
    }

    public static MyisamFinding warning(String code, String file, long offset, String message) {
        return new MyisamFinding(Severity.WARNING, code, file, offset, message);
    }

    public static MyisamFinding info(String code, String file, long offset, String message) {
        return new MyisamFinding(Severity.INFO, code, file, offset, message);
    }

    /** A problem means the table is not clean (errors and warnings; not INFO). */
    public boolean isProblem() {
        return severity != Severity.INFO;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message
                + (offset >= 0 ? " [" + file + " @" + offset + "]" : "");
    }
}
