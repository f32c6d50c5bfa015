package dev.salvage.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escaping and file handling of every sink, on handmade rows (the real-server proof is SinkRoundTripTest). */
class SinkFormatsTest {

    @TempDir
    Path dir;

    private static final RowLayout LAYOUT = new RowLayout("t", List.of(
            Column.of("n", ColumnType.of(TypeKind.INT)),
            Column.of("s", ColumnType.of(TypeKind.VARCHAR, 20)).withCharset("utf8mb4", null),
            Column.of("l", ColumnType.of(TypeKind.VARCHAR, 20)).withCharset("latin1", null),
            Column.of("b", ColumnType.of(TypeKind.VARBINARY, 20)),
            Column.of("f", ColumnType.of(TypeKind.BIT, 8))), List.of(), "utf8mb4");

    private static List<RowValue> row(RowValue... values) {
        return Arrays.asList(values);
    }

    private List<Path> dump(OutputFormat format, RowLayout layout, SinkOptions options, List<List<RowValue>> rows)
            throws IOException {
        try (RowSink sink = format.open(dir, layout, options)) {
            for (List<RowValue> r : rows) {
                sink.write(r);
            }
            return sink.finish().files();
        }
    }

    @Test
    void tsvEscapesTheFiveSpecialBytesAndNothingElse() {
        assertThat(TsvEscaper.escape("a\tb\nc\rd\\e\0f'\"\u001a,".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("a\\tb\\nc\\rd\\\\e\\0f'\"\u001a,");
        // A multi-byte trail byte 0x5C (cp932 "ソ" = 83 5C) is escaped byte-wise, which LOAD DATA with
        // CHARACTER SET binary undoes byte-wise.
        assertThat(TsvEscaper.escape(new byte[] {(byte) 0x83, 0x5C})).isEqualTo("\u0083\\\\");
    }

    @Test
    void tsvKeepsNullTextNullAndEmptyApartAndWritesColumnCharsets() throws IOException {
        List<Path> files = dump(OutputFormat.TSV, LAYOUT, SinkOptions.defaults(), List.of(
                row(RowValue.text("1"), RowValue.NULL, RowValue.text("\\N"), RowValue.bytes(new byte[] {0, (byte) 0xFF}),
                        RowValue.bytes(new byte[] {5})),
                row(RowValue.text("2"), RowValue.text("NULL"), RowValue.text(""), RowValue.bytes(new byte[0]),
                        RowValue.NULL),
                row(RowValue.text("3"), RowValue.text("\uD83D\uDE00 tab\there"), RowValue.text("é€\u0081"),
                        RowValue.NULL, RowValue.text("255"))));

        byte[] tsv = Files.readAllBytes(files.get(0));
        byte[] expected = concat("1\t\\N\t\\\\N\t00FF\t5\n",
                "2\tNULL\t\t\t\\N\n",
                "3\t\uD83D\uDE00 tab\\there\t", null, "\t\\N\t255\n");
        assertThat(tsv).isEqualTo(expected);
        assertThat(files.get(1).getFileName().toString()).isEqualTo("t.load.sql");
        assertThat(Files.readString(files.get(1))).contains("SET time_zone = '+00:00';", "CHARACTER SET binary",
                "(`n`, `s`, `l`, @c4, @c5)", "`b` = UNHEX(@c4)", "`f` = CAST(@c5 AS UNSIGNED)");
    }

    /** Strings in UTF-8, with the latin1 bytes E9 80 81 (é € U+0081) where {@code null} stands. */
    private static byte[] concat(String... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (String p : parts) {
            out.writeBytes(p == null ? new byte[] {(byte) 0xE9, (byte) 0x80, (byte) 0x81}
                    : p.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void tsvInUtf8ModeDeclaresUtf8mb4AndWritesLatin1AsUtf8() throws IOException {
        List<Path> files = dump(OutputFormat.TSV, LAYOUT, SinkOptions.defaults().withTsvText(SinkOptions.TsvText.UTF8MB4),
                List.of(row(RowValue.text("1"), RowValue.NULL, RowValue.text("é"), RowValue.NULL, RowValue.NULL)));
        assertThat(Files.readString(files.get(0))).isEqualTo("1\t\\N\té\t\\N\t\\N\n");
        assertThat(Files.readString(files.get(1))).contains("CHARACTER SET utf8mb4");
    }

    @Test
    void loadSqlSkipsMetadataAndGeneratedColumns() throws IOException {
        Column generated = new Column("g", ColumnType.of(TypeKind.INT), true, null, null, null, null, false, false,
                "(`n` * 2)", true, null, false, false, null);
        RowLayout layout = new RowLayout("t", List.of(Column.of("n", ColumnType.of(TypeKind.INT)), generated),
                List.of("page", "heap_no"), "utf8mb4");
        List<Path> files = dump(OutputFormat.TSV, layout, SinkOptions.defaults(),
                List.of(row(RowValue.text("1"), RowValue.text("2"), RowValue.text("3"), RowValue.text("4"))));
        assertThat(Files.readString(files.get(0))).isEqualTo("1\t2\t3\t4\n");
        assertThat(Files.readString(files.get(1))).contains("(`n`, @skip, @skip, @skip);");

        Files.delete(files.get(0));
        Files.delete(files.get(1));
        List<Path> sql = dump(OutputFormat.SQL, layout, SinkOptions.defaults(),
                List.of(row(RowValue.text("1"), RowValue.text("2"), RowValue.text("3"), RowValue.text("*/4"))));
        assertThat(Files.readString(sql.get(0))).contains("INSERT INTO `t` (`n`) VALUES\n(1) /* page=3, heap_no=* /4 */;\n");
    }

    @Test
    void metadataNamesMustNotClashWithColumns() {
        assertThatThrownBy(() -> LAYOUT.withMetaColumns(List.of("N"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sqlQuotesTextEscapesControlBytesAndSplitsStatements() throws IOException {
        List<Path> files = dump(OutputFormat.SQL, LAYOUT, SinkOptions.defaults().withStatementLimits(2, 1024),
                List.of(
                        row(RowValue.text("-1"), RowValue.text("it's \\ \0 \n \r \u001a \uD83D\uDE00"),
                                RowValue.text("é"), RowValue.bytes(new byte[] {0, (byte) 0xFF}), RowValue.text("3")),
                        row(RowValue.text("007x"), RowValue.NULL, RowValue.text("\\N"), RowValue.bytes(new byte[0]),
                                RowValue.bytes(new byte[] {1, 0})),
                        row(RowValue.text("3"), RowValue.text("NULL"), RowValue.NULL, RowValue.NULL, RowValue.NULL)));
        String sql = Files.readString(files.get(0));
        assertThat(sql).contains("SET NAMES utf8mb4;", "SET time_zone = '+00:00';",
                "INSERT INTO `t` (`n`, `s`, `l`, `b`, `f`) VALUES\n"
                        + "(-1,'it''s \\\\ \\0 \\n \\r \\Z \uD83D\uDE00','é',X'00FF',3),\n"
                        + "('007x',NULL,'\\\\N',X'',256);\n"
                        + "INSERT INTO `t` (`n`, `s`, `l`, `b`, `f`) VALUES\n(3,'NULL',NULL,NULL,NULL);\n");
    }

    @Test
    void sqlBinaryStringsReplaceAndByteLimit() throws IOException {
        RowLayout layout = new RowLayout("t", List.of(Column.of("b", ColumnType.of(TypeKind.BLOB))), List.of(), null);
        byte[] big = new byte[700];
        List<Path> files = dump(OutputFormat.SQL, layout, SinkOptions.defaults().withReplace(true)
                .withBinaryLiterals(SinkOptions.BinaryLiterals.BINARY_STRING).withStatementLimits(100, 1024),
                List.of(row(RowValue.bytes(new byte[] {'\'', '\\', 0, (byte) 0xFF, 0x1a})), row(RowValue.bytes(big)),
                        row(RowValue.bytes(big))));
        byte[] sql = Files.readAllBytes(files.get(0));
        String text = new String(sql, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("REPLACE INTO `t` (`b`) VALUES\n(_binary '\\'\\\\\\0\u00ff\\Z');\n");
        // 700 NULs escaped are 1400 bytes: each big row exceeds the limit and gets a statement of its own.
        assertThat(text.split("REPLACE INTO", -1)).hasSize(4);
    }

    @Test
    void textInCharsetsUnicodeCannotRoundTripIsWrittenAsIntroducedHex() throws IOException {
        RowLayout layout = new RowLayout("t", List.of(
                Column.of("sj", ColumnType.of(TypeKind.VARCHAR, 5)).withCharset("cp932", null)), List.of(), null);
        List<Path> files = dump(OutputFormat.SQL, layout, SinkOptions.defaults(), List.of(
                row(RowValue.text("\u2252", new byte[] {(byte) 0x87, (byte) 0x90})), row(RowValue.text("x"))));
        assertThat(Files.readString(files.get(0))).contains("(_cp932 X'8790'),\n('x');");
    }

    @Test
    void csvQuotesWhatNeedsItAndTellsNullFromEmpty() throws IOException {
        List<Path> files = dump(OutputFormat.CSV, LAYOUT, SinkOptions.defaults(), List.of(
                row(RowValue.text("1"), RowValue.text("a,\"b\"\r\nc"), RowValue.text(""), RowValue.bytes(new byte[] {10}),
                        RowValue.NULL)));
        assertThat(Files.readString(files.get(0)))
                .isEqualTo("n,s,l,b,f\r\n1,\"a,\"\"b\"\"\r\nc\",\"\",0A,\r\n");
        assertThat(CsvReader.read(Files.readString(files.get(0))).get(1))
                .containsExactly("1", "a,\"b\"\r\nc", "", "0A", null);
    }

    @Test
    void jsonLinesKeepsNumbersDigitsAndHexesBinary() throws IOException {
        RowLayout layout = new RowLayout("t", List.of(Column.of("n", ColumnType.of(TypeKind.DECIMAL, 30, 20)),
                Column.of("z", ColumnType.of(TypeKind.INT)), Column.of("b", ColumnType.of(TypeKind.BLOB)),
                Column.of("s", ColumnType.of(TypeKind.TEXT)), Column.of("f", ColumnType.of(TypeKind.BIT, 8))),
                List.of("page"), "utf8mb4");
        List<Path> files = dump(OutputFormat.JSONL, layout, SinkOptions.defaults(), List.of(
                row(RowValue.text("-0.10000000000000000001"), RowValue.text("007"), RowValue.bytes(new byte[] {0, -1}),
                        RowValue.text("\t\"\uD83D\uDE00\u0000"), RowValue.bytes(new byte[] {7}), RowValue.text("3")),
                row(RowValue.NULL, RowValue.damaged("BLOB chain broken at page 9"), RowValue.NULL, RowValue.NULL,
                        RowValue.NULL, RowValue.NULL)));
        assertThat(Files.readAllLines(files.get(0))).containsExactly(
                "{\"n\":-0.10000000000000000001,\"z\":\"007\",\"b\":\"00FF\",\"s\":\"\\t\\\"\uD83D\uDE00\\u0000\",\"f\":7,"
                        + "\"page\":\"3\"}",
                "{\"n\":null,\"z\":\"[salvage: damaged: BLOB chain broken at page 9]\",\"b\":null,\"s\":null,"
                        + "\"f\":null,\"page\":null}");
    }

    @Test
    void damagedValuesAreMarkedAndCounted() throws IOException {
        SinkResult result;
        try (RowSink sink = OutputFormat.TSV.open(dir, LAYOUT, SinkOptions.defaults())) {
            sink.write(row(RowValue.text("1"), RowValue.damaged("bad utf8"), RowValue.text("x"),
                    RowValue.damaged("chain"), RowValue.NULL));
            result = sink.finish();
        }
        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.damagedValues()).isEqualTo(2);
        assertThat(Files.readString(result.files().get(0)))
                .isEqualTo("1\t[salvage: damaged: bad utf8]\tx\t[salvage: damaged: chain]\t\\N\n");
    }

    @Test
    void unencodableTextIsCountedAsLossy() throws IOException {
        SinkResult result;
        try (RowSink sink = OutputFormat.TSV.open(dir, LAYOUT, SinkOptions.defaults())) {
            sink.write(row(RowValue.text("1"), RowValue.NULL, RowValue.text("日本"), RowValue.NULL, RowValue.NULL));
            result = sink.finish();
        }
        assertThat(result.lossyValues()).isEqualTo(1);
        assertThat(Files.readString(result.files().get(0))).isEqualTo("1\t\\N\t??\t\\N\t\\N\n");
    }

    @Test
    void existingFilesAndInputsAreRefused() throws IOException {
        Path existing = dir.resolve("t.load.sql");
        Files.writeString(existing, "keep me");
        assertThatThrownBy(() -> OutputFormat.TSV.open(dir, LAYOUT, SinkOptions.defaults()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("t.tsv")).doesNotExist();
        assertThat(existing).hasContent("keep me");

        Path input = dir.resolve("t.csv");
        Files.writeString(input, "input data");
        SinkOptions overwriting = SinkOptions.defaults().withOverwrite(true).withProtectedInputs(Set.of(input));
        assertThatThrownBy(() -> OutputFormat.CSV.open(dir, LAYOUT, overwriting))
                .isInstanceOf(IOException.class).hasMessageContaining("input file");
        assertThat(input).hasContent("input data");

        try (RowSink sink = OutputFormat.TSV.open(dir, LAYOUT, SinkOptions.defaults().withOverwrite(true))) {
            sink.write(row(RowValue.text("1"), RowValue.NULL, RowValue.NULL, RowValue.NULL, RowValue.NULL));
        }
        assertThat(Files.readString(existing)).contains("LOAD DATA LOCAL INFILE");
    }

    @Test
    void tableNamesBecomeSafeFileNames() {
        assertThat(OutputFiles.fileStem("orders")).isEqualTo("orders");
        assertThat(OutputFiles.fileStem("../x y")).isEqualTo("@002e@002e@002fx@0020y");
        assertThat(OutputFiles.fileStem("tö")).isEqualTo("t@00f6");
    }

    @Test
    void rowsOfTheWrongWidthAreAProgrammerError() throws IOException {
        try (RowSink sink = OutputFormat.CSV.open(dir, LAYOUT, SinkOptions.defaults())) {
            assertThatThrownBy(() -> sink.write(List.of(RowValue.NULL))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
