package dev.salvage.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.salvage.dict.DictionarySchema;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.innodb.lob.ExternRef;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.innodb.zip.ZipPage;
import dev.salvage.inventory.PageInspector;
import dev.salvage.io.FilePageSource;
import dev.salvage.io.FileSet;
import dev.salvage.myisam.MyiFile;
import dev.salvage.myisam.MyisamLayout;
import dev.salvage.myisam.MyisamRowDecoder;
import dev.salvage.myisam.MyisamRows;
import dev.salvage.myisam.RecordFormat;
import dev.salvage.recover.RecoveryInput;
import dev.salvage.recover.RecoveryOptions;
import dev.salvage.recover.TableRecovery;
import dev.salvage.schema.DdlParser;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.sdi.SdiReader;
import dev.salvage.io.UnreadableInputException;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for every parser that reads bytes from a damaged file. Each one feeds arbitrary bytes (seeded from
 * real pages of examples/mariadb-10.11 and of server-written datadirs, see {@code ParserFuzzTestInputs/}) through
 * the public API the commands use; the property is that the parser returns (findings, a failed result) instead of
 * throwing, hanging or allocating without bound. Jazzer reports any escaping exception, a hang or an
 * OutOfMemoryError as a finding and writes the input next to the seeds, where it stays as a regression case.
 *
 * <p>Only built and run with {@code -Pfuzz}: without {@code JAZZER_FUZZ} every seed and kept crash is replayed
 * once (a few seconds); with {@code JAZZER_FUZZ=1} the one method picked by {@code -Dtest=ParserFuzzTest#method}
 * is fuzzed for its {@code maxDuration}.
 */
@Tag("fuzz")
class ParserFuzzTest {

    private static final Path EXAMPLES = Path.of("examples/mariadb-10.11");
    private static final Path FIXTURES = Path.of("src/test/resources/dev/salvage/fuzz/fixtures");
    private static final int PAGE = 16384;
    private static final String DURATION = "60s";

    // ---- page level: inspection and checksum -------------------------------------------------------------------

    private static SpaceLayout exampleLayout;

    private static synchronized SpaceLayout exampleLayout() throws IOException {
        if (exampleLayout == null) {
            try (FileSet set = FileSet.open(EXAMPLES.resolve("shop/customers.ibd"))) {
                exampleLayout = PageSizeDetector.detect(set, null);
            }
        }
        return exampleLayout;
    }

    /** Pads or cuts the input to exactly one page, so every byte the fuzzer changes lands inside the page. */
    private static byte[] onePage(byte[] data, int size) {
        return data.length == size ? data : Arrays.copyOf(data, size);
    }

    /** One direct buffer for all inputs: direct memory is freed only by GC, so one per input would swell the RSS. */
    private static final ByteBuffer DIRECT = ByteBuffer.allocateDirect(PAGE);

    @FuzzTest(maxDuration = DURATION)
    void pageInspection(byte[] data) throws IOException {
        byte[] page = onePage(data, PAGE);
        PageInspector inspector = new PageInspector(exampleLayout(), null, null);
        // Both ways in: the byte[] path and the in-place ByteBuffer path the inventory uses for healthy files.
        inspector.inspect(page, 0, 3);
        inspector.inspect(ByteBuffer.wrap(page), 0, 3);
        DIRECT.clear();
        DIRECT.put(page).clear();
        inspector.inspect(DIRECT, 0, 0);
    }

    @FuzzTest(maxDuration = DURATION)
    void pageChecksum(byte[] data) {
        byte[] page = onePage(data, PAGE);
        PageChecksum.verify(page, 0, PageSize.of(PAGE), false, null);
        PageChecksum.verify(page, 0, PageSize.of(PAGE), true, null);
        // The page read as a compressed page of each size, as carve and doublewrite checks do.
        for (int zip = 1024; zip <= PAGE; zip <<= 1) {
            PageChecksum.verify(page, 0, PageSize.zip(PAGE, zip), false, null);
        }
        PageChecksum.firstZipMatch(page, 0, new int[] {1024, 2048, 4096, 8192, 16384}, 5, null);
    }

    // ---- records, rows -------------------------------------------------------------------------------------------

    @FuzzTest(maxDuration = DURATION)
    void recordWalk(byte[] data) {
        byte[] page = onePage(data, PAGE);
        RecordWalker walker = new RecordWalker();
        walker.check(page, PAGE).describe();
        walker.walkFree(page, PAGE, null);
    }

    private static Path recoveryFile;
    private static TableDef customers;

    /**
     * A private copy of customers.ibd whose clustered index is one page (page 3, the root and only leaf); each
     * input replaces that page, so TableRecovery sees a one-page table through the same path as {@code salvage
     * rows}.
     */
    private static synchronized Path recoveryFile() throws IOException {
        if (recoveryFile == null) {
            recoveryFile = Files.createTempFile("salvage-fuzz-", ".ibd");
            recoveryFile.toFile().deleteOnExit();
            Files.copy(EXAMPLES.resolve("shop/customers.ibd"), recoveryFile,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            customers = FrmReader.read(EXAMPLES.resolve("shop/customers.frm")).table();
        }
        return recoveryFile;
    }

    private static void overwritePage(Path file, long pageNo, byte[] page) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(page), pageNo * PAGE);
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void pageRecovery(byte[] data) throws IOException {
        Path file = recoveryFile();
        overwritePage(file, 3, onePage(data, PAGE));
        // Index 23 is customers' PRIMARY (examples/mariadb-10.11/shop/indexes.tsv); without it the chooser would
        // often pick no index at all and the row decoders would never run.
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(file))) {
            new TableRecovery(customers, RecoveryOptions.defaults().withIndexId(23L).withThreads(1)
                    .withDeleted(dev.salvage.recover.DeletedMode.WITH))
                    .run(input, row -> { });
        }
    }

    // ---- compressed pages, off-page columns, SDI ------------------------------------------------------------------

    @FuzzTest(maxDuration = DURATION)
    void zipPage(byte[] data) {
        // The largest compressed page size the input fills (seeds are real 1K, 4K and 8K pages).
        int zip = 1024;
        while (zip < 16384 && zip * 2 <= data.length) {
            zip <<= 1;
        }
        if (data.length < zip) {
            return;
        }
        ZipPage.Result r = ZipPage.decompress(data, zip, PAGE);
        if (r.ok() && r.page() != null) {
            new RecordWalker().check(r.page(), PAGE);
        }
    }

    /**
     * Input: a 20-byte external field reference, then 16K pages numbered from {@value #LOB_BASE} (the seed is the
     * first BLOB reference in products' root page and the BLOB pages 4..9 it leads through).
     */
    private static final int LOB_BASE = 4;

    @FuzzTest(maxDuration = DURATION)
    void lobChain(byte[] data) {
        if (data.length < ExternRef.SIZE) {
            return;
        }
        ExternRef ref = ExternRef.read(data, 0);
        int pages = (data.length - ExternRef.SIZE) / PAGE;
        ExternReader.readOffPage(pageNo -> {
            long i = pageNo - LOB_BASE;
            if (i < 0 || i >= pages) {
                return null;
            }
            int at = ExternRef.SIZE + (int) i * PAGE;
            return Arrays.copyOfRange(data, at, at + PAGE);
        }, ref, PAGE, 1 << 20);
    }

    @FuzzTest(maxDuration = DURATION)
    void sdiPages(byte[] data) throws IOException {
        // The input is the tablespace: its 16K pages, a partial last page counted as trailing bytes.
        try (FilePageSource source = new FilePageSource(new MemoryRange(data), PageSize.of(PAGE))) {
            SdiReader.read(List.of(source), pageNo -> {
                long at = pageNo * PAGE;
                return pageNo < 0 || at + PAGE > data.length ? null : Arrays.copyOfRange(data, (int) at, (int) at + PAGE);
            });
        }
    }

    // ---- .frm, MyISAM ---------------------------------------------------------------------------------------------

    @FuzzTest(maxDuration = DURATION)
    void frmFile(byte[] data) {
        FrmResult r = FrmReader.read(data, "t");
        if (r.table() != null) {
            r.table().toString();
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void myiHeader(byte[] data) {
        try {
            MyiFile myi = MyiFile.parse(data, "t.MYI");
            myi.state();
            myi.keys();
            myi.columns();
        } catch (UnreadableInputException e) {
            // The documented answer for a header too damaged to read (exit code 3).
        }
    }

    private static MyiFile[] myisamFixtures;
    private static MyisamLayout[] myisamLayouts;

    private static synchronized void loadMyisamFixtures() throws IOException {
        if (myisamFixtures == null) {
            String[] names = {"fx", "dy"};
            myisamFixtures = new MyiFile[2];
            myisamLayouts = new MyisamLayout[2];
            for (int i = 0; i < 2; i++) {
                myisamFixtures[i] = MyiFile.parse(Files.readAllBytes(FIXTURES.resolve(names[i] + ".MYI")), names[i]);
                FrmResult frm = FrmReader.read(FIXTURES.resolve(names[i] + ".frm"));
                myisamLayouts[i] = MyisamLayout.fromFrm(frm, myisamFixtures[i].format() == RecordFormat.FIXED);
            }
        }
    }

    /** Input: one byte choosing the table (even: FIXED fx, odd: DYNAMIC dy), then the whole .MYD. */
    @FuzzTest(maxDuration = DURATION)
    void mydRecords(byte[] data) throws IOException {
        if (data.length < 1) {
            return;
        }
        loadMyisamFixtures();
        int t = data[0] & 1;
        MyisamRows.read(myisamFixtures[t], new MemoryRange(Arrays.copyOfRange(data, 1, data.length)),
                new MyisamRowDecoder(myisamLayouts[t]), true, new MyisamRows.RowHandler() {
                    @Override
                    public void row(List<dev.salvage.out.RowValue> values, boolean deleted, long position) {
                    }

                    @Override
                    public boolean deletedBlock(long position, long length) {
                        return true;
                    }
                });
    }

    // ---- InnoDB dictionary, DDL -----------------------------------------------------------------------------------

    private static Path dictFile;

    private static synchronized Path dictFile() throws IOException {
        if (dictFile == null) {
            dictFile = Files.createTempFile("salvage-fuzz-ibdata", "");
            dictFile.toFile().deleteOnExit();
        }
        // A fresh copy each time: the previous input's page must not linger in another slot.
        Files.copy(EXAMPLES.resolve("ibdata1"), dictFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return dictFile;
    }

    /**
     * Input: one page of the system tablespace. It replaces page 7 + (its own page-number byte mod 6), i.e. one of
     * the SYS_TABLES/SYS_COLUMNS/SYS_INDEXES/SYS_FIELDS roots 8..11 or their neighbours; the seeds are the real
     * pages 8..12 of examples/mariadb-10.11/ibdata1.
     */
    @FuzzTest(maxDuration = DURATION)
    void dictPage(byte[] data) throws IOException {
        byte[] page = onePage(data, PAGE);
        Path file = dictFile();
        overwritePage(file, 7 + (page[7] & 0xFF) % 6, page);
        DictionarySchema schema = DictionarySchema.read(List.of(file));
        schema.tables();
        schema.findings();
    }

    @FuzzTest(maxDuration = DURATION)
    void ddl(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        new DdlParser(ServerDialect.MARIADB_10_11).parse(text);
        new DdlParser(ServerDialect.MYSQL_8_0).parse(text);
    }

    /** An in-memory ByteRange, so the fuzzed bytes reach the readers without a file. */
    private record MemoryRange(byte[] bytes) implements dev.salvage.io.ByteRange {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) {
            if (position < 0 || position >= bytes.length) {
                return 0;
            }
            int n = (int) Math.min(len, bytes.length - position);
            System.arraycopy(bytes, (int) position, dst, off, n);
            return n;
        }

        @Override
        public String name() {
            return "fuzz";
        }

        @Override
        public void close() {
        }
    }
}
