package dev.salvage.frm;

/**
 * Something wrong or unusual met while reading a .frm file. Findings replace exceptions: a damaged file still
 * yields whatever could be decoded, plus these notes on what could not.
 *
 * @param severity how much of the result it puts in doubt
 * @param offset   byte offset in the .frm file the finding is about, -1 when it concerns no single place
 * @param code     stable machine-readable name, e.g. {@code FRM_TRUNCATED}
 * @param message  what happened, for people
 */
public record FrmFinding(Severity severity, long offset, String code, String message) {

    /** ERROR: part of the definition is missing or guessed; WARNING: decoded, but something looks odd. */
    public enum Severity { ERROR, WARNING, INFO }

    @Override
    public String toString() {
        return severity + " " + code + (offset >= 0 ? " @" + offset : "") + ": " + message;
    }
}
