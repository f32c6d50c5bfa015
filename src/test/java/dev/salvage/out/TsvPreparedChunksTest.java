package dev.salvage.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows formatted ahead on other threads ({@link RowSink#prepare}) must give the very bytes and counts of {@code write}. */
class TsvPreparedChunksTest {

    @TempDir
    Path dir;

    private static final RowLayout LAYOUT = new RowLayout("t", List.of(
            Column.of("n", ColumnType.of(TypeKind.INT)),
            Column.of("s", ColumnType.of(TypeKind.VARCHAR, 20)).withCharset("utf8mb4", null),
            Column.of("l", ColumnType.of(TypeKind.VARCHAR, 20)).withCharset("latin1", null),
            Column.of("b", ColumnType.of(TypeKind.VARBINARY, 20)),
            Column.of("f", ColumnType.of(TypeKind.BIT, 8)),
            Column.of("d", ColumnType.of(TypeKind.DATETIME))), List.of(), "utf8mb4");

    private static List<List<RowValue>> rows() {
        List<List<RowValue>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(Arrays.asList(RowValue.text(Integer.toString(i - 150)),
                    i % 7 == 0 ? RowValue.NULL : RowValue.text("tab\there \uD83D\uDE00 " + i, ("tab\there " + i).getBytes()),
                    i % 5 == 0 ? RowValue.text("\u2252 not latin1") : RowValue.text("é\\\n\r\0"),
                    RowValue.bytes(new byte[] {0, (byte) i, '\t'}),
                    i % 11 == 0 ? RowValue.damaged("broken chain") : RowValue.bytes(new byte[] {(byte) i}),
                    RowValue.text("2006-02-03 04:05:0" + (i % 10))));
        }
        return rows;
    }

    @Test
    void preparedChunksWriteWhatRowByRowWrites() throws IOException {
        List<List<RowValue>> rows = rows();
        Path one = dir.resolve("row-by-row");
        SinkResult byRow;
        try (RowSink sink = OutputFormat.TSV.open(one, LAYOUT, SinkOptions.defaults())) {
            for (List<RowValue> r : rows) {
                sink.write(r);
            }
            byRow = sink.finish();
        }
        Path two = dir.resolve("chunks");
        SinkResult chunked;
        try (RowSink sink = OutputFormat.TSV.open(two, LAYOUT, SinkOptions.defaults())) {
            // Prepared out of order, written in order, mixed with a row written directly.
            RowSink.Prepared second = sink.prepare(rows.subList(100, 299));
            RowSink.Prepared first = sink.prepare(rows.subList(0, 100));
            assertThat(first).as("rendered ahead, not kept as rows").isNotInstanceOf(RowSink.PreparedRows.class);
            sink.writePrepared(first);
            sink.writePrepared(second);
            sink.write(rows.get(299));
            chunked = sink.finish();
        }
        assertThat(Files.readAllBytes(two.resolve("t.tsv"))).isEqualTo(Files.readAllBytes(one.resolve("t.tsv")));
        assertThat(chunked.rows()).isEqualTo(byRow.rows()).isEqualTo(300);
        assertThat(chunked.damagedValues()).isEqualTo(byRow.damagedValues()).isEqualTo(28);
        assertThat(chunked.lossyValues()).isEqualTo(byRow.lossyValues()).isPositive();
    }
}
