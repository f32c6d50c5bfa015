package dev.salvage.out;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <table>.tsv} exactly as {@code LOAD DATA INFILE} reads it by default, plus {@code <table>.load.sql}
 * that loads it ({@link TsvLoadScript}). No header line: LOAD DATA's default would read it as a row.
 * Binary columns are hex, BIT columns numbers; text columns follow {@link SinkOptions.TsvText}.
 */
final class TsvSink extends AbstractRowSink {

    private final Path dataFile;
    private final Path loadFile;
    private final OutputStream out;
    private final FieldRenderer renderer;

    TsvSink(Path dir, RowLayout layout, SinkOptions options) throws IOException {
        super(layout, options);
        this.dataFile = OutputFiles.pathFor(dir, layout.tableName(), ".tsv");
        this.loadFile = OutputFiles.pathFor(dir, layout.tableName(), ".load.sql");
        // Refuse an existing load SQL before writing any data, not after the dump.
        OutputFiles.checkWritable(loadFile, options);
        this.out = OutputFiles.create(dataFile, options);
        this.renderer = new FieldRenderer(layout, this);
    }

    @Override
    protected void writeRow(List<RowValue> row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write('\t');
            }
            RowValue value = row.get(i);
            if (value instanceof RowValue.Null) {
                out.write(TsvEscaper.NULL);
            } else if (options.tsvText() == SinkOptions.TsvText.NATIVE) {
                TsvEscaper.writeEscaped(out, renderer.nativeBytes(i, value));
            } else {
                TsvEscaper.writeEscaped(out, renderer.text(i, value).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('\n');
    }

    @Override
    protected List<Path> finishFiles(long rowCount) throws IOException {
        out.close();
        String script = TsvLoadScript.render(layout, dataFile, options, rowCount);
        try (OutputStream load = OutputFiles.create(loadFile, options)) {
            load.write(script.getBytes(StandardCharsets.UTF_8));
        }
        return List.of(dataFile, loadFile);
    }
}
