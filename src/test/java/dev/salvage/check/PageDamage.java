package dev.salvage.check;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.page.IndexPageHeader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Damage done on copies of real tablespaces for the check tests: page edits that keep a valid checksum (so
 * the structural check, not the checksum, must catch them), zeroing, overwriting and truncation.
 */
final class PageDamage implements AutoCloseable {

    static final int PAGE = 16384;
    private static final PageSize SIZE = PageSize.of(PAGE);

    private final RandomAccessFile file;

    PageDamage(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
    }

    long pages() throws IOException {
        return file.length() / PAGE;
    }

    byte[] read(long pageNo) throws IOException {
        byte[] page = new byte[PAGE];
        file.seek(pageNo * PAGE);
        file.readFully(page);
        return page;
    }

    void write(long pageNo, byte[] page) throws IOException {
        file.seek(pageNo * PAGE);
        file.write(page);
    }

    /** Writes the page with its checksum recomputed under the algorithm it had (CRC-32C or full_crc32). */
    void writeSealed(long pageNo, byte[] page, ChecksumAlgorithm algorithm) throws IOException {
        int value = (int) PageChecksum.compute(page, 0, SIZE, algorithm);
        if (algorithm == ChecksumAlgorithm.FULL_CRC32) {
            putInt(page, PAGE - 4, value);
        } else if (algorithm == ChecksumAlgorithm.CRC32C) {
            putInt(page, 0, value);
            putInt(page, PAGE - 8, value);
        } else {
            throw new IllegalArgumentException("cannot reseal " + algorithm);
        }
        write(pageNo, page);
    }

    static ChecksumAlgorithm algorithm(byte[] page) {
        ChecksumVerdict v = PageChecksum.verify(page, 0, SIZE, false, null);
        if (!v.valid()) {
            throw new IllegalStateException("page does not check out before damage");
        }
        return v.algorithm();
    }

    void truncate(long bytes) throws IOException {
        file.setLength(bytes);
    }

    /** Pages of {@code indexId} at {@code level}, in file order. */
    List<Long> pagesOf(long indexId, int level) throws IOException {
        List<Long> out = new ArrayList<>();
        for (long p = 0; p < pages(); p++) {
            byte[] page = read(p);
            IndexPageHeader h = IndexPageHeader.read(page, 0);
            if (Mach.read2(page, Fil.PAGE_TYPE) == 17855 && h.indexId() == indexId && h.level() == level) {
                out.add(p);
            }
        }
        return out;
    }

    static long prev(byte[] page) {
        return Mach.read4(page, Fil.PAGE_PREV);
    }

    static long next(byte[] page) {
        return Mach.read4(page, Fil.PAGE_NEXT);
    }

    static void putInt(byte[] page, int at, long value) {
        page[at] = (byte) (value >>> 24);
        page[at + 1] = (byte) (value >>> 16);
        page[at + 2] = (byte) (value >>> 8);
        page[at + 3] = (byte) value;
    }

    static byte[] zeros() {
        return new byte[PAGE];
    }

    static byte[] noise(long seed) {
        byte[] b = new byte[PAGE];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static byte[] copy(byte[] page) {
        return Arrays.copyOf(page, page.length);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
