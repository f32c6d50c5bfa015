package dev.salvage.innodb.fil;

/** The page checksum algorithms InnoDB has written (innodb_checksum_algorithm and the zip variants). */
public enum ChecksumAlgorithm {
    /** CRC-32C of the header and body (MySQL 5.6+, MariaDB 10.0+ "crc32"). */
    CRC32C("crc32c"),
    /** MySQL 5.7's big-endian CRC-32C bug compatibility variant. */
    CRC32C_LEGACY_BIG_ENDIAN("crc32c_big_endian"),
    /** ut_fold_binary based checksum of MySQL 5.5 and earlier ("innodb"). */
    INNODB("innodb"),
    /** 0xDEADBEEF magic ("none"). */
    NONE("none"),
    /** MariaDB 10.5+ full_crc32: CRC-32C of the whole page in its last 4 bytes. */
    FULL_CRC32("full_crc32"),
    /** ROW_FORMAT=COMPRESSED page, CRC-32C variant of page_zip_calc_checksum. */
    ZIP_CRC32C("zip_crc32c"),
    /** ROW_FORMAT=COMPRESSED page, Adler-32 ("innodb") variant of page_zip_calc_checksum. */
    ZIP_INNODB("zip_innodb"),
    /** ROW_FORMAT=COMPRESSED page, 0xDEADBEEF magic. */
    ZIP_NONE("zip_none"),
    /**
     * MariaDB encryption without full_crc32: the header checksum belongs to the plaintext, so the
     * server checks a post-encryption checksum (CRC-32C, or the "innodb" new checksum, or
     * 0xDEADBEEF) stored right after the key version, at FIL_PAGE_FILE_FLUSH_LSN + 4.
     */
    MARIADB_ENCRYPTED("mariadb_encrypted"),
    /**
     * The stored bytes carry no checksum of themselves: MariaDB page_compressed pages without
     * full_crc32 (type 34354: 0xDEADBEEF in the checksum field; 37401: nothing), and MySQL
     * transparent compression/encryption pages (types 14-16) whose checksum covers the original
     * page. "Valid" here means only that the header fields are plausible.
     */
    UNCHECKSUMMED("unchecksummed");

    private final String label;

    ChecksumAlgorithm(String label) {
        this.label = label;
    }

    /** Name used in reports and JSON. */
    public String label() {
        return label;
    }
}
