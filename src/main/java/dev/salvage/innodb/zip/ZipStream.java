package dev.salvage.innodb.zip;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The page's zlib stream, inflated piece by piece straight into the uncompressed page the way
 * {@code page_zip_decompress_*} drives zlib: "give me exactly the bytes up to here", stopping early only when
 * the stream ends (records added after the last compression live in the modification log instead).
 */
final class ZipStream implements AutoCloseable {

    enum Step {
        /** All requested bytes arrived. */
        FILLED,
        /** The stream ended (its checksum included) before or exactly when the request was met. */
        ENDED,
        /** Corrupt or truncated stream; see {@link #problem()}. */
        FAILED
    }

    private final Inflater inflater = new Inflater();
    private final int inputStart;
    private String problem;
    private int lastCount;

    ZipStream(byte[] zip, int from, int to) {
        this.inputStart = from;
        inflater.setInput(zip, from, to - from);
    }

    /**
     * Inflates up to {@code want} bytes into {@code out[at..]}; {@link #lastCount()} tells how many came.
     * ENDED wins over FILLED when both hold, as zlib reports Z_STREAM_END then too.
     */
    Step inflate(byte[] out, int at, int want) {
        lastCount = 0;
        if (want < 0 || at < 0 || at + want > out.length) {
            problem = "record layout points outside the page (" + at + "+" + want + ")";
            return Step.FAILED;
        }
        try {
            while (true) {
                int n = inflater.inflate(out, at + lastCount, want - lastCount);
                lastCount += n;
                if (inflater.finished()) {
                    return Step.ENDED;
                }
                if (lastCount == want) {
                    return Step.FILLED;
                }
                if (n == 0) {
                    problem = inflater.needsDictionary() ? "zlib stream wants a preset dictionary"
                            : "zlib stream truncated after " + inflater.getBytesRead() + " bytes";
                    return Step.FAILED;
                }
            }
        } catch (DataFormatException e) {
            problem = "corrupt zlib stream after " + inflater.getBytesRead() + " bytes: " + e.getMessage();
            return Step.FAILED;
        }
    }

    int lastCount() {
        return lastCount;
    }

    boolean finished() {
        return inflater.finished();
    }

    /** Offset in the zip page just after the bytes the stream consumed: where the modification log begins. */
    int inputEnd() {
        return (int) Math.min(Integer.MAX_VALUE, inputStart + inflater.getBytesRead());
    }

    String problem() {
        return problem;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
