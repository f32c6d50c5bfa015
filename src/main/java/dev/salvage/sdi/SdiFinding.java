package dev.salvage.sdi;

/**
 * Something damaged or odd met while reading SDI.
 *
 * @param page the page it was found on, -1 when it concerns no single page
 * @param code a stable upper-case identifier (SDI_RECORD_UNREADABLE, SDI_JSON_INVALID, ...)
 */
public record SdiFinding(Severity severity, long page, String code, String message) {

    public enum Severity { WARNING, ERROR }

    static SdiFinding error(long page, String code, String message) {
        return new SdiFinding(Severity.ERROR, page, code, message);
    }

    static SdiFinding warning(long page, String code, String message) {
        return new SdiFinding(Severity.WARNING, page, code, message);
    }

    @Override
    public String toString() {
        return severity + " " + code + (page >= 0 ? " page " + page : "") + ": " + message;
    }
}
