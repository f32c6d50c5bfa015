package dev.salvage.carve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by the workers of one run. */
final class ScanStats {
    /** At most this many unreadable regions are listed; the count covers all. */
    static final int MAX_LISTED_ERRORS = 100;

    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong unreadableBytes = new AtomicLong();
    private final List<String> errors = new ArrayList<>();

    void scanned(long bytes) {
        scanned.addAndGet(bytes);
    }

    void foundOne() {
        found.incrementAndGet();
    }

    synchronized void readError(String input, long from, long to, Exception e) {
        unreadableBytes.addAndGet(to - from);
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(input + " bytes " + from + ".." + to + ": " + e.getMessage());
        }
    }

    long scanned() {
        return scanned.get();
    }

    long pagesFound() {
        return found.get();
    }

    long unreadableBytes() {
        return unreadableBytes.get();
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }
}
