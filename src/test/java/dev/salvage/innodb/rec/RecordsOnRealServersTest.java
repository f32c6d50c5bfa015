package dev.salvage.innodb.rec;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ResultTable;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.innodb.lob.LobRead;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Proves the record layer on files the real servers wrote: for {@code (id INT PRIMARY KEY, a VARCHAR(20) NULL,
 * b INT NULL, t TEXT)} in every row format, descend the clustered index from its root through node pointer
 * records, walk every leaf, locate every field, and compare with the server's SELECT: same rows, same INT and
 * VARCHAR bytes, NULLs in the same places, TEXT values byte-exact through the extern reference and BLOB/LOB pages.
 */
@RealServer
class RecordsOnRealServersTest {

    private static final FieldLayout LEAF = FieldLayout.builder()
            .fixed("id", 4, false).systemColumns().variable("a", 20, true).fixed("b", 4, true).blob("t", true).build();
    private static final FieldLayout NODE_PTR = LEAF.nodePointer(1);
    /** One load of each datadir's truth files (20000 rows per format) for all three formats. */
    private static final Map<ServerKind, GeneratedDatadir> DATADIRS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int ID = 0;
    private static final int A = 3;
    private static final int B = 4;
    private static final int T = 5;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String format : RecordTables.FORMATS) {
                all.add(Arguments.of(kind, format));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void clusteredIndexRecordsEqualSelect(ServerKind kind, String format) throws Exception {
        GeneratedDatadir dd = DATADIRS.computeIfAbsent(kind, k -> {
            try {
                return RecordTables.get(k);
            } catch (java.io.IOException | java.sql.SQLException e) {
                // Checked only: a skip (TestAbortedException) must pass through unwrapped.
                throw new IllegalStateException(e);
            }
        });
        byte[] file = Files.readAllBytes(dd.file("recs/t_" + format + ".ibd"));
        int pageSize = Integer.parseInt(dd.truth("settings").column("page_size").get(0));
        PageReader pages = pageNo -> pageNo < file.length / pageSize
                ? Arrays.copyOfRange(file, (int) pageNo * pageSize, (int) (pageNo + 1) * pageSize) : null;
        long root = rootPage(dd.truth("indexes"), "recs/t_" + format);

        List<Long> leaves = descendToLeaves(pages, pageSize, root);
        assertThat(leaves.size()).as("a two-level tree at least").isGreaterThan(1);

        RecordWalker walker = new RecordWalker();
        RecordOffsets offsets = new RecordOffsets();
        List<List<String>> recovered = new ArrayList<>();
        Map<String, Boolean> externById = new java.util.HashMap<>();
        Map<String, Integer> localLengthById = new java.util.HashMap<>();
        Map<String, byte[]> bigValues = new java.util.HashMap<>();
        int freeRecords = 0;
        long parseNanos = 0;
        for (long leafNo : leaves) {
            byte[] page = pages.read(leafNo);
            List<Integer> origins = new ArrayList<>();
            PageRecordsReport report = walker.check(page, pageSize, origins::add);
            assertThat(report.clean()).as("leaf %d: %s", leafNo, report.describe()).isTrue();
            assertThat(report.format()).isEqualTo(format.equals("redundant") ? RecordFormat.REDUNDANT : RecordFormat.COMPACT);
            freeRecords += report.free().found();
            long begin = System.nanoTime();
            for (int origin : origins) {
                if (!RecordParser.parse(page, pageSize, origin, report.format(), LEAF, offsets)) {
                    fail("leaf " + leafNo + " " + offsets.describe());
                }
            }
            parseNanos += System.nanoTime() - begin;
            for (int origin : origins) {
                RecordParser.parse(page, pageSize, origin, report.format(), LEAF, offsets);
                if (offsets.deleted()) {
                    fail("delete-marked record in the list after purge: " + offsets);
                }
                String id = Integer.toString(signedInt(page, offsets, ID));
                byte[] text = null;
                if (!offsets.isNull(T)) {
                    if (offsets.isExtern(T)) {
                        LobRead value = ExternReader.readField(pages, page, offsets.offset(T), offsets.length(T),
                                pageSize, ExternReader.DEFAULT_MAX_BYTES);
                        assertThat(value.complete()).as("id %s: %s", id, value.describe()).isTrue();
                        text = value.data();
                    } else {
                        text = offsets.copy(page, T);
                    }
                }
                externById.put(id, offsets.isExtern(T));
                localLengthById.put(id, offsets.length(T));
                if (text != null && text.length >= 767) {
                    bigValues.put(id, text);
                }
                recovered.add(Arrays.asList(id,
                        offsets.isNull(A) ? null : new String(offsets.copy(page, A), StandardCharsets.ISO_8859_1),
                        offsets.isNull(B) ? null : Integer.toString(signedInt(page, offsets, B)),
                        text == null ? null : Integer.toString(text.length),
                        text == null ? null : md5(text)));
            }
        }

        ResultTable truth = dd.truth("rows_" + format);
        assertThat(recovered).hasSize(truth.rows().size());
        assertThat(recovered).isEqualTo(truth.rows());
        System.out.printf("[rec] %s %s: %d leaves, %d rows, %d free records, parse %.1f M records/s%n", kind, format,
                leaves.size(), recovered.size(), freeRecords, recovered.size() / (parseNanos / 1e3));

        // The TEXT values around the off-page thresholds, byte for byte, stored where each format puts them.
        Map<String, String> big = Map.copyOf(toMap(dd.truth("big")));
        RecordTables.BIG_TEXT_BY_ID.forEach((id, len) -> {
            if (len >= 767) {
                assertThat(bigValues.get(id.toString())).as("id %d", id)
                        .isEqualTo(big.get(len.toString()).getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        assertThat(externById.get("102")).as("767 bytes stay in the record").isFalse();
        assertThat(externById.get("103")).as("768 bytes stay in the record").isFalse();
        // A record must fit in half a 16k page (about 8126 bytes): 8000 bytes of TEXT still do.
        assertThat(externById.get("104")).as("8000 bytes stay in the record").isFalse();
        assertThat(externById.get("105")).as("20000 bytes go off-page").isTrue();
        // DYNAMIC keeps only the 20-byte reference; COMPACT and REDUNDANT a 768-byte prefix before it.
        assertThat(localLengthById.get("105")).isEqualTo(format.equals("dynamic") ? 20 : 768 + 20);
        assertThat(externById.get("1000")).isTrue();
    }

    /** Follows node pointers level by level; returns the leaf pages left to right, checking each level's links. */
    private static List<Long> descendToLeaves(PageReader pages, int pageSize, long root) {
        RecordWalker walker = new RecordWalker();
        RecordOffsets offsets = new RecordOffsets();
        List<Long> level = List.of(root);
        int height = IndexPageHeader.read(pages.read(root), 0).level();
        for (int depth = height; depth > 0; depth--) {
            List<Long> children = new ArrayList<>();
            for (int i = 0; i < level.size(); i++) {
                byte[] page = pages.read(level.get(i));
                IndexPageHeader header = IndexPageHeader.read(page, 0);
                assertThat(header.level()).isEqualTo(depth);
                List<Integer> origins = new ArrayList<>();
                PageRecordsReport report = walker.check(page, pageSize, origins::add);
                assertThat(report.clean()).as("page %d: %s", level.get(i), report.describe()).isTrue();
                for (int r = 0; r < origins.size(); r++) {
                    assertThat(RecordParser.parse(page, pageSize, origins.get(r), report.format(), NODE_PTR, offsets))
                            .as(offsets.describe()).isTrue();
                    assertThat(offsets.status()).isEqualTo(RecordStatus.NODE_PTR);
                    // The leftmost node pointer of each level carries the min_rec flag.
                    assertThat(offsets.minRec()).isEqualTo(i == 0 && r == 0);
                    assertThat(offsets.length(1)).isEqualTo(4);
                    children.add(Mach.read4(page, offsets.offset(1)));
                }
            }
            assertLinked(pages, children);
            level = children;
        }
        return level;
    }

    /** Node pointers and FIL_PAGE_PREV/NEXT must name the same pages in the same order. */
    private static void assertLinked(PageReader pages, List<Long> levelPages) {
        for (int i = 0; i < levelPages.size(); i++) {
            byte[] page = pages.read(levelPages.get(i));
            assertThat(Mach.read4(page, Fil.PAGE_PREV)).isEqualTo(i == 0 ? Fil.FIL_NULL : levelPages.get(i - 1));
            assertThat(Mach.read4(page, Fil.PAGE_NEXT))
                    .isEqualTo(i == levelPages.size() - 1 ? Fil.FIL_NULL : levelPages.get(i + 1));
        }
    }

    private static int signedInt(byte[] page, RecordOffsets offsets, int field) {
        if (offsets.length(field) != 4) {
            fail("field " + field + " is " + offsets.length(field) + " bytes: " + offsets);
        }
        // InnoDB stores signed integers big-endian with the sign bit flipped, so that bytes sort like numbers.
        return Mach.readInt(page, offsets.offset(field)) ^ 0x80000000;
    }

    private static long rootPage(ResultTable indexes, String table) {
        for (List<String> row : indexes.rows()) {
            if (row.get(indexes.columnIndex("TABLE_NAME")).equals(table)
                    && row.get(indexes.columnIndex("INDEX_NAME")).equals("PRIMARY")) {
                return Long.parseLong(row.get(indexes.columnIndex("PAGE_NO")));
            }
        }
        throw new AssertionError("no PRIMARY index for " + table + " in " + indexes);
    }

    private static Map<String, String> toMap(ResultTable table) {
        Map<String, String> map = new java.util.HashMap<>();
        for (List<String> row : table.rows()) {
            map.put(row.get(0), row.get(1));
        }
        return map;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
