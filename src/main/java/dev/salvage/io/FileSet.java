package dev.salvage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more files opened READ-only and seen as one contiguous byte range, in the given order.
 * Salvage never opens an input for writing: this class is the only way inputs are read.
 *
 * <p>Reads are positional reads, not memory mappings: a mapped file that another process cuts short
 * makes the JVM raise an InternalError later, at an unrelated point, which no caller can handle;
 * a read just comes back short.
 */
public final class FileSet implements ByteRange {

    private final List<Path> paths;
    private final FileChannel[] channels;
    private final long[] starts;
    private final long length;

    private FileSet(List<Path> paths, FileChannel[] channels, long[] starts, long length) {
        this.paths = paths;
        this.channels = channels;
        this.starts = starts;
        this.length = length;
    }

    /** Opens the files read-only; fails with a one-line message when one is missing, a directory or unreadable. */
    public static FileSet open(List<Path> paths) throws UnreadableInputException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        FileChannel[] channels = new FileChannel[paths.size()];
        long[] starts = new long[paths.size()];
        long total = 0;
        try {
            for (int i = 0; i < paths.size(); i++) {
                Path p = paths.get(i);
                if (Files.isDirectory(p)) {
                    throw new UnreadableInputException(p + ": is a directory, not a tablespace file");
                }
                try {
                    channels[i] = FileChannel.open(p, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    throw new UnreadableInputException(p + ": no such file");
                } catch (AccessDeniedException e) {
                    throw new UnreadableInputException(p + ": permission denied");
                } catch (IOException e) {
                    throw new UnreadableInputException(p + ": cannot open (" + e.getMessage() + ")", e);
                }
                starts[i] = total;
                total += channels[i].size();
            }
        } catch (IOException e) {
            closeQuietly(channels);
            if (e instanceof UnreadableInputException u) {
                throw u;
            }
            throw new UnreadableInputException("cannot read " + paths + ": " + e.getMessage(), e);
        }
        return new FileSet(List.copyOf(paths), channels, starts, total);
    }

    public static FileSet open(Path path) throws UnreadableInputException {
        return open(List.of(path));
    }

    public List<Path> paths() {
        return paths;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len && position + done < length) {
            long pos = position + done;
            int file = fileAt(pos);
            long inFile = pos - starts[file];
            long fileEnd = file + 1 < starts.length ? starts[file + 1] : length;
            ByteBuffer buf = ByteBuffer.wrap(dst, off + done, (int) Math.min(len - done, fileEnd - pos));
            int n = channels[file].read(buf, inFile);
            if (n <= 0) {
                break; // the file shrank since it was opened: report a short read
            }
            done += n;
        }
        return done;
    }

    /** Like {@link #read(long, byte[], int, int)}; a direct buffer is filled by the kernel without a bounce copy. */
    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        int limit = dst.limit();
        int done = 0;
        try {
            while (done < len && position + done < length) {
                long pos = position + done;
                int file = fileAt(pos);
                long fileEnd = file + 1 < starts.length ? starts[file + 1] : length;
                dst.limit(dst.position() + (int) Math.min(len - done, fileEnd - pos));
                int n = channels[file].read(dst, pos - starts[file]);
                if (n <= 0) {
                    break; // the file shrank since it was opened: report a short read
                }
                done += n;
            }
        } finally {
            dst.limit(limit);
        }
        return done;
    }

    private int fileAt(long pos) {
        int i = starts.length - 1;
        while (i > 0 && starts[i] > pos) {
            i--;
        }
        return i;
    }

    @Override
    public String name() {
        return paths.stream().map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString())
                .collect(Collectors.joining("+"));
    }

    @Override
    public void close() {
        closeQuietly(channels);
    }

    private static void closeQuietly(FileChannel[] channels) {
        for (FileChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Nothing useful to do: the channel was read-only.
                }
            }
        }
    }

    /** Orders ibdata-style names numerically (ibdata2 before ibdata10); others keep their order. */
    public static List<Path> sortedSystemFiles(List<Path> files) {
        List<Path> copy = new ArrayList<>(files);
        copy.sort((a, b) -> Long.compare(systemFileNumber(a), systemFileNumber(b)));
        return copy;
    }

    static long systemFileNumber(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith("ibdata")) {
            try {
                return Long.parseLong(n.substring(6));
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }
}
