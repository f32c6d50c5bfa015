package dev.salvage.harness;

import java.util.EnumSet;
import java.util.Set;

/** The three real servers whose files salvage is tested against. */
public enum ServerKind {
    MARIADB_10_11("mariadb-10.11", "10.11",
            EnumSet.of(ChecksumSetting.CRC32, ChecksumSetting.FULL_CRC32)),
    MYSQL_5_7("mysql-5.7", "5.7.22",
            EnumSet.of(ChecksumSetting.CRC32, ChecksumSetting.INNODB, ChecksumSetting.NONE)),
    MYSQL_8_0("mysql-8.0", "8.0.15",
            EnumSet.of(ChecksumSetting.CRC32, ChecksumSetting.INNODB, ChecksumSetting.NONE));

    private final String dirName;
    private final String version;
    private final Set<ChecksumSetting> acceptedChecksums;

    ServerKind(String dirName, String version, Set<ChecksumSetting> acceptedChecksums) {
        this.dirName = dirName;
        this.version = version;
        this.acceptedChecksums = acceptedChecksums;
    }

    /** Short name used for cache directories and messages, e.g. {@code mysql-8.0}. */
    public String dirName() {
        return dirName;
    }

    /** The version this harness runs (MariaDB: whatever Debian ships in the 10.11 series). */
    public String version() {
        return version;
    }

    public boolean isMysql() {
        return this != MARIADB_10_11;
    }

    /**
     * Values of innodb_checksum_algorithm the server accepts. MariaDB 10.11 refuses "innodb" and "none";
     * MySQL 5.7/8.0 do not know "full_crc32".
     */
    public Set<ChecksumSetting> acceptedChecksums() {
        return EnumSet.copyOf(acceptedChecksums);
    }

    public boolean accepts(ChecksumSetting checksum) {
        return acceptedChecksums.contains(checksum);
    }
}
