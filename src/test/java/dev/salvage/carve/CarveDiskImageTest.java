package dev.salvage.carve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.harness.ChecksumSetting;
import dev.salvage.harness.Datadirs;
import dev.salvage.harness.FileTrees;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.harness.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of {@code salvage carve}: a disk image built from tablespaces real MariaDB servers wrote
 * (16K full_crc32 DYNAMIC with BLOBs, 4K ROW_FORMAT=COMPRESSED, 8K crc32 REDUNDANT, plus an older
 * state of the first table), their pages at 4 KiB-aligned offsets in random order between random
 * and zero blocks and a hole, gives back exactly every page — each version once, at the offset it
 * was placed, byte for byte, versions ordered by LSN with the newest marked.
 */
@RealServer
class CarveDiskImageTest {

    private static final String TABLES_A = "CREATE DATABASE carve;"
            + "CREATE TABLE carve.t1 (id INT PRIMARY KEY, v VARCHAR(200), b MEDIUMBLOB, KEY kv (v)) ROW_FORMAT=DYNAMIC;"
            + "INSERT INTO carve.t1 SELECT seq, CONCAT('row-', seq, REPEAT('x', seq % 150)),"
            + " IF(seq % 100 = 0, REPEAT(CHAR(65 + seq % 26), 30000), NULL) FROM carve.seq_1_to_4000;"
            + "CREATE TABLE carve.t2 (id INT PRIMARY KEY, v VARCHAR(200)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4;"
            + "INSERT INTO carve.t2 SELECT seq, REPEAT(CONCAT('z', seq), 5) FROM carve.seq_1_to_3000";
    /** The same, then changed: its t1 pages are newer versions of some of the first datadir's. */
    private static final String TABLES_A_UPDATED = TABLES_A
            + ";UPDATE carve.t1 SET v = CONCAT(v, '-updated') WHERE id % 7 = 0";
    private static final String TABLE_C = "CREATE DATABASE carve3;"
            + "CREATE TABLE carve3.t3 (id INT PRIMARY KEY, v VARCHAR(100)) ROW_FORMAT=REDUNDANT;"
            + "INSERT INTO carve3.t3 SELECT seq, CONCAT('three-', seq) FROM carve.seq_1_to_3000";

    private static final int BLOCK = 4096;

    static Path work;
    static Path image;
    /** (space, size, page no, lsn) → where it was put and its bytes. */
    static Map<VersionKey, Placed> expected = new HashMap<>();
    static CarveResult result;
    static Path out;

    record VersionKey(long space, int size, long pageNo, long lsn) {}

    record Placed(long offset, byte[] bytes) {}

    @BeforeAll
    static void buildImageAndCarve() throws Exception {
        GeneratedDatadir older = Datadirs.get(ServerKind.MARIADB_10_11, TABLES_A, Map.of());
        GeneratedDatadir newer = Datadirs.get(ServerKind.MARIADB_10_11, TABLES_A_UPDATED, Map.of());
        GeneratedDatadir other = Datadirs.get(ServerKind.MARIADB_10_11,
                ServerOptions.defaults().withPageSize(8192).withChecksum(ChecksumSetting.CRC32), TABLE_C, Map.of());
        work = Files.createTempDirectory("carve-image-");
        image = work.resolve("disk.img");

        List<byte[]> items = new ArrayList<>();
        Map<VersionKey, byte[]> newest = pages(newer.file("carve/t1.ibd"), 16384);
        newest.putAll(pages(newer.file("carve/t2.ibd"), 4096));
        newest.putAll(pages(other.file("carve3/t3.ibd"), 8192));
        Set<String> present = new HashSet<>();
        newest.forEach((k, v) -> present.add(k.space + "/" + k.size + "/" + k.pageNo + "/" + k.lsn));
        Map<VersionKey, byte[]> all = new HashMap<>(newest);
        int olderVersions = 0;
        for (Map.Entry<VersionKey, byte[]> e : pages(older.file("carve/t1.ibd"), 16384).entrySet()) {
            VersionKey k = e.getKey();
            if (!present.contains(k.space + "/" + k.size + "/" + k.pageNo + "/" + k.lsn)) {
                all.put(k, e.getValue());
                olderVersions++;
            }
        }
        assertThat(olderVersions).as("the update must have produced older versions").isPositive();
        List<VersionKey> keys = new ArrayList<>(all.keySet());
        Random random = new Random(20261121);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[BLOCK];
            if (i % 2 == 0) {
                random.nextBytes(b);
            }
            items.add(b);
        }
        List<Object> order = new ArrayList<>(keys);
        order.addAll(items);
        Collections.shuffle(order, random);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = 0;
            int n = 0;
            for (Object o : order) {
                byte[] bytes = o instanceof VersionKey k ? all.get(k) : (byte[]) o;
                if (o instanceof VersionKey k) {
                    expected.put(k, new Placed(pos, bytes));
                }
                ch.write(ByteBuffer.wrap(bytes), pos);
                pos += bytes.length;
                if (++n == order.size() / 2) {
                    pos += 1 << 20; // a hole: reads as zeros
                }
            }
            ch.write(ByteBuffer.wrap(new byte[1000]), pos); // a tail shorter than any page
        }
        out = work.resolve("out");
        result = new Carver(CarveOptions.defaults(), CarveListener.NONE).carve(List.of(image), out);
    }

    @AfterAll
    static void cleanUp() {
        FileTrees.deleteQuietly(work);
    }

    /** Every page of the file with a non-zero LSN, keyed by what carve must report. */
    static Map<VersionKey, byte[]> pages(Path file, int size) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Map<VersionKey, byte[]> pages = new HashMap<>();
        ByteBuffer bb = ByteBuffer.wrap(all);
        for (int off = 0; off + size <= all.length; off += size) {
            long lsn = bb.getLong(off + 16);
            if (lsn != 0) {
                pages.put(new VersionKey(bb.getInt(off + 34) & 0xFFFFFFFFL, size, bb.getInt(off + 4) & 0xFFFFFFFFL, lsn),
                        Arrays.copyOfRange(all, off, off + size));
            }
        }
        assertThat(pages).as(file + " pages").isNotEmpty();
        return pages;
    }

    @Test
    void everyPageComesBackOnceAtItsOffsetWithVersionsOrderedByLsn() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        Map<VersionKey, Long> found = new HashMap<>();
        int olderCount = 0;
        for (JsonNode group : manifest.get("groups")) {
            long space = group.get("spaceId").asLong();
            int size = group.get("physicalSize").asInt();
            for (JsonNode page : group.get("pages")) {
                long pageNo = page.get("pageNo").asLong();
                long previousLsn = Long.MIN_VALUE;
                JsonNode versions = page.get("versions");
                for (int i = 0; i < versions.size(); i++) {
                    JsonNode v = versions.get(i);
                    long lsn = v.get("lsn").asLong();
                    assertThat(lsn).as("versions ordered by LSN").isGreaterThanOrEqualTo(previousLsn);
                    previousLsn = lsn;
                    assertThat(v.get("newest").asBoolean()).isEqualTo(i == versions.size() - 1);
                    VersionKey key = new VersionKey(space, size, pageNo, lsn);
                    assertThat(found.put(key, v.get("offset").asLong())).as("found twice: " + key).isNull();
                    Placed placed = expected.get(key);
                    assertThat(placed).as("not a page that was placed: " + key + " " + v).isNotNull();
                    assertThat(v.get("offset").asLong()).isEqualTo(placed.offset());
                    byte[] written = read(out.resolve(v.get("file").asText()), v.get("position").asLong(), size);
                    assertThat(written).as("bytes of " + key).isEqualTo(placed.bytes());
                    assertThat(v.get("reason").asText()).startsWith("checksum:");
                    if (!v.get("newest").asBoolean()) {
                        olderCount++;
                        assertThat(v.get("file").asText()).startsWith("older/");
                    }
                }
            }
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(olderCount).isPositive();
        assertThat(result.pagesFound()).isEqualTo(expected.size());
        assertThat(result.olderVersions()).isEqualTo(olderCount);
    }

    @Test
    void writesUndropLayoutWithOneNewestCopyPerPageInPageOrder() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        int indexGroups = 0;
        int blobFiles = 0;
        for (JsonNode group : manifest.get("groups")) {
            int size = group.get("physicalSize").asInt();
            switch (group.get("kind").asText()) {
                case "index" -> {
                    indexGroups++;
                    String file = group.get("file").asText();
                    assertThat(file).matches("FIL_PAGE_INDEX/\\d{16}(-space\\d+-\\d+)?\\.page");
                    assertThat(file).contains(String.format("%016d", group.get("indexId").asLong()));
                    byte[] bytes = Files.readAllBytes(out.resolve(file));
                    assertThat(bytes.length).isEqualTo(group.get("pages").size() * size);
                    long previous = -1;
                    for (int off = 0; off < bytes.length; off += size) {
                        long pageNo = ByteBuffer.wrap(bytes).getInt(off + 4) & 0xFFFFFFFFL;
                        assertThat(pageNo).isGreaterThan(previous);
                        previous = pageNo;
                        assertThat(ByteBuffer.wrap(bytes).getLong(off + 66)).isEqualTo(group.get("indexId").asLong());
                    }
                }
                case "blob" -> {
                    for (JsonNode page : group.get("pages")) {
                        JsonNode last = page.get("versions").get(page.get("versions").size() - 1);
                        assertThat(last.get("file").asText()).matches("FIL_PAGE_TYPE_BLOB/\\d{16}(-space\\d+-\\d+)?\\.page");
                        assertThat(last.get("file").asText()).contains(String.format("%016d", page.get("pageNo").asLong()));
                        blobFiles++;
                    }
                }
                default -> assertThat(group.get("file").asText()).startsWith("FIL_PAGE_");
            }
        }
        // t1: PRIMARY and kv; t2: PRIMARY; t3: PRIMARY (the same ids may recur across the two servers).
        assertThat(indexGroups).isGreaterThanOrEqualTo(4);
        assertThat(blobFiles).as("40 rows of t1 hold 30 KB blobs off-page").isGreaterThanOrEqualTo(40);
        assertThat(out.resolve(OutputLayout.SPOOL_DIR)).doesNotExist();
    }

    /** Ranges of 3 sectors: nearly every page straddles a boundary; nothing may be lost or doubled. */
    @Test
    void tinyRangesFindExactlyTheSamePages() throws IOException {
        Path tinyOut = work.resolve("tiny");
        CarveResult tiny = new Carver(CarveOptions.defaults().withThreads(2).withRangeSize(3 * 512),
                CarveListener.NONE).carve(List.of(image), tinyOut);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode a = mapper.readTree(out.resolve("manifest.json").toFile()).get("groups");
        JsonNode b = mapper.readTree(tinyOut.resolve("manifest.json").toFile()).get("groups");
        assertThat(b).isEqualTo(a);
        assertThat(tiny.pagesFound()).isEqualTo(expected.size());
    }

    /** A stride of 4 KiB still finds everything here (all pages were placed 4 KiB-aligned). */
    @Test
    void strideOfFourKibFindsTheSamePages() throws IOException {
        CarveResult r = new Carver(CarveOptions.defaults().withStride(4096), CarveListener.NONE)
                .carve(List.of(image), work.resolve("stride4k"));
        assertThat(r.pagesFound()).isEqualTo(expected.size());
    }

    /** A truncated tablespace: every whole page before the cut is found, the cut page is not. */
    @Test
    void truncatedFileGivesTheWholePagesBeforeTheCut() throws IOException {
        Path truncated = work.resolve("truncated.ibd");
        // Take the newest t1 pages as a plain file and cut it in the middle of page 5.
        List<Map.Entry<VersionKey, Placed>> t1 = expected.entrySet().stream()
                .filter(e -> e.getKey().size() == 16384).toList();
        assertThat(t1).isNotEmpty();
        byte[] file = new byte[5 * 16384 + 5000];
        int placed = 0;
        for (int i = 0; i < 6 && i < t1.size(); i++) {
            byte[] p = t1.get(i).getValue().bytes();
            int n = Math.min(p.length, file.length - i * 16384);
            System.arraycopy(p, 0, file, i * 16384, n);
            placed += n == p.length ? 1 : 0;
        }
        Files.write(truncated, file);
        CarveResult r = new Carver(CarveOptions.defaults(), CarveListener.NONE).carve(List.of(truncated),
                work.resolve("truncated-out"));
        assertThat(r.pagesFound()).isEqualTo(placed).isEqualTo(5);
    }

    /**
     * One damaged byte in the body breaks every checksum: index pages (compact 16K full_crc32 and
     * redundant 8K crc32) are still accepted on structure, a file-space header page is not.
     */
    @Test
    void damagedIndexPagesAreAcceptedOnStructureOtherPagesAreNot() throws IOException {
        byte[] compact = damaged(firstOfType(16384, 17855));
        byte[] redundant = damaged(firstOfType(8192, 17855));
        byte[] fspHeader = damaged(firstOfType(16384, 8));
        Path file = work.resolve("damaged.img");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(compact), 0);
            ch.write(ByteBuffer.wrap(redundant), 16384);
            ch.write(ByteBuffer.wrap(fspHeader), 16384 + 8192);
        }
        Path damagedOut = work.resolve("damaged-out");
        CarveResult r = new Carver(CarveOptions.defaults(), CarveListener.NONE).carve(List.of(file), damagedOut);
        assertThat(r.pagesFound()).isEqualTo(2);
        JsonNode manifest = new ObjectMapper().readTree(damagedOut.resolve("manifest.json").toFile());
        List<Long> offsets = new ArrayList<>();
        for (JsonNode group : manifest.get("groups")) {
            for (JsonNode page : group.get("pages")) {
                for (JsonNode v : page.get("versions")) {
                    assertThat(v.get("reason").asText()).isEqualTo("structure");
                    offsets.add(v.get("offset").asLong());
                }
            }
        }
        assertThat(offsets).containsExactlyInAnyOrder(0L, 16384L);
    }

    private static byte[] firstOfType(int size, int type) {
        return expected.entrySet().stream()
                .filter(e -> e.getKey().size() == size)
                .map(e -> e.getValue().bytes())
                .filter(b -> (ByteBuffer.wrap(b).getShort(24) & 0xFFFF) == type)
                .findFirst().orElseThrow(() -> new AssertionError("no page of type " + type + " size " + size));
    }

    /**
     * Flips one byte: on an index page inside its free space (between PAGE_HEAP_TOP and the page
     * directory), so that only the checksum breaks and not the records a structure check walks;
     * elsewhere in the middle of the page. (A fixed mid-page byte could land in a record header,
     * depending on how full the page happens to be.)
     */
    private static byte[] damaged(byte[] page) {
        byte[] copy = page.clone();
        int at = page.length / 2;
        int type = ((page[24] & 0xFF) << 8) | (page[25] & 0xFF);
        if (type == 17855) {
            int slots = ((page[38] & 0xFF) << 8) | (page[39] & 0xFF);
            int heapTop = ((page[40] & 0xFF) << 8) | (page[41] & 0xFF);
            int directory = page.length - 8 - 2 * slots;
            if (directory - heapTop > 2) {
                at = (heapTop + directory) / 2;
            }
        }
        copy[at] ^= 0x5A;
        return copy;
    }

    private static byte[] read(Path file, long position, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(size);
            while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }
}
