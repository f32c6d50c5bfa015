package dev.salvage.carve;

/** Progress of a carve run, for a progress bar. Called from worker threads. */
public interface CarveListener {
    CarveListener NONE = new CarveListener() {};

    /** Before scanning: the total number of bytes to scan over all inputs. */
    default void started(long totalBytes) {}

    /** {@code bytes} more have been scanned. */
    default void scanned(long bytes) {}

    /** Scanning is done; the output is being put in order. */
    default void finishing() {}
}
