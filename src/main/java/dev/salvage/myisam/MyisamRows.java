package dev.salvage.myisam;

import dev.salvage.io.ByteRange;
import dev.salvage.out.RowValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every intact record of a .MYD as a row, in file order, and with {@code withDeleted} the deleted records too.
 * Broken blocks are skipped by {@link MydReader} with findings. A deleted FIXED record keeps everything but its
 * first {@code 1 + rec_reflength} bytes ({@code _mi_delete_static_record} writes the delete flag and the next
 * delete link there), so its columns there come out as damage markers. A deleted DYNAMIC block's 20-byte header
 * overwrites the record's start (its block header, "empty field" bitmap and first columns) and its split parts are
 * no longer linked, so it cannot be decoded into columns: the handler may take its surviving bytes whole
 * ({@link RowHandler#deletedBlock}, see {@link DeletedFragments}); else it is counted as not decoded.
 */
public final class MyisamRows {

    /** Receives each row: one value per stored column. */
    @FunctionalInterface
    public interface RowHandler {
        void row(List<RowValue> values, boolean deleted, long position) throws IOException;

        /**
         * A deleted block of a DYNAMIC table ({@code position}, {@code length} bytes in the .MYD): its first
         * {@link DeletedFragments#LINK_BYTES} bytes hold the delete chain's links, the rest is what the record
         * left there. Called only with deleted records asked for; returns whether the block was taken.
         */
        default boolean deletedBlock(long position, long length) throws IOException {
            return false;
        }
    }

    private MyisamRows() {
    }

    public static MyisamRowsResult read(MyiFile myi, ByteRange myd, MyisamRowDecoder decoder, boolean withDeleted,
            RowHandler handler) throws IOException {
        long[] counts = new long[4]; // rows, deleted rows, deleted blocks not decoded, rows with damaged values
        FindingSink sink = new FindingSink();
        long reclength = myi.base().packReclength(); // what MydReader reports per FIXED record
        int clobbered = 1 + myi.base().recRefLength();
        MydScan scan;
        try {
            scan = MydReader.scan(myi, myd, new MydReader.Visitor() {
                @Override
                public void record(RecordImage record) {
                    emit(decoder.decode(record), false, record.position());
                }

                @Override
                public void deleted(long position, long length) {
                    if (!withDeleted) {
                        return;
                    }
                    if (myi.format() == RecordFormat.DYNAMIC) {
                        try {
                            if (handler.deletedBlock(position, length)) {
                                return; // taken whole by the handler; not a row
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    if (myi.format() != RecordFormat.FIXED || length != reclength || length > Integer.MAX_VALUE) {
                        counts[2]++;
                        return;
                    }
                    byte[] image = new byte[(int) length];
                    try {
                        if (myd.read(position, image, 0, image.length) != image.length) {
                            counts[2]++;
                            return;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    counts[1]++;
                    emit(decoder.decode(new RecordImage(position, image, List.of()), clobbered), true, position);
                }

                private void emit(List<RowValue> row, boolean deleted, long position) {
                    if (!deleted) {
                        counts[0]++;
                    }
                    if (!deleted && row.stream().anyMatch(v -> v instanceof RowValue.Damaged)) {
                        counts[3]++;
                        sink.add(MyisamFinding.error("damaged-value", "MYD", position,
                                "Record at " + position + " has values that do not decode: " + describe(row)));
                    }
                    try {
                        handler.row(row, deleted, position);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (counts[2] > 0) {
            sink.add(MyisamFinding.info("deleted-not-decoded", "MYD", -1, counts[2] + " deleted blocks of a "
                    + myi.format() + " table not decoded (their block headers overwrote the record start)"));
        }
        return new MyisamRowsResult(counts[0], counts[1], counts[2], counts[3], scan, sink.findings(),
                sink.suppressed());
    }

    private static String describe(List<RowValue> row) {
        StringBuilder out = new StringBuilder();
        for (RowValue v : row) {
            if (v instanceof RowValue.Damaged d) {
                out.append(out.length() > 0 ? "; " : "").append(d.reason());
            }
        }
        return out.toString();
    }
}
