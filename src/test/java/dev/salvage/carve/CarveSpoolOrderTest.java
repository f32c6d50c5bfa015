package dev.salvage.carve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.harness.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finishing pass: the spool receives each range's pages in range order whatever the number of
 * threads and the range size, so a plain tablespace file (pages in page-number order, one version
 * each) is renamed into place — written once — and still gives back every page once, byte for byte;
 * when a group is not in final order (an older copy after the newest) it is copied into order.
 * Synthetic full_crc32 pages, so no server is needed.
 */
class CarveSpoolOrderTest {

    private static final int SIZE = 16384;
    private static final long SPACE = 7;
    private static final long INDEX_A = 100;
    private static final long INDEX_B = 200;
    private static final int PAGES = 400;

    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createTempDirectory("carve-order-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.deleteQuietly(work);
    }

    /** A MariaDB full_crc32 INDEX page: page no, LSN, index id, random body, LSN low and CRC-32C in the trailer. */
    static byte[] page(long pageNo, long lsn, long indexId, SplittableRandom random) {
        byte[] b = new byte[SIZE];
        for (int i = 38; i < SIZE - 8; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        bb.putInt(0, 0);
        bb.putInt(4, (int) pageNo);
        bb.putInt(8, -1);
        bb.putInt(12, -1);
        bb.putLong(16, lsn);
        bb.putShort(24, (short) 17855);
        bb.putLong(26, 0);
        bb.putInt(34, (int) SPACE);
        bb.putLong(38 + 28, indexId);
        bb.putInt(SIZE - 8, (int) lsn);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, SIZE - 4);
        bb.putInt(SIZE - 4, (int) crc.getValue());
        return b;
    }

    /** Pages 0..PAGES-1, even ones of index A and odd ones of index B (two groups, interleaved in the file). */
    private Path tablespace(ByteArrayOutputStream a, ByteArrayOutputStream b, byte[] tail) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int n = 0; n < PAGES; n++) {
            byte[] p = page(n, 1000 + n, n % 2 == 0 ? INDEX_A : INDEX_B, random);
            file.write(p, 0, p.length);
            (n % 2 == 0 ? a : b).write(p, 0, p.length);
        }
        if (tail != null) {
            file.write(tail, 0, tail.length);
        }
        return Files.write(work.resolve("t.ibd"), file.toByteArray());
    }

    @ParameterizedTest(name = "threads {0}, range {1}")
    @CsvSource({"1, 16777216", "2, 16777216", "2, 65536", "2, 1536", "3, 40960"})
    void aPlainTablespaceIsRenamedIntoPlaceWithEveryPageOnce(int threads, long range) throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Path file = tablespace(a, b, null);
        Path out = work.resolve("out");
        CarveResult r = new Carver(CarveOptions.defaults().withThreads(threads).withRangeSize(range),
                CarveListener.NONE).carve(List.of(file), out);

        assertThat(r.pagesFound()).isEqualTo(PAGES);
        assertThat(r.olderVersions()).isZero();
        assertThat(r.finishCopiedBytes()).as("spool already in final order: renamed, not copied").isZero();
        assertThat(Files.readAllBytes(out.resolve("FIL_PAGE_INDEX/" + OutputLayout.pad(INDEX_A) + ".page")))
                .isEqualTo(a.toByteArray());
        assertThat(Files.readAllBytes(out.resolve("FIL_PAGE_INDEX/" + OutputLayout.pad(INDEX_B) + ".page")))
                .isEqualTo(b.toByteArray());
        assertThat(out.resolve(OutputLayout.SPOOL_DIR)).doesNotExist();
        assertThat(out.resolve(OutputLayout.OLDER_DIR)).doesNotExist();

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        int listed = 0;
        for (JsonNode group : manifest.get("groups")) {
            long position = 0;
            for (JsonNode page : group.get("pages")) {
                JsonNode v = page.get("versions").get(0);
                assertThat(page.get("versions").size()).isEqualTo(1);
                assertThat(v.get("offset").asLong()).isEqualTo(page.get("pageNo").asLong() * SIZE);
                assertThat(v.get("position").asLong()).isEqualTo(position);
                assertThat(v.get("newest").asBoolean()).isTrue();
                position += SIZE;
                listed++;
            }
        }
        assertThat(listed).isEqualTo(PAGES);
    }

    @Test
    void manifestOnlyListsTheSamePagesAndWritesNoPageFile() throws IOException {
        Path file = tablespace(new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                page(6, 999, INDEX_A, new SplittableRandom(7)));
        Path full = work.resolve("full");
        Path survey = work.resolve("survey");
        CarveOptions options = CarveOptions.defaults().withThreads(2).withRangeSize(65536);
        CarveResult a = new Carver(options, CarveListener.NONE).carve(List.of(file), full);
        CarveResult b = new Carver(options.withWritePages(false), CarveListener.NONE).carve(List.of(file), survey);
        assertThat(b.pagesFound()).isEqualTo(a.pagesFound()).isEqualTo(PAGES + 1);
        assertThat(b.olderVersions()).isEqualTo(1);
        try (var listed = Files.list(survey)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("manifest.json");
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode withFiles = mapper.readTree(full.resolve("manifest.json").toFile()).get("groups");
        JsonNode without = mapper.readTree(survey.resolve("manifest.json").toFile()).get("groups");
        assertThat(without.size()).isEqualTo(withFiles.size());
        for (int g = 0; g < withFiles.size(); g++) {
            JsonNode pagesA = withFiles.get(g).get("pages");
            JsonNode pagesB = without.get(g).get("pages");
            assertThat(pagesB.size()).isEqualTo(pagesA.size());
            for (int i = 0; i < pagesA.size(); i++) {
                for (int v = 0; v < pagesA.get(i).get("versions").size(); v++) {
                    var expected = ((com.fasterxml.jackson.databind.node.ObjectNode) pagesA.get(i).get("versions").get(v).deepCopy());
                    expected.remove(List.of("file", "position"));
                    assertThat(pagesB.get(i).get("versions").get(v)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anOlderCopyAfterTheNewestIsCopiedIntoOrderAndKept() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] older = page(6, 999, INDEX_A, new SplittableRandom(7)); // page 6 (index A) with a lower LSN
        Path file = tablespace(a, b, older);
        Path out = work.resolve("out");
        CarveResult r = new Carver(CarveOptions.defaults().withThreads(2).withRangeSize(65536), CarveListener.NONE)
                .carve(List.of(file), out);

        assertThat(r.pagesFound()).isEqualTo(PAGES + 1);
        assertThat(r.olderVersions()).isEqualTo(1);
        assertThat(r.finishCopiedBytes()).as("group A is copied into order").isPositive();
        assertThat(Files.readAllBytes(out.resolve("FIL_PAGE_INDEX/" + OutputLayout.pad(INDEX_A) + ".page")))
                .isEqualTo(a.toByteArray());
        assertThat(Files.readAllBytes(out.resolve("FIL_PAGE_INDEX/" + OutputLayout.pad(INDEX_B) + ".page")))
                .isEqualTo(b.toByteArray());
        assertThat(Files.readAllBytes(out.resolve("older/FIL_PAGE_INDEX/" + OutputLayout.pad(INDEX_A) + ".page")))
                .isEqualTo(older);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        for (JsonNode group : manifest.get("groups")) {
            for (JsonNode page : group.get("pages")) {
                if (group.get("indexId").asLong() == INDEX_A && page.get("pageNo").asLong() == 6) {
                    JsonNode versions = page.get("versions");
                    assertThat(versions.size()).isEqualTo(2);
                    assertThat(versions.get(0).get("lsn").asLong()).isEqualTo(999);
                    assertThat(versions.get(0).get("newest").asBoolean()).isFalse();
                    assertThat(versions.get(0).get("offset").asLong()).isEqualTo((long) PAGES * SIZE);
                    assertThat(versions.get(1).get("newest").asBoolean()).isTrue();
                }
            }
        }
    }
}
