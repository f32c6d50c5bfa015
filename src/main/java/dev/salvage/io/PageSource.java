package dev.salvage.io;

import dev.salvage.innodb.fil.PageSize;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Pages of one tablespace, read by page number. Safe for concurrent reads. */
public interface PageSource extends Closeable {

    PageSize pageSize();

    /** Number of whole pages. */
    long pageCount();

    /** Bytes after the last whole page: non-zero when the file was cut inside a page. */
    long trailingBytes();

    /**
     * Reads pages {@code firstPage …} into {@code dst} (physical page size each) and returns how many
     * whole pages were read (fewer only at the end).
     */
    int readPages(long firstPage, int count, byte[] dst) throws IOException;

    /**
     * Like {@link #readPages(long, int, byte[])}, into {@code dst} from index 0 (its position and limit
     * are left unspecified). With a direct buffer the pages can be checked where the kernel put them.
     */
    int readPages(long firstPage, int count, ByteBuffer dst) throws IOException;

    String name();
}
