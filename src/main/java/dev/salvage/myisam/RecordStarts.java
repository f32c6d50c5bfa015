package dev.salvage.myisam;

import java.util.Arrays;

/** The start offsets of intact records, collected in file order (so sorted), for key-pointer lookups. */
final class RecordStarts {
    private long[] starts = new long[1024];
    private int size;

    void add(long position) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[size++] = position;
    }

    long get(int i) {
        return starts[i];
    }

    int size() {
        return size;
    }

    /** Index of the record starting at {@code position}, or −1. */
    int indexOf(long position) {
        int i = Arrays.binarySearch(starts, 0, size, position);
        return i >= 0 ? i : -1;
    }
}
