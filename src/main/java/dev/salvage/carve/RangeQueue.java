package dev.salvage.carve;

import dev.salvage.io.ByteRange;

import java.util.List;

/**
 * Hands out the ranges of all inputs, in input order and ascending offsets, to worker threads
 * as they become free (a slow range does not hold the others back). Ranges start at multiples of
 * the range size, itself a multiple of the stride, so candidate offsets stay stride-aligned.
 */
final class RangeQueue {

    /** {@code seq}: the range's place in the order handed out (0, 1, 2, …), which is input order. */
    record Range(long seq, int input, long start, long end) {}

    private final long[] lengths;
    private final long rangeSize;
    private int input;
    private long next;
    private long seq;

    RangeQueue(List<? extends ByteRange> inputs, long rangeSize) {
        this.lengths = inputs.stream().mapToLong(ByteRange::length).toArray();
        this.rangeSize = rangeSize;
    }

    long rangeCount() {
        long n = 0;
        for (long len : lengths) {
            n += (len + rangeSize - 1) / rangeSize;
        }
        return n;
    }

    synchronized Range next() {
        while (input < lengths.length && next >= lengths[input]) {
            input++;
            next = 0;
        }
        if (input >= lengths.length) {
            return null;
        }
        long start = next;
        next = Math.min(lengths[input], start + rangeSize);
        return new Range(seq++, input, start, next);
    }
}
