package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.cli.SalvageCommand;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fsp.SpaceLayout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damage done on purpose to copies of real files: each kind is found, named with the right reason, on
 * exactly the damaged page, and nothing else is flagged. Run on a full_crc32 file (MariaDB) and on a
 * classic crc32 file (MySQL 5.7), whose checksum and trailer layouts differ.
 */
@RealServer
class PagesDamageTest {

    @TempDir
    Path temp;

    /** The damaged file's page, a leaf of the clustered index that is not its first page. */
    private record Target(Path copy, int pageSize, long leaf, long spaceId) {
    }

    private Target copyBig(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        Path copy = dd.copyFileTo("inv/big.ibd", temp);
        Scan clean = Scan.of(copy);
        assertThat(clean.inventory().sound()).as(clean.describeBad()).isTrue();
        long root = clean.inventory().indexes().get(0).root();
        PageInfo leaf = clean.pages().stream()
                .filter(p -> p.type().name().equals("INDEX") && p.level() == 0 && p.page() > root + 2)
                .findFirst().orElseThrow();
        return new Target(copy, fixture.pageSize(), leaf.page(), clean.inventory().layout().spaceId());
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void flippedByteInALeafIsAChecksumMismatchOnThatPageOnly(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        byte[] page = readPage(t, t.leaf());
        page[5000] ^= 0x01;
        writePage(t, t.leaf(), page);

        assertOnlyBad(Scan.of(t.copy()), t.leaf(), PageProblem.CHECKSUM_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void overwritten128BytesAreAChecksumMismatch(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        byte[] page = readPage(t, t.leaf());
        Arrays.fill(page, 2000, 2128, (byte) 0xA5);
        writePage(t, t.leaf(), page);

        assertOnlyBad(Scan.of(t.copy()), t.leaf(), PageProblem.CHECKSUM_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void zeroedInUsePageIsZeroedInUse(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        writePage(t, t.leaf(), new byte[t.pageSize()]);

        Scan scan = Scan.of(t.copy());
        assertOnlyBad(scan, t.leaf(), PageProblem.ZEROED_IN_USE);
        assertThat(scan.page(t.leaf()).allZero()).isTrue();
    }

    /**
     * A torn write: the first 4 KiB come from a newer version of the page (later LSN, changed records),
     * the rest is the old one. The header LSN no longer matches the trailer's, and the checksum fails too.
     */
    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void newerFirstFourKibIsATornPage(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        byte[] page = readPage(t, t.leaf());
        byte[] newer = page.clone();
        long lsn = readLong(newer, Fil.PAGE_LSN);
        writeLong(newer, Fil.PAGE_LSN, lsn + 0x1_0000_1000L);
        newer[3000] ^= 0x5A; // the newer version changed a record in the first 4 KiB
        System.arraycopy(newer, 0, page, 0, 4096);
        writePage(t, t.leaf(), page);

        assertOnlyBad(Scan.of(t.copy()), t.leaf(), PageProblem.TORN, PageProblem.CHECKSUM_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void pageFromAnotherTablespaceIsMisplaced(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        Path other = fixture.datadir().file("inv/blobs.ibd");
        Scan otherScan = Scan.of(other);
        assertThat(otherScan.inventory().layout().spaceId()).isNotEqualTo(t.spaceId());
        long sameNumber = 3; // the clustered index root of blobs.ibd (MariaDB, 5.7)
        byte[] foreign = InventoryFiles.readPage(List.of(other), sameNumber, t.pageSize());

        writePage(t, t.leaf(), foreign);
        writePage(t, sameNumber, foreign);

        Scan scan = Scan.of(t.copy());
        assertThat(scan.bad()).extracting(PageInfo::page).containsExactly(sameNumber, t.leaf());
        assertThat(scan.page(sameNumber).problems()).containsExactly(PageProblem.WRONG_SPACE_ID);
        assertThat(scan.page(t.leaf()).problems())
                .containsExactlyInAnyOrder(PageProblem.WRONG_SPACE_ID, PageProblem.WRONG_PAGE_NUMBER);
        assertThat(scan.page(t.leaf()).spaceId()).isEqualTo(otherScan.inventory().layout().spaceId());
        assertThat(scan.page(t.leaf()).checksum().valid()).as("the copied page itself is intact").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void fileCutMidPageIsTruncatedWithItsTrailingBytes(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        long size = Files.size(t.copy());
        int cut = t.pageSize() / 2 + 100;
        try (RandomAccessFile f = new RandomAccessFile(t.copy().toFile(), "rw")) {
            f.setLength(size - cut);
        }

        SpaceInventory inv = Scan.of(t.copy()).inventory();
        assertThat(inv.truncated()).isTrue();
        assertThat(inv.trailingBytes()).isEqualTo(t.pageSize() - cut);
        assertThat(inv.pageCount()).isEqualTo(size / t.pageSize() - 1);
        assertThat(inv.badPageCount()).isZero();
        assertThat(inv.sound()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void destroyedPageZeroLeavesThePageSizeToInferenceAndEveryOtherPageVerifies(InventoryFixtures fixture)
            throws Exception {
        Target t = copyBig(fixture);
        byte[] garbage = new byte[t.pageSize()];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        writePage(t, 0, garbage);

        Scan scan = Scan.of(t.copy());
        SpaceLayout layout = scan.inventory().layout();
        assertThat(layout.source()).isEqualTo(SpaceLayout.Source.INFERRED);
        assertThat(layout.pageSize().logical()).isEqualTo(t.pageSize());
        assertThat(layout.fullCrc32()).isEqualTo(fixture.plainAlgorithms.contains("full_crc32"));
        assertThat(scan.bad()).as(scan.describeBad()).extracting(PageInfo::page).containsExactly(0L);
        assertThat(scan.page(0).problems()).contains(PageProblem.CHECKSUM_MISMATCH);
    }

    /** A zeroed page 0 (a common way to lose it) must not make every other page look foreign. */
    @ParameterizedTest
    @EnumSource(value = InventoryFixtures.class, names = {"MARIADB_FULL_CRC32_16K", "MYSQL57_CRC32"})
    void zeroedPageZeroLeavesEveryOtherPageSound(InventoryFixtures fixture) throws Exception {
        Target t = copyBig(fixture);
        writePage(t, 0, new byte[t.pageSize()]);

        Scan scan = Scan.of(t.copy());
        assertThat(scan.inventory().layout().source()).isEqualTo(SpaceLayout.Source.INFERRED);
        assertThat(scan.inventory().layout().pageSize().logical()).isEqualTo(t.pageSize());
        // Page 0 is always in use: zeroed, it is the one bad page; every other page is sound.
        assertThat(scan.bad()).as(scan.describeBad()).singleElement()
                .satisfies(p -> assertThat(p.page()).isZero())
                .satisfies(p -> assertThat(p.problems()).containsExactly(PageProblem.ZEROED_IN_USE));
        assertThat(scan.page(0).allZero()).isTrue();
    }

    /** The CLI reads a file and a whole datadir without changing a byte or a modification time. */
    @Test
    void inputsAreLeftUntouched() throws Exception {
        GeneratedDatadir dd = InventoryFixtures.MARIADB_CRC32_16K.datadir();
        Path datadir = dd.copyTo(temp.resolve("datadir"));
        Path single = dd.copyFileTo("inv/zip4.ibd", temp.resolve("single"));
        List<Path> inputs = new ArrayList<>();
        inputs.add(single);
        inputs.addAll(InventoryFixtures.spaces(new GeneratedDatadir(temp, dd.kind(), dd.options(), Map.of()))
                .stream().flatMap(List::stream).toList());
        Map<Path, String> before = fingerprints(temp);
        // Let any rewrite show up in the mtime even on a filesystem with coarse timestamps.
        Thread.sleep(20);

        List<String> args = new ArrayList<>(List.of("pages", "--json", "--no-progress"));
        inputs.forEach(p -> args.add(p.toString()));
        int status = SalvageCommand.newCommandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter())).execute(args.toArray(String[]::new));

        assertThat(status).isZero();
        assertThat(inputs).hasSizeGreaterThan(8);
        assertThat(fingerprints(temp)).isEqualTo(before);
        assertThat(datadir.resolve("ibdata1")).isRegularFile();
    }

    // --- helpers ---

    private static void assertOnlyBad(Scan scan, long page, PageProblem... problems) {
        assertThat(scan.bad()).as(scan.describeBad()).extracting(PageInfo::page).containsExactly(page);
        assertThat(scan.page(page).problems()).containsExactlyInAnyOrder(problems);
        assertThat(scan.inventory().problems().keySet()).containsExactlyInAnyOrder(problems);
        assertThat(scan.inventory().sound()).isFalse();
    }

    private static byte[] readPage(Target t, long pageNo) throws IOException {
        return InventoryFiles.readPage(List.of(t.copy()), pageNo, t.pageSize());
    }

    private static void writePage(Target t, long pageNo, byte[] page) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(t.copy().toFile(), "rw")) {
            f.seek(pageNo * t.pageSize());
            f.write(page, 0, t.pageSize());
        }
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** SHA-256 and modification time of every regular file under {@code root}. */
    private static Map<Path, String> fingerprints(Path root) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                FileTime mtime = Files.getLastModifiedTime(p);
                out.put(p, HexFormat.of().formatHex(digest) + " " + mtime.toMillis());
            }
        }
        return out;
    }
}
