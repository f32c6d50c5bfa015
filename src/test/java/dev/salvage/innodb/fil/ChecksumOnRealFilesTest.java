package dev.salvage.innodb.fil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.ChecksumSetting;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import dev.salvage.innodb.fsp.FspFlags;
import dev.salvage.innodb.fsp.FspHeader;
import dev.salvage.innodb.page.FilHeader;
import dev.salvage.innodb.page.IndexPageHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every non-zero page of every tablespace file a real server wrote verifies with the algorithm the
 * server was told to use, its page type is in the registry, its header LSN matches the trailer, and
 * its FSP flags decode to the page size the server ran with. Index pages also pass the
 * IndexPageHeader checks. One datadir per server and setting; the harness caches them.
 */
@RealServer
class ChecksumOnRealFilesTest {

    /** Portable row generator: MySQL 5.7 has neither sequence tables nor recursive CTEs. */
    private static final String NUMBERS = "(SELECT a.n*1000+b.n*100+c.n*10+d.n+1 AS seq"
            + " FROM t.d10 a, t.d10 b, t.d10 c, t.d10 d) s";

    private static String setup(boolean zipTable, boolean mariadb) {
        StringBuilder sql = new StringBuilder("""
                CREATE DATABASE t;
                CREATE TABLE t.d10 (n INT PRIMARY KEY) ENGINE=InnoDB;
                INSERT INTO t.d10 VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
                CREATE TABLE t.plain (id INT PRIMARY KEY, v VARCHAR(200), b LONGBLOB, KEY(v)) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
                CREATE TABLE t.red (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB ROW_FORMAT=REDUNDANT;
                CREATE TABLE t.geo (id INT PRIMARY KEY, g GEOMETRY NOT NULL, SPATIAL KEY(g)) ENGINE=InnoDB;
                """);
        sql.append("INSERT INTO t.plain SELECT seq, CONCAT('row', seq, REPEAT('y', seq % 150)),"
                + " IF(seq % 200 = 0, REPEAT('Z', 30000), NULL) FROM ").append(NUMBERS).append(" WHERE seq <= 1500;\n");
        sql.append("INSERT INTO t.red SELECT seq, CONCAT('red', seq, REPEAT('r', seq % 120)) FROM ")
                .append(NUMBERS).append(" WHERE seq <= 1000;\n");
        sql.append("INSERT INTO t.geo SELECT seq, POINT(seq % 97, seq % 89) FROM ").append(NUMBERS)
                .append(" WHERE seq <= 800;\n");
        if (zipTable) {
            sql.append("CREATE TABLE t.comp (id INT PRIMARY KEY, v VARCHAR(200), b LONGBLOB) ENGINE=InnoDB"
                    + " ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;\n");
            sql.append("INSERT INTO t.comp SELECT seq, CONCAT('c', seq, REPEAT('q', seq % 150)),"
                    + " IF(seq % 300 = 0, REPEAT(MD5(seq), 1000), NULL) FROM ").append(NUMBERS)
                    .append(" WHERE seq <= 1500;\n");
        }
        if (mariadb) {
            sql.append("CREATE TABLE t.pc (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB PAGE_COMPRESSED=1;\n");
            sql.append("INSERT INTO t.pc SELECT seq, REPEAT('p', 150) FROM ").append(NUMBERS).append(" WHERE seq <= 1000;\n");
            sql.append("CREATE TABLE t.inst (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB;\n");
            sql.append("INSERT INTO t.inst SELECT seq, 'i' FROM ").append(NUMBERS).append(" WHERE seq <= 100;\n");
            sql.append("ALTER TABLE t.inst ADD COLUMN w INT DEFAULT 7, ALGORITHM=INSTANT;\n");
        }
        return sql.toString();
    }

    /**
     * @param plain what uncompressed pages must verify with
     * @param zip   what ROW_FORMAT=COMPRESSED pages must verify with
     * @param mustSee page type names that must occur somewhere in the datadir (proves the registry on them)
     */
    record Case(ServerKind kind, ServerOptions options, ChecksumAlgorithm plain, ChecksumAlgorithm zip,
                Set<String> mustSee) {
        @Override
        public String toString() {
            return kind + " " + (options.checksum() == null ? "default" : options.checksum().serverValue())
                    + " " + options.effectivePageSize() / 1024 + "K";
        }
    }

    static Stream<Arguments> cases() {
        ServerOptions d = ServerOptions.defaults();
        List<Case> all = List.of(
                new Case(ServerKind.MARIADB_10_11, d.withChecksum(ChecksumSetting.CRC32), ChecksumAlgorithm.CRC32C,
                        ChecksumAlgorithm.ZIP_CRC32C, Set.of("PAGE_COMPRESSED", "INSTANT", "RTREE", "BLOB", "ZBLOB")),
                new Case(ServerKind.MARIADB_10_11, d, ChecksumAlgorithm.FULL_CRC32, ChecksumAlgorithm.ZIP_CRC32C,
                        Set.of("INSTANT", "RTREE", "BLOB", "ZBLOB")),
                new Case(ServerKind.MARIADB_10_11, d.withPageSize(4096), ChecksumAlgorithm.FULL_CRC32, null, Set.of("INSTANT")),
                new Case(ServerKind.MARIADB_10_11, d.withPageSize(8192), ChecksumAlgorithm.FULL_CRC32,
                        ChecksumAlgorithm.ZIP_CRC32C, Set.of("INSTANT")),
                new Case(ServerKind.MARIADB_10_11, d.withPageSize(32768), ChecksumAlgorithm.FULL_CRC32, null, Set.of("INSTANT")),
                new Case(ServerKind.MARIADB_10_11, d.withPageSize(65536), ChecksumAlgorithm.FULL_CRC32, null, Set.of("INSTANT")),
                new Case(ServerKind.MYSQL_5_7, d.withChecksum(ChecksumSetting.CRC32), ChecksumAlgorithm.CRC32C,
                        ChecksumAlgorithm.ZIP_CRC32C, Set.of("RTREE", "BLOB", "ZBLOB")),
                new Case(ServerKind.MYSQL_5_7, d.withChecksum(ChecksumSetting.INNODB), ChecksumAlgorithm.INNODB,
                        ChecksumAlgorithm.ZIP_INNODB, Set.of("RTREE", "BLOB", "ZBLOB")),
                new Case(ServerKind.MYSQL_5_7, d.withChecksum(ChecksumSetting.NONE), ChecksumAlgorithm.NONE,
                        ChecksumAlgorithm.ZIP_NONE, Set.of("RTREE", "ZBLOB")),
                new Case(ServerKind.MYSQL_8_0, d, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.ZIP_CRC32C,
                        Set.of("SDI", "RTREE", "LOB_FIRST", "LOB_DATA", "ZLOB_FIRST", "RSEG_ARRAY")));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPageVerifiesWithTheConfiguredAlgorithm(Case c) throws Exception {
        boolean mariadb = c.kind() == ServerKind.MARIADB_10_11;
        GeneratedDatadir dd = Datadirs.get(c.kind(), c.options(), setup(c.zip() != null, mariadb),
                Map.of("settings", "SELECT @@innodb_checksum_algorithm AS checksum, @@innodb_page_size AS page_size"));
        String configured = dd.truth("settings").column("checksum").get(0);
        assertThat(configured).isEqualTo(c.options().checksum() == null
                ? (mariadb ? "full_crc32" : "crc32") : c.options().checksum().serverValue());

        Set<String> typesSeen = new TreeSet<>();
        Set<ChecksumAlgorithm> algorithmsSeen = EnumSet.noneOf(ChecksumAlgorithm.class);
        List<Path> files = tablespaceFiles(dd.datadir());
        assertThat(files).isNotEmpty();
        int doublewriteZipCopies = 0;
        for (Path file : files) {
            FileResult r = checkFile(file, c);
            typesSeen.addAll(r.types);
            algorithmsSeen.addAll(r.algorithms);
            doublewriteZipCopies += r.doublewriteZipCopies;
        }
        assertThat(typesSeen).containsAll(c.mustSee());
        assertThat(algorithmsSeen).contains(c.plain());
        if (c.zip() != null) {
            assertThat(algorithmsSeen).contains(c.zip());
        }
        if (mariadb && c.options().checksum() == ChecksumSetting.CRC32) {
            assertThat(algorithmsSeen).contains(ChecksumAlgorithm.UNCHECKSUMMED); // the 34354 pages
        }
        assertThat(doublewriteZipCopies).isLessThan(200);
    }

    private record FileResult(Set<String> types, Set<ChecksumAlgorithm> algorithms, int doublewriteZipCopies) {}

    private static FileResult checkFile(Path file, Case c) throws IOException {
        String name = file.getFileName().toString();
        byte[] all = Files.readAllBytes(file);
        FspHeader header = FspHeader.read(all, 0);
        assertThat(header).as(name).isNotNull();
        FspFlags flags = header.flags();
        assertThat(flags.valid()).as(name + " flags 0x%x: %s", flags.raw(), flags.problem()).isTrue();
        PageSize size = flags.pageSize();
        int logical = c.options().effectivePageSize();
        boolean zipFile = name.equals("comp.ibd");
        assertThat(size).as(name).isEqualTo(zipFile ? PageSize.zip(logical, 8192) : PageSize.of(logical));
        boolean mariadb = c.kind() == ServerKind.MARIADB_10_11;
        // Never the wrong vendor; MariaDB full_crc32 and page_compressed, and MySQL 8.0 SDI, always show it.
        assertThat(flags.vendor()).as(name).isIn(mariadb ? Vendor.MARIADB : Vendor.MYSQL, Vendor.UNKNOWN);
        if (flags.fullCrc32() || flags.pageCompressed() || flags.sdi()) {
            assertThat(flags.vendor()).as(name).isEqualTo(mariadb ? Vendor.MARIADB : Vendor.MYSQL);
        }
        assertThat(flags.fullCrc32()).as(name).isEqualTo(c.plain() == ChecksumAlgorithm.FULL_CRC32 && !zipFile);

        Set<String> types = new TreeSet<>();
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        int copies = 0;
        int verified = 0;
        ChecksumAlgorithm previous = null;
        int n = size.physical();
        for (int off = 0, pageNo = 0; off + n <= all.length; off += n, pageNo++) {
            if (Mach.isZero(all, off, n)) {
                continue;
            }
            String where = name + " page " + pageNo;
            ChecksumVerdict v = PageChecksum.verify(all, off, size, flags.fullCrc32(), previous);
            if (!v.valid()) {
                // The doublewrite area of ibdata1 holds copies of other pages; a ROW_FORMAT=COMPRESSED page
                // is copied at its own size into a full-size slot, the rest of the slot being stale bytes.
                assertThat(name).as(where + " fails its checksum").isEqualTo("ibdata1");
                assertThat(Mach.read4(all, off + Fil.PAGE_OFFSET)).as(where + " is not a copy").isNotEqualTo(pageNo);
                assertThat(c.zip()).as(where).isNotNull();
                assertThat(PageChecksum.verify(all, off, PageSize.zip(logical, 8192), false, null).algorithm())
                        .as(where + " as a zip copy").isEqualTo(c.zip());
                copies++;
                continue;
            }
            previous = v.algorithm();
            algorithms.add(v.algorithm());
            verified++;
            int typeCode = Mach.read2(all, off + Fil.PAGE_TYPE);
            PageType type = PageType.ofPage(all, off, flags.vendor());
            assertThat(type.isKnown()).as(where + " type " + typeCode).isTrue();
            types.add(type.category() == PageType.Category.COMPRESSED && type.fullCrc32CompressedLength() > 0
                    ? "PAGE_COMPRESSED_FCRC32" : type.name());

            Set<ChecksumAlgorithm> allowed = EnumSet.of(zipFile ? c.zip() : flags.fullCrc32() ? ChecksumAlgorithm.FULL_CRC32 : c.plain());
            if (typeCode == PageType.PAGE_COMPRESSED) {
                allowed = EnumSet.of(ChecksumAlgorithm.UNCHECKSUMMED);
            }
            assertThat(v.algorithm()).as(where + " (" + type + ")").isIn(allowed);

            FilHeader fil = FilHeader.read(all, off, n);
            assertThat(fil.isTorn(size, flags.fullCrc32())).as(where + " torn").isFalse();
            if (!name.equals("ibdata1")) { // ibdata1's doublewrite area holds valid copies of other pages
                assertThat(fil.pageNo()).as(where).isEqualTo(pageNo);
            }
            if (type.hasIndexHeader() && !size.isCompressed()) {
                IndexPageHeader ih = IndexPageHeader.read(all, off);
                assertThat(ih.implausibility(n)).as(where + " " + ih).isNull();
                assertThat(ih.systemRecordsMatch(all, off)).as(where + " infimum/supremum").isTrue();
                if (type.category() == PageType.Category.INDEX && (name.equals("red.ibd") || name.equals("plain.ibd"))) {
                    assertThat(ih.compact()).as(where + " compact bit").isEqualTo(name.equals("plain.ibd"));
                }
            }
        }
        assertThat(verified).as(name + " verified pages").isGreaterThanOrEqualTo(3);
        return new FileResult(types, algorithms, copies);
    }

    private static List<Path> tablespaceFiles(Path datadir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(datadir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                if (n.endsWith(".ibd") || n.matches("ibdata\\d+") || n.matches("undo_?\\d+")) {
                    files.add(p);
                }
            });
        }
        files.sort(null);
        return files;
    }
}
