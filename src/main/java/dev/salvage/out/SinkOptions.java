package dev.salvage.out;

import java.nio.file.Path;
import java.util.Set;

/**
 * Settings shared by the sinks. Immutable; start from {@link #defaults()} and use the {@code with*} methods.
 *
 * @param overwrite           replace existing output files (otherwise an existing file is refused)
 * @param protectedInputs     the files being salvaged: never opened for writing, even with {@code overwrite}
 * @param tsvText             how the TSV sink writes text columns (see {@link TsvText})
 * @param localInfile         the load SQL reads the TSV from the client ({@code LOAD DATA LOCAL INFILE}); false:
 *                            from the server's file system (the file must then be under secure_file_priv)
 * @param replace             the SQL sink writes {@code REPLACE} instead of {@code INSERT}
 * @param rowsPerStatement    most rows in one multi-row INSERT
 * @param bytesPerStatement   an INSERT is ended before it grows past this many bytes (a single larger row still
 *                            gets a statement of its own); keep it below the target's max_allowed_packet
 * @param binaryLiterals      how the SQL sink writes binary values
 */
public record SinkOptions(boolean overwrite, Set<Path> protectedInputs, TsvText tsvText, boolean localInfile,
        boolean replace, int rowsPerStatement, int bytesPerStatement, BinaryLiterals binaryLiterals) {

    /**
     * Text columns in TSV. Both keep the file loadable by the generated SQL; they differ in which bytes the
     * text columns hold.
     */
    public enum TsvText {
        /**
         * Each text column in its own character set, the file loaded with {@code CHARACTER SET binary}: no
         * conversion anywhere, so every character set round-trips byte for byte (cp932 and other sets with
         * several byte sequences for one Unicode character included). The default.
         */
        NATIVE,
        /**
         * Every text column as UTF-8, loaded with {@code CHARACTER SET utf8mb4}: readable with any tool, exact
         * for character sets whose characters map one-to-one to Unicode (utf8mb3/utf8mb4, latin1, ascii, ...).
         */
        UTF8MB4
    }

    /** Binary values in SQL. */
    public enum BinaryLiterals {
        /** {@code X'00FF'}: plain ASCII, safe in any client. The default. */
        HEX,
        /** {@code _binary '...'} with the raw bytes escaped as mysqldump writes them: half the size. */
        BINARY_STRING
    }

    public SinkOptions {
        protectedInputs = Set.copyOf(protectedInputs == null ? Set.of() : protectedInputs);
        if (rowsPerStatement < 1) {
            throw new IllegalArgumentException("rowsPerStatement must be positive");
        }
        if (bytesPerStatement < 1024) {
            throw new IllegalArgumentException("bytesPerStatement below 1024 bytes");
        }
    }

    public static SinkOptions defaults() {
        return new SinkOptions(false, Set.of(), TsvText.NATIVE, true, false, 1000, 1 << 20, BinaryLiterals.HEX);
    }

    public SinkOptions withOverwrite(boolean value) {
        return new SinkOptions(value, protectedInputs, tsvText, localInfile, replace, rowsPerStatement,
                bytesPerStatement, binaryLiterals);
    }

    public SinkOptions withProtectedInputs(Set<Path> inputs) {
        return new SinkOptions(overwrite, inputs, tsvText, localInfile, replace, rowsPerStatement,
                bytesPerStatement, binaryLiterals);
    }

    public SinkOptions withTsvText(TsvText value) {
        return new SinkOptions(overwrite, protectedInputs, value, localInfile, replace, rowsPerStatement,
                bytesPerStatement, binaryLiterals);
    }

    public SinkOptions withLocalInfile(boolean value) {
        return new SinkOptions(overwrite, protectedInputs, tsvText, value, replace, rowsPerStatement,
                bytesPerStatement, binaryLiterals);
    }

    public SinkOptions withReplace(boolean value) {
        return new SinkOptions(overwrite, protectedInputs, tsvText, localInfile, value, rowsPerStatement,
                bytesPerStatement, binaryLiterals);
    }

    public SinkOptions withStatementLimits(int rows, int bytes) {
        return new SinkOptions(overwrite, protectedInputs, tsvText, localInfile, replace, rows, bytes,
                binaryLiterals);
    }

    public SinkOptions withBinaryLiterals(BinaryLiterals value) {
        return new SinkOptions(overwrite, protectedInputs, tsvText, localInfile, replace, rowsPerStatement,
                bytesPerStatement, value);
    }
}
