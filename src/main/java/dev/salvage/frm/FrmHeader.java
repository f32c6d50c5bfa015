package dev.salvage.frm;

/**
 * The fixed 64-byte header of a binary .frm file (MySQL {@code create_frm}, MariaDB {@code build_frm_image}).
 * Offsets checked on files written by MySQL 5.7.22 and MariaDB 10.11.
 *
 * @param frmVersion        byte 2: 9 = true VARCHAR (5.0+), 10 = MariaDB with expressions section
 * @param legacyDbType      byte 3: the engine as a legacy number (12 InnoDB, 9 MyISAM, 20 partition, ...)
 * @param extra2Length      bytes 4-5: MariaDB/MySQL 5.7 "extra2" segment length right after the header
 * @param keyInfoOffset     bytes 6-7: where the key definitions start (the IO_SIZE, 4096 in practice)
 * @param fileLength        bytes 10-13: length the server gave the file
 * @param keyInfoLength     bytes 14-15 (or 47-50 when 14-15 hold 0xFFFF): reserved room for keys
 * @param recordLength      bytes 16-17: length of the default-values record
 * @param maxRows           bytes 18-21
 * @param minRows           bytes 22-25
 * @param createOptions     bytes 30-31: HA_OPTION_* flags (PACK_KEYS, CHECKSUM, DELAY_KEY_WRITE, ...)
 * @param avgRowLength      bytes 34-37
 * @param tableCollationId  byte 38 + byte 41 &lt;&lt; 8: the table's default collation
 * @param rowType           byte 40: ROW_FORMAT as declared (0 = not declared)
 * @param statsSamplePages  bytes 42-43
 * @param statsAutoRecalc   byte 44: 0 default, 1 on, 2 off
 * @param serverVersion     bytes 51-54: MYSQL_VERSION_ID of the writer, e.g. 50722 or 101106
 * @param extraSegmentLength bytes 55-58: length of the extra segment after the default record
 * @param defaultPartDbType byte 61: the engine of the partitions of a partitioned table
 * @param keyBlockSize      bytes 62-63
 */
record FrmHeader(int frmVersion, int legacyDbType, int extra2Length, int keyInfoOffset, long fileLength,
        long keyInfoLength, int recordLength, long maxRows, long minRows, int createOptions, long avgRowLength,
        int tableCollationId, int rowType, int statsSamplePages, int statsAutoRecalc, long serverVersion,
        long extraSegmentLength, int defaultPartDbType, int keyBlockSize) {

    static final int SIZE = 64;

    static boolean hasMagic(FrmBytes b) {
        return b.length() >= 2 && b.u8(0) == 0xFE && b.u8(1) == 0x01;
    }

    static FrmHeader read(FrmBytes b) {
        int shortKeyLength = b.u16(14);
        long keyInfoLength = shortKeyLength == 0xFFFF ? b.u32(47) : shortKeyLength;
        return new FrmHeader(b.u8(2), b.u8(3), b.u16(4), b.u16(6), b.u32(10), keyInfoLength, b.u16(16),
                b.u32(18), b.u32(22), b.u16(30), b.u32(34), b.u8(38) | b.u8(41) << 8, b.u8(40), b.u16(42),
                b.u8(44), b.u32(51), b.u32(55), b.u8(61), b.u16(62));
    }

    /** Where the default-values record starts: after the key section's reserved room. */
    long recordOffset() {
        return (long) keyInfoOffset + keyInfoLength;
    }

    /** Where the extra segment (connection string, engine name, partitioning, ...) starts. */
    long extraSegmentOffset() {
        return recordOffset() + recordLength;
    }

    boolean writtenByMariadb() {
        return serverVersion >= 100000;
    }
}
