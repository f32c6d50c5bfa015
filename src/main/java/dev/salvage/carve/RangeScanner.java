package dev.salvage.carve;

import dev.salvage.io.ByteRange;

import java.io.IOException;

/**
 * Scans ranges of candidate offsets for pages; one instance per worker thread (it owns a read
 * buffer and a {@link PageRecognizer}); found pages go into the range's {@link SpoolBatch}.
 *
 * <p>Range rule: a page belongs to the range that contains its first byte. A range covers candidate
 * offsets [start, end) but reads up to end − stride + {@link PageRecognizer#MAX_PAGE}, so a page
 * that starts in it and straddles its end is seen whole, and a page starting in the next range is
 * never looked at here. Since the recogniser judges each offset on its own bytes, every page is
 * found exactly once however the input is split.
 */
final class RangeScanner {

    /**
     * Candidate bytes per read; the buffer adds room for the largest page beyond the last candidate.
     * Small enough that the read buffer (and the JDK's bounce buffer behind a heap read) stay in the
     * CPU cache while the recogniser and the checksums go over them.
     */
    static final int CHUNK = 1 << 20;

    private final int stride;
    private final int chunk;
    private final byte[] buffer;
    private final PageRecognizer recognizer = new PageRecognizer();
    private final SpoolOrder order;
    private final ScanStats stats;
    private final CarveListener listener;

    RangeScanner(int stride, SpoolOrder order, ScanStats stats, CarveListener listener) {
        this.stride = stride;
        this.chunk = Math.max(stride, CHUNK / stride * stride);
        this.buffer = new byte[chunk + PageRecognizer.MAX_PAGE];
        this.order = order;
        this.stats = stats;
        this.listener = listener;
    }

    /**
     * Scans candidate offsets [start, end) of {@code in} (start a multiple of the stride) into
     * {@code batch}, which {@link SpoolOrder} writes when it is full or the range is done. Each byte
     * is read once: the bytes past a chunk's last candidate, read so that a page starting there is
     * seen whole, are moved to the front of the buffer and begin the next chunk.
     */
    void scan(int inputIndex, ByteRange in, long start, long end, SpoolBatch batch) throws InterruptedException {
        long length = in.length();
        long scanEnd = Math.min(end, length);
        int carried = 0; // bytes at buffer[0..carried) that are the input at c
        for (long c = start; c < scanEnd; c += chunk) {
            long candidatesEnd = Math.min(c + chunk, scanEnd);
            long readEnd = Math.min(length, candidatesEnd - stride + PageRecognizer.MAX_PAGE);
            int wanted = (int) Math.max(0, readEnd - c);
            int got;
            try {
                got = carried >= wanted ? wanted : carried + readFully(in, c + carried, carried, wanted - carried);
            } catch (IOException e) {
                // A bad sector must not end the scan: note the region and go on.
                stats.readError(in.name(), c, candidatesEnd, e);
                listener.scanned(candidatesEnd - c);
                carried = 0;
                continue;
            }
            int candidates = (int) (candidatesEnd - c);
            scanBuffer(inputIndex, c, candidates, got, batch);
            stats.scanned(candidates);
            listener.scanned(candidates);
            carried = Math.max(0, got - candidates);
            if (carried > 0) {
                System.arraycopy(buffer, candidates, buffer, 0, carried);
            }
        }
    }

    private void scanBuffer(int inputIndex, long bufferStart, int candidates, int got, SpoolBatch batch)
            throws InterruptedException {
        int end = Math.min(candidates, got);
        for (int i = 0; i < end; i += stride) {
            if (!PageRecognizer.mayBePage(buffer, i, got - i)) {
                continue;
            }
            Recognition r = recognizer.recognize(buffer, i, got - i);
            if (r != null) {
                FoundPage p = FoundPage.of(inputIndex, bufferStart + i, buffer, i, r);
                if (!batch.fits(p.physicalSize())) {
                    order.flushInTurn(batch);
                }
                batch.add(p, buffer, i);
                stats.foundOne();
            }
        }
    }

    private int readFully(ByteRange in, long pos, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(pos + done, buffer, off + done, len - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
