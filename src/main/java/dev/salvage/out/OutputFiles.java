package dev.salvage.out;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening output files safely: never over an input, never over an existing file unless told to. */
final class OutputFiles {

    private static final int BUFFER = 1 << 16;

    private OutputFiles() {
    }

    /** {@code dir/<stem><suffix>} where the stem is the table name made safe for any file system. */
    static Path pathFor(Path dir, String tableName, String suffix) {
        return dir.resolve(fileStem(tableName) + suffix);
    }

    /**
     * A table name as a file name: letters, digits, '_', '-' and '$' stay; anything else (path separators,
     * dots, spaces, non-ASCII) becomes {@code @xxxx}, the code point in hex, as the server names its own files,
     * so two different tables never share a file.
     */
    static String fileStem(String tableName) {
        StringBuilder out = new StringBuilder();
        tableName.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_'
                    || cp == '-' || cp == '$') {
                out.appendCodePoint(cp);
            } else {
                out.append('@').append(String.format("%04x", cp));
            }
        });
        return out.length() == 0 ? "@" : out.toString();
    }

    /** A buffered stream on a new file, refusing inputs and (without overwrite) existing files. */
    static OutputStream create(Path file, SinkOptions options) throws IOException {
        Path target = checkWritable(file, options);
        Files.createDirectories(target.getParent());
        OutputStream raw = options.overwrite()
                ? Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)
                : Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new BufferedOutputStream(raw, BUFFER);
    }

    /** Throws when {@link #create} would refuse the file; returns the absolute path. */
    static Path checkWritable(Path file, SinkOptions options) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        for (Path input : options.protectedInputs()) {
            Path in = input.toAbsolutePath().normalize();
            if (in.equals(target) || (Files.exists(target) && Files.exists(in) && Files.isSameFile(in, target))) {
                throw new IOException("refusing to write " + target + ": it is an input file");
            }
        }
        if (!options.overwrite() && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "output file exists (use overwrite)");
        }
        return target;
    }
}
