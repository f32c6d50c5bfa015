package dev.salvage.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Read-only random access to a sequence of bytes (one file, or several files seen as one, as
 * ibdata1, ibdata2, … form one tablespace). Implementations are safe for concurrent positional reads.
 */
public interface ByteRange extends Closeable {

    /** Total length in bytes. */
    long length();

    /**
     * Reads up to {@code len} bytes at {@code position} into {@code dst[off..]}; returns the number
     * read, which is less than {@code len} only at the end of the range.
     */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}, advancing its
     * position; returns the number read, which is less only at the end of the range. A direct
     * {@code dst} lets an implementation read without the JDK's intermediate copy.
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /** What to call this range in messages (a file name, or "ibdata1+ibdata2"). */
    String name();

    @Override
    void close() throws IOException;
}
