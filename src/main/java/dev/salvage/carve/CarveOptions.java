package dev.salvage.carve;

/**
 * How to scan.
 *
 * @param stride    distance between candidate offsets; a multiple of 512 (disk sectors) — pages are
 *                  only ever written at sector-aligned positions of a file system
 * @param threads   worker threads
 * @param rangeSize bytes of candidate offsets per unit of work (rounded to a multiple of the stride);
 *                  small values exist for tests that force many range boundaries
 * @param writePages false: write only the manifest (where each page is and why it was accepted),
 *                  not the pages — a survey of an input before spending the disk space, and the
 *                  scan rate without the output device
 */
public record CarveOptions(int stride, int threads, long rangeSize, boolean writePages) {

    public static final int SECTOR = 512;
    public static final long DEFAULT_RANGE = 16L << 20;

    public CarveOptions {
        if (stride <= 0 || stride % SECTOR != 0) {
            throw new IllegalArgumentException("stride must be a positive multiple of 512, got " + stride);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (rangeSize <= 0) {
            throw new IllegalArgumentException("range size must be positive, got " + rangeSize);
        }
        rangeSize = Math.max(stride, rangeSize / stride * stride);
    }

    public static CarveOptions defaults() {
        return new CarveOptions(SECTOR, Runtime.getRuntime().availableProcessors(), DEFAULT_RANGE, true);
    }

    public CarveOptions withStride(int s) {
        return new CarveOptions(s, threads, rangeSize, writePages);
    }

    public CarveOptions withThreads(int t) {
        return new CarveOptions(stride, t, rangeSize, writePages);
    }

    public CarveOptions withRangeSize(long r) {
        return new CarveOptions(stride, threads, r, writePages);
    }

    public CarveOptions withWritePages(boolean w) {
        return new CarveOptions(stride, threads, rangeSize, w);
    }
}
