package dev.salvage.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How a test server is initialised and started. Unset values ({@code 0} / {@code null}) leave the
 * server's own default in place. Immutable; the {@code with*} methods return modified copies.
 *
 * @param pageSize      innodb_page_size in bytes (4096..65536, a power of two), or 0 for the default 16k
 * @param checksum      innodb_checksum_algorithm, or null for the server default (MariaDB: full_crc32,
 *                      MySQL: crc32)
 * @param filePerTable  innodb_file_per_table, or null for the default (on)
 * @param extraArgs     further mysqld arguments, given last so they override the harness's own
 */
public record ServerOptions(int pageSize, ChecksumSetting checksum, Boolean filePerTable, List<String> extraArgs) {

    private static final Set<Integer> PAGE_SIZES = Set.of(4096, 8192, 16384, 32768, 65536);

    public ServerOptions {
        if (pageSize != 0 && !PAGE_SIZES.contains(pageSize)) {
            throw new IllegalArgumentException("innodb_page_size must be 4k..64k, got " + pageSize);
        }
        extraArgs = List.copyOf(extraArgs == null ? List.of() : extraArgs);
    }

    /** Every setting at the server's default. */
    public static ServerOptions defaults() {
        return new ServerOptions(0, null, null, List.of());
    }

    public ServerOptions withPageSize(int bytes) {
        return new ServerOptions(bytes, checksum, filePerTable, extraArgs);
    }

    public ServerOptions withChecksum(ChecksumSetting value) {
        return new ServerOptions(pageSize, value, filePerTable, extraArgs);
    }

    public ServerOptions withFilePerTable(boolean on) {
        return new ServerOptions(pageSize, checksum, on, extraArgs);
    }

    /** Adds mysqld arguments such as {@code --innodb-default-row-format=redundant}. */
    public ServerOptions withExtraArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(Arrays.asList(args));
        return new ServerOptions(pageSize, checksum, filePerTable, all);
    }

    /** The page size the server will use, resolving the default. */
    public int effectivePageSize() {
        return pageSize == 0 ? 16384 : pageSize;
    }

    /** Throws IllegalArgumentException when this server cannot take these options (a test bug, not a skip). */
    public void requireSupportedBy(ServerKind kind) {
        if (checksum != null && !kind.accepts(checksum)) {
            throw new IllegalArgumentException(kind + " does not accept innodb_checksum_algorithm="
                    + checksum.serverValue() + "; it accepts " + kind.acceptedChecksums());
        }
    }

    /**
     * InnoDB settings that must be the same at initialisation and at every start: page size cannot
     * change after initialisation, and the checksum setting also decides how the system tablespace is written.
     */
    List<String> innodbArgs() {
        List<String> args = new ArrayList<>();
        if (pageSize != 0) {
            args.add("--innodb-page-size=" + pageSize);
        }
        if (checksum != null) {
            args.add("--innodb-checksum-algorithm=" + checksum.serverValue());
        }
        if (filePerTable != null) {
            args.add("--innodb-file-per-table=" + (filePerTable ? "1" : "0"));
        }
        return args;
    }

    /** Stable text that identifies these options in a cache key. */
    String cacheKey() {
        return "pageSize=" + pageSize + "\nchecksum=" + (checksum == null ? "default" : checksum.serverValue())
                + "\nfilePerTable=" + (filePerTable == null ? "default" : filePerTable)
                + "\nextraArgs=" + String.join("\u0001", extraArgs) + "\n";
    }
}
