package dev.salvage.myisam;

import dev.salvage.io.ByteRange;

import java.io.IOException;

/**
 * Buffered positional reads over a file read mostly front to back (a .MYD scan): one window of
 * {@link #WINDOW} bytes is kept, so small header reads cost no system call.
 */
final class DataWindow {
    static final int WINDOW = 1 << 20;

    private final ByteRange file;
    private final long length;
    private final byte[] window;
    private long windowStart = -1;
    private int windowLength;

    DataWindow(ByteRange file) {
        this(file, WINDOW);
    }

    /** A smaller window for random reads (one record at a key's pointer), where a large one wastes each read. */
    DataWindow(ByteRange file, int windowSize) {
        this.file = file;
        this.length = file.length();
        this.window = new byte[windowSize];
    }

    long length() {
        return length;
    }

    /** Copies up to {@code len} bytes at {@code pos} into {@code dst}; returns how many exist there. */
    int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < 0 || pos >= length || len <= 0) {
            return 0;
        }
        int done = 0;
        while (done < len && pos + done < length) {
            long p = pos + done;
            if (windowStart < 0 || p < windowStart || p >= windowStart + windowLength) {
                if (len - done >= window.length) {
                    // Large reads (long blobs) go straight to the file.
                    int n = file.read(p, dst, off + done, len - done);
                    return done + Math.max(n, 0);
                }
                windowStart = p;
                windowLength = Math.max(file.read(p, window, 0, window.length), 0);
                if (windowLength == 0) {
                    break;
                }
            }
            int inWindow = (int) (p - windowStart);
            int n = Math.min(len - done, windowLength - inWindow);
            System.arraycopy(window, inWindow, dst, off + done, n);
            done += n;
        }
        return done;
    }
}
