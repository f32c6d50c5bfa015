package dev.salvage.innodb.pagecomp;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.SingleXZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The six decoders of fil_page_decompress_low, each held to the server's rule: the stream must decode without
 * error to exactly one page. A stream that breaks off keeps, where the decoder streams (zlib, lzma, bzip2), the
 * bytes it produced before the break: the page's own header is at its start, which is enough to say whose
 * records were lost. Never throws.
 */
final class PageCodecs {

    /**
     * The decoder's output: {@code produced} bytes of {@code out} (one page long) are what the stream gave before
     * it ended or broke; the page is whole when {@code problem} is null.
     */
    record Decoded(byte[] out, int produced, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /** lzma_easy_buffer_encode at level 9 uses a 64 MiB dictionary; nothing legitimate asks more (KiB). */
    private static final int XZ_MEMORY_LIMIT_KIB = 80 * 1024;
    /** Output step when a broken zlib stream is decoded again to keep the bytes before the break. */
    private static final int SALVAGE_STEP = 256;

    private PageCodecs() {
    }

    static Decoded decode(PageCompressionAlgorithm algorithm, byte[] in, int off, int len, int pageSize) {
        if (off < 0 || len <= 0 || off > in.length - len) {
            return new Decoded(new byte[pageSize], 0, "compressed length " + len + " outside the page");
        }
        try {
            return switch (algorithm) {
                case ZLIB -> inflate(in, off, len, pageSize);
                case LZ4 -> block(algorithm, new Lz4Decompressor()::decompress, in, off, len, pageSize);
                case LZO -> block(algorithm, new LzoDecompressor()::decompress, in, off, len, pageSize);
                case SNAPPY -> snappy(in, off, len, pageSize);
                case LZMA -> stream(in, off, len, pageSize, true);
                case BZIP2 -> stream(in, off, len, pageSize, false);
            };
        } catch (RuntimeException e) {
            // The libraries signal malformed input with unchecked exceptions of their own (aircompressor's
            // MalformedInputException, index errors in older decoders): damage is a result here, never a crash.
            return new Decoded(new byte[pageSize], 0, algorithm + " stream is damaged: " + describe(e));
        }
    }

    private static Decoded inflate(byte[] in, int off, int len, int pageSize) {
        byte[] out = new byte[pageSize];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, off, len);
            int n = 0;
            while (n < pageSize && !inflater.finished()) {
                int k = inflater.inflate(out, n, pageSize - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return new Decoded(out, n, "zlib stream ends after " + n + " of " + pageSize + " bytes");
                }
                n += k;
            }
            if (!inflater.finished()) {
                // The page is full; the stream must end here (its Adler-32 is checked on the way).
                int more = inflater.inflate(new byte[1]);
                if (more > 0) {
                    return new Decoded(out, n, "zlib stream is longer than the page (" + pageSize + " bytes)");
                }
                if (!inflater.finished()) {
                    return new Decoded(out, n, "zlib stream does not end after the page");
                }
            }
            return n == pageSize ? new Decoded(out, n, null)
                    : new Decoded(out, n, "zlib stream gives " + n + " bytes, not a page of " + pageSize);
        } catch (DataFormatException e) {
            return new Decoded(out, inflatePrefix(in, off, len, out), "zlib stream is damaged: " + describe(e));
        } finally {
            inflater.end();
        }
    }

    /**
     * Decodes a broken zlib stream again in small steps: the JDK's Inflater drops the count of a step that fails,
     * so small steps keep all but the last few bytes before the damage.
     */
    private static int inflatePrefix(byte[] in, int off, int len, byte[] out) {
        java.util.Arrays.fill(out, (byte) 0);
        Inflater inflater = new Inflater();
        int n = 0;
        try {
            inflater.setInput(in, off, len);
            while (n < out.length && !inflater.finished()) {
                int k = inflater.inflate(out, n, Math.min(SALVAGE_STEP, out.length - n));
                if (k == 0) {
                    break;
                }
                n += k;
            }
        } catch (DataFormatException e) {
            // n bytes came before the damage
        } finally {
            inflater.end();
        }
        java.util.Arrays.fill(out, n, out.length, (byte) 0);
        return n;
    }

    @FunctionalInterface
    private interface BlockDecoder {
        int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut);
    }

    /**
     * lz4, lzo and snappy blocks: decoded in one call; the exact stored length must give exactly one page. When
     * the block breaks, the decoder names the input offset where it noticed; everything before it was written out
     * in order, and each of these formats spends at most two input bytes per output byte (a literal costs one
     * byte plus a shared token, a copy of at least four bytes costs two or three), so half that offset is a lower
     * bound of the bytes written. The damage itself may lie earlier: callers compare what they use with the
     * stored header.
     */
    private static Decoded block(PageCompressionAlgorithm algorithm, BlockDecoder decoder, byte[] in, int off,
            int len, int pageSize) {
        byte[] out = new byte[pageSize];
        try {
            int n = decoder.decompress(in, off, len, out, 0, pageSize);
            return n == pageSize ? new Decoded(out, n, null)
                    : new Decoded(out, Math.min(n, pageSize), algorithm + " stream gives " + n
                            + " bytes, not a page of " + pageSize);
        } catch (MalformedInputException e) {
            int written = (int) Math.max(0, Math.min(pageSize, e.getOffset() / 2));
            return new Decoded(out, written, algorithm + " stream is damaged: " + describe(e));
        }
    }

    private static Decoded snappy(byte[] in, int off, int len, int pageSize) {
        long length = snappyLength(in, off, len);
        if (length != pageSize) {
            return new Decoded(new byte[pageSize], 0, "snappy stream announces " + length + " bytes, not a page of "
                    + pageSize);
        }
        return block(PageCompressionAlgorithm.SNAPPY, new SnappyDecompressor()::decompress, in, off, len, pageSize);
    }

    /** The uncompressed length a snappy block starts with (a little-endian base-128 varint), or -1. */
    static long snappyLength(byte[] in, int off, int len) {
        long value = 0;
        for (int i = 0; i < 5 && i < len; i++) {
            int b = in[off + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }

    /** lzma (an .xz stream, no integrity check) and bzip2 (one stream, CRC-checked): read to one page and its end. */
    private static Decoded stream(byte[] in, int off, int len, int pageSize, boolean xz) {
        byte[] out = new byte[pageSize];
        int n = 0;
        String name = xz ? "lzma" : "bzip2";
        try (InputStream s = open(in, off, len, xz)) {
            while (n < pageSize) {
                int k = s.read(out, n, pageSize - n);
                if (k < 0) {
                    return new Decoded(out, n, name + " stream ends after " + n + " of " + pageSize + " bytes");
                }
                n += k;
            }
            // Reading past the page checks the stream's end (and, for bzip2, its CRC).
            if (s.read() >= 0) {
                return new Decoded(out, n, name + " stream is longer than the page (" + pageSize + " bytes)");
            }
            return new Decoded(out, n, null);
        } catch (IOException | RuntimeException e) {
            return new Decoded(out, streamPrefix(in, off, len, xz, out), name + " stream is damaged: " + describe(e));
        }
    }

    private static InputStream open(byte[] in, int off, int len, boolean xz) throws IOException {
        return xz ? new SingleXZInputStream(new ByteArrayInputStream(in, off, len), XZ_MEMORY_LIMIT_KIB, true,
                BasicArrayCache.getInstance())
                : new BZip2CompressorInputStream(new ByteArrayInputStream(in, off, len), false);
    }

    /**
     * Reads a broken lzma or bzip2 stream again in small steps: a read that fails drops its count, and bzip2
     * checks its CRC only at the end of a block (a whole page here), so small reads keep what came before.
     */
    private static int streamPrefix(byte[] in, int off, int len, boolean xz, byte[] out) {
        java.util.Arrays.fill(out, (byte) 0);
        int n = 0;
        try (InputStream s = open(in, off, len, xz)) {
            while (n < out.length) {
                int k = s.read(out, n, Math.min(SALVAGE_STEP, out.length - n));
                if (k < 0) {
                    break;
                }
                n += k;
            }
        } catch (IOException | RuntimeException e) {
            // n bytes came before the damage
        }
        java.util.Arrays.fill(out, n, out.length, (byte) 0);
        return n;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
