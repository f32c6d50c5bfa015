package dev.salvage.innodb.pagecomp;

/**
 * The algorithms of MariaDB's page_compressed tables (fsp0types.h {@code PAGE_ZLIB_ALGORITHM} …
 * {@code PAGE_SNAPPY_ALGORITHM}): the number written into each non-full_crc32 page header, or into the
 * tablespace flags (bits 5..7) of a full_crc32 tablespace.
 */
public enum PageCompressionAlgorithm {
    ZLIB(1, "zlib"),
    LZ4(2, "lz4"),
    LZO(3, "lzo"),
    LZMA(4, "lzma"),
    BZIP2(5, "bzip2"),
    SNAPPY(6, "snappy");

    private static final PageCompressionAlgorithm[] BY_NUMBER = {null, ZLIB, LZ4, LZO, LZMA, BZIP2, SNAPPY};

    private final int number;
    private final String label;

    PageCompressionAlgorithm(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** The algorithm with this number, or null for 0 (none) and unknown numbers. */
    public static PageCompressionAlgorithm of(long number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[(int) number] : null;
    }

    public int number() {
        return number;
    }

    /**
     * fil_space_t::full_crc32_page_compressed_len: lz4, lzo and snappy streams do not say where they end, so a
     * full_crc32 page of theirs keeps the low byte of the exact length just before its checksum; zlib, lzma and
     * bzip2 streams end by themselves and are followed by zero padding.
     */
    public boolean storesLengthLowByte() {
        return this == LZ4 || this == LZO || this == SNAPPY;
    }

    /**
     * True when the first bytes are this algorithm's own stream header (zlib CMF/FLG, the xz magic, "BZh"); lz4
     * and lzo have none, snappy starts with the uncompressed length. Used only to try the likely algorithm first
     * when the tablespace flags that name it are unreadable.
     */
    boolean looksLike(byte[] b, int off, int len, int pageSize) {
        return switch (this) {
            case ZLIB -> len >= 2 && (b[off] & 0x0F) == 8 && (((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF)) % 31 == 0;
            case LZMA -> len >= 6 && (b[off] & 0xFF) == 0xFD && b[off + 1] == '7' && b[off + 2] == 'z'
                    && b[off + 3] == 'X' && b[off + 4] == 'Z' && b[off + 5] == 0;
            case BZIP2 -> len >= 3 && b[off] == 'B' && b[off + 1] == 'Z' && b[off + 2] == 'h';
            case SNAPPY -> PageCodecs.snappyLength(b, off, len) == pageSize;
            case LZ4, LZO -> false;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
