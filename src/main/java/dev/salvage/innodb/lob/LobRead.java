package dev.salvage.innodb.lob;

/**
 * An off-page value as far as it could be read.
 *
 * @param data       the bytes read, in order (all of them when complete)
 * @param expected   the length the reference announced (local prefix included when the caller added it)
 * @param complete   every announced byte was read
 * @param brokenAt   the page where reading stopped, -1 when complete
 * @param reason     why reading stopped, null when complete
 */
public record LobRead(byte[] data, long expected, boolean complete, long brokenAt, String reason) {

    static LobRead complete(byte[] data) {
        return new LobRead(data, data.length, true, -1, null);
    }

    static LobRead broken(byte[] soFar, long expected, long page, String reason) {
        return new LobRead(soFar, expected, false, page, reason);
    }

    public String describe() {
        return complete ? data.length + " bytes" : data.length + " of " + expected + " bytes, broken at page "
                + brokenAt + ": " + reason;
    }
}
