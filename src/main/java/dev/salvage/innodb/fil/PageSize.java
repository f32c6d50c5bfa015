package dev.salvage.innodb.fil;

/**
 * The size of a page: {@code logical} is the in-memory page size (innodb_page_size, 4–64 KiB);
 * {@code physical} is what one page occupies in the file. They differ only for
 * ROW_FORMAT=COMPRESSED tablespaces, whose physical ("zip") size is 1–16 KiB.
 * {@code zip} says the pages are in ROW_FORMAT=COMPRESSED format; usually that shows as
 * physical &lt; logical, but KEY_BLOCK_SIZE may equal innodb_page_size (8K zip pages in an 8K
 * instance, FSP flags 0x129), and those pages still have the zip layout: no trailer, zip checksum.
 */
public record PageSize(int logical, int physical, boolean zip) {

    public static final int MIN_LOGICAL = 4096;
    public static final int MAX_LOGICAL = 65536;
    public static final int DEFAULT_LOGICAL = 16384;

    /** A size whose pages are ROW_FORMAT=COMPRESSED exactly when {@code physical < logical}. */
    public PageSize(int logical, int physical) {
        this(logical, physical, physical != logical);
    }

    /** ROW_FORMAT=COMPRESSED pages of {@code zipSize} bytes in an instance of {@code logical} byte pages. */
    public static PageSize zip(int logical, int zipSize) {
        return new PageSize(logical, zipSize, true);
    }

    public PageSize {
        if (!isPowerOfTwo(logical) || logical < MIN_LOGICAL || logical > MAX_LOGICAL) {
            throw new IllegalArgumentException("logical page size " + logical);
        }
        if (!isPowerOfTwo(physical) || physical < 1024 || physical > logical || physical > 16384 && zip) {
            throw new IllegalArgumentException("physical page size " + physical);
        }
        if (!zip && physical != logical) {
            throw new IllegalArgumentException("physical page size " + physical + " differs from logical without zip");
        }
    }

    public static PageSize of(int logical) {
        return new PageSize(logical, logical);
    }

    /** True for ROW_FORMAT=COMPRESSED pages (see {@code zip}). */
    public boolean isCompressed() {
        return zip;
    }

    /** True when {@code size} is one of the page sizes InnoDB supports (4, 8, 16, 32, 64 KiB). */
    public static boolean isValidLogical(int size) {
        return isPowerOfTwo(size) && size >= MIN_LOGICAL && size <= MAX_LOGICAL;
    }

    private static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    @Override
    public String toString() {
        return isCompressed() ? (physical / 1024) + "K compressed (" + (logical / 1024) + "K logical)"
                : (logical / 1024) + "K";
    }
}
