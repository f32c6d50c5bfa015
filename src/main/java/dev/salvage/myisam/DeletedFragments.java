package dev.salvage.myisam;

import dev.salvage.io.ByteRange;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What survives of deleted records in a DYNAMIC .MYD, written as TSV for a person to search: one line per deleted
 * block with its position, its length, how many bytes the delete chain overwrote, and the bytes after them in
 * hex and as text (printable ASCII as is, every other byte as '.'). {@code _mi_delete_dynamic_record} writes a
 * 20-byte header (type 0, block length, next and previous deleted block) over the start of each block of the
 * record, which took the record's block header, its "empty field" bitmap and its first columns; adjacent deleted
 * blocks are merged, so one line may hold several records' remains. The bytes are streamed in small pieces, so
 * a large merged block needs no large buffer.
 */
public final class DeletedFragments implements Closeable {
    /** Bytes of a deleted block's header: the links that overwrote the record's first bytes. */
    public static final int LINK_BYTES = DynamicBlock.MAX_HEADER;
    private static final int CHUNK = 64 * 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ByteRange myd;
    private final Writer out;
    private final byte[] buf = new byte[CHUNK];
    private long blocks;
    private long bytes;

    private DeletedFragments(ByteRange myd, Writer out) {
        this.myd = myd;
        this.out = out;
    }

    /** Creates {@code file} (refusing to replace it unless {@code overwrite}) and writes its header line. */
    public static DeletedFragments create(ByteRange myd, Path file, boolean overwrite) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, overwrite ? StandardOpenOption.TRUNCATE_EXISTING
                        : StandardOpenOption.CREATE_NEW);
        w.write("position\tblock_length\toverwritten_bytes\tsurviving_hex\tsurviving_text\n");
        return new DeletedFragments(myd, w);
    }

    /** Writes the block at {@code position}; false when it lies outside the file. */
    public boolean write(long position, long length) throws IOException {
        long from = position + LINK_BYTES;
        long end = position + length;
        if (position < 0 || length < LINK_BYTES || end > myd.length()) {
            return false;
        }
        out.write(position + "\t" + length + "\t" + LINK_BYTES + "\t");
        for (long p = from; p < end; p += CHUNK) {
            int n = (int) Math.min(CHUNK, end - p);
            myd.read(p, buf, 0, n);
            for (int i = 0; i < n; i++) {
                out.write(HEX[(buf[i] >> 4) & 15]);
                out.write(HEX[buf[i] & 15]);
            }
        }
        out.write('\t');
        for (long p = from; p < end; p += CHUNK) {
            int n = (int) Math.min(CHUNK, end - p);
            myd.read(p, buf, 0, n);
            for (int i = 0; i < n; i++) {
                int c = buf[i] & 0xff;
                out.write(c >= 0x20 && c < 0x7f && c != '\\' ? c : '.');
            }
        }
        out.write('\n');
        blocks++;
        bytes += end - from;
        return true;
    }

    public long blocks() {
        return blocks;
    }

    /** Bytes of deleted records written (the surviving part of each block). */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
