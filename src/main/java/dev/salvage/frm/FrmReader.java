package dev.salvage.frm;

import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a binary .frm file (MySQL 5.0–5.7, MariaDB 5.x–11.x) into a {@link TableDef}. Never throws on bad
 * bytes: a truncated or overwritten file gives what could be decoded and {@link FrmFinding}s for the rest.
 *
 * <p>Layout (MySQL sql/table.cc {@code open_binary_frm}, MariaDB {@code init_from_binary_frm_image}):
 * the 64-byte header; MariaDB's extra2 segment; the key section at header bytes 6-7; the default-values
 * record after the key section's reserved room; the extra segment (engine name, partitioning); the forminfo
 * block (288 bytes, at the offset stored right after extra2) followed by screens, 17-byte field entries,
 * field names, ENUM/SET labels, comments and the expressions block.
 */
public final class FrmReader {

    /** Refuse files larger than the server's own limit (FRM_MAX_SIZE is 1 MiB in MariaDB). */
    static final int MAX_FRM_SIZE = 16 * 1024 * 1024;

    private FrmReader() {
    }

    /**
     * Reads a .frm file (opened read-only); the table name comes from the file name, with MySQL's
     * {@code @XXXX} file name escapes decoded.
     */
    public static FrmResult read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FRM_SIZE) {
            return FrmTableBuilder.unreadable(tableName(file), new FrmFinding(FrmFinding.Severity.ERROR, -1,
                    "FRM_TOO_LARGE", "file of " + size + " bytes is larger than any .frm a server writes"));
        }
        byte[] bytes;
        try (var in = Files.newInputStream(file, java.nio.file.StandardOpenOption.READ)) {
            bytes = in.readNBytes(MAX_FRM_SIZE);
        }
        return read(bytes, tableName(file));
    }

    /** Reads .frm bytes; the table is named {@code tableName} (the .frm does not store its own name). */
    public static FrmResult read(byte[] bytes, String tableName) {
        try {
            return new FrmTableBuilder(new FrmBytes(bytes), tableName).build();
        } catch (RuntimeException e) {
            // A decoding bug must not stop a recovery run: report it as a finding on this file.
            return FrmTableBuilder.unreadable(tableName, new FrmFinding(FrmFinding.Severity.ERROR, -1,
                    "FRM_INTERNAL", "could not decode: " + e));
        }
    }

    /** Reads .frm bytes of a table whose name is unknown (named {@code unknown_table}). */
    public static FrmResult read(byte[] bytes) {
        return read(bytes, "unknown_table");
    }

    /** The dialect whose defaults and collation ids apply to a file written by this server version. */
    static ServerDialect dialectOf(long serverVersion) {
        if (serverVersion >= 100000) {
            return ServerDialect.MARIADB_10_11;
        }
        return serverVersion >= 80000 ? ServerDialect.MYSQL_8_0 : ServerDialect.MYSQL_5_7;
    }

    /** {@code t@002dx.frm} → {@code t-x}: MySQL escapes characters outside [A-Za-z0-9_$] in file names. */
    static String tableName(Path file) {
        String name = file.getFileName().toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".frm")) {
            name = name.substring(0, name.length() - 4);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@' && isHex(name, i + 1, 4)) {
                out.append((char) Integer.parseInt(name.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
