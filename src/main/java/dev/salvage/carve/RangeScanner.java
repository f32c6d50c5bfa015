package dev.salvage.carve;

import dev.salvage.io.ByteRange;

import java.io.IOException;

/**
 * Scans ranges of candidate offsets for pages; one instance per worker thread (it owns a read
 * buffer, a {@link PageRecognizer} and a {@link SpoolBatch}).
 *
 * <p>Range rule: a page belongs to the range that contains its first byte. A range covers candidate
 * offsets [start, end) but reads up to end − stride + {@link PageRecognizer#MAX_PAGE}, so a page
 * that starts in it and straddles its end is seen whole, and a page starting in the next range is
 * never looked at here. Since the recogniser judges each offset on its own bytes, every page is
 * found exactly once however the input is split.
 */
final class RangeScanner {

    /** Candidate bytes per read; the buffer adds room for the largest page beyond the last candidate. */
    static final int CHUNK = 4 << 20;

    private final int stride;
    private final int chunk;
    private final byte[] buffer;
    private final PageRecognizer recognizer = new PageRecognizer();
    private final SpoolBatch batch;
    private final ScanStats stats;
    private final CarveListener listener;

    RangeScanner(int stride, Spool spool, ScanStats stats, CarveListener listener) {
        this.stride = stride;
        this.chunk = Math.max(stride, CHUNK / stride * stride);
        this.buffer = new byte[chunk + PageRecognizer.MAX_PAGE];
        this.batch = new SpoolBatch(spool);
        this.stats = stats;
        this.listener = listener;
    }

    /** Scans candidate offsets [start, end) of {@code in} (start a multiple of the stride). */
    void scan(int inputIndex, ByteRange in, long start, long end) {
        long length = in.length();
        long scanEnd = Math.min(end, length);
        for (long c = start; c < scanEnd; c += chunk) {
            long candidatesEnd = Math.min(c + chunk, scanEnd);
            long readEnd = Math.min(length, candidatesEnd - stride + PageRecognizer.MAX_PAGE);
            int wanted = (int) Math.max(0, readEnd - c);
            int got;
            try {
                got = readFully(in, c, wanted);
            } catch (IOException e) {
                // A bad sector must not end the scan: note the region and go on.
                stats.readError(in.name(), c, candidatesEnd, e);
                listener.scanned(candidatesEnd - c);
                continue;
            }
            scanBuffer(inputIndex, c, (int) (candidatesEnd - c), got);
            stats.scanned(candidatesEnd - c);
            listener.scanned(candidatesEnd - c);
        }
        batch.flush();
    }

    private void scanBuffer(int inputIndex, long bufferStart, int candidates, int got) {
        for (int i = 0; i < candidates && i < got; i += stride) {
            Recognition r = recognizer.recognize(buffer, i, got - i);
            if (r != null) {
                FoundPage p = FoundPage.of(inputIndex, bufferStart + i, buffer, i, r);
                batch.add(p, buffer, i);
                stats.foundOne();
            }
        }
    }

    private int readFully(ByteRange in, long pos, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(pos + done, buffer, done, len - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
