package dev.salvage.harness;

/**
 * A value for the server option innodb_checksum_algorithm. Kept separate from the library's own
 * checksum enum: this is the server's vocabulary for what to write, not salvage's for what it found.
 */
public enum ChecksumSetting {
    CRC32("crc32"),
    INNODB("innodb"),
    NONE("none"),
    /** MariaDB only; its default since 10.5. */
    FULL_CRC32("full_crc32");

    private final String serverValue;

    ChecksumSetting(String serverValue) {
        this.serverValue = serverValue;
    }

    /** The value as given on the server command line. */
    public String serverValue() {
        return serverValue;
    }
}
