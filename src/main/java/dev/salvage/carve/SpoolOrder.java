package dev.salvage.carve;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets the workers' batches into the {@link Spool} in range order, so every group's spool file
 * holds its pages in input order whatever the number of threads (for a plain tablespace that is the
 * final order, and the finishing pass renames instead of copying).
 *
 * <p>A worker takes a batch ({@link #acquire}) before it takes a range, fills it, and hands it back
 * with {@link #complete}; whichever thread completes the range whose turn it is writes it and every
 * completed successor, while the other workers go on scanning. A batch that fills up before its range
 * ends is written as soon as all earlier ranges are ({@link #flushInTurn}); its range keeps its turn.
 *
 * <p>Memory: at most {@code threads + 1} batches exist. No deadlock: the lowest unwritten range is
 * always held by a worker that already has its batch, and ranges are taken in order. When a write
 * fails, the failing worker reports it and calls {@link #abort}, which wakes everyone waiting here.
 */
final class SpoolOrder {

    private final Spool spool;
    private final int maxBatches;
    private final int capacity;
    private final ArrayDeque<SpoolBatch> free = new ArrayDeque<>();
    private final Map<Long, SpoolBatch> ready = new HashMap<>();
    private int created;
    private long next;
    private boolean writing;
    private boolean aborted;

    SpoolOrder(Spool spool, int threads, long rangeSize) {
        this.spool = spool;
        this.maxBatches = threads + 1;
        this.capacity = SpoolBatch.capacityFor(rangeSize);
    }

    /** An empty batch; waits while all {@code threads + 1} are in use. */
    synchronized SpoolBatch acquire() throws InterruptedException {
        while (free.isEmpty() && created >= maxBatches && !aborted) {
            wait();
        }
        checkAborted();
        if (!free.isEmpty()) {
            return free.pop();
        }
        created++;
        return new SpoolBatch(capacity, spool.keepsPages());
    }

    /** Gives back a batch that was not used for a range. */
    synchronized void release(SpoolBatch batch) {
        batch.clear();
        free.push(batch);
        notifyAll();
    }

    /** Writes a full batch of a range that is not finished, once all earlier ranges are written. */
    void flushInTurn(SpoolBatch batch) throws InterruptedException {
        synchronized (this) {
            while (!aborted && (next != batch.seq() || writing)) {
                wait();
            }
            checkAborted();
            writing = true;
        }
        try {
            batch.writeTo(spool);
        } finally {
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }

    /** The batch's range is scanned: writes it (and completed successors) when its turn has come. */
    void complete(SpoolBatch batch) {
        synchronized (this) {
            checkAborted();
            ready.put(batch.seq(), batch);
        }
        drain();
    }

    /** Stops everyone waiting here (a worker failed). */
    synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    /** True when every range handed out was written (for a sanity check at the end). */
    synchronized boolean drained() {
        return ready.isEmpty() && !writing;
    }

    private void drain() {
        while (true) {
            SpoolBatch b;
            synchronized (this) {
                if (writing || aborted) {
                    return;
                }
                b = ready.remove(next);
                if (b == null) {
                    return;
                }
                writing = true;
            }
            boolean ok = false;
            try {
                b.writeTo(spool);
                ok = true;
            } finally {
                synchronized (this) {
                    writing = false;
                    if (ok) {
                        next++;
                        b.clear();
                        free.push(b);
                    }
                    notifyAll();
                }
            }
        }
    }

    private void checkAborted() {
        if (aborted) {
            throw new IllegalStateException("carve aborted");
        }
    }
}
