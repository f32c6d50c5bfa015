package dev.salvage.recover;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.inventory.Doublewrite;
import dev.salvage.inventory.PageInventory;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.io.FilePageSource;
import dev.salvage.io.FileSet;
import dev.salvage.io.PageSource;
import dev.salvage.io.UnreadableInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the pages come from: one tablespace (an .ibd, or ibdata1, ibdata2, … as one set), or a folder written
 * by {@code salvage carve} ({@code FIL_PAGE_INDEX/<index id>.page} files of index pages and
 * {@code FIL_PAGE_TYPE_BLOB/<page no>.page} files of off-page values). Read-only.
 */
public final class RecoveryInput implements Closeable {

    private final String name;
    private final List<PageSource> sources;
    private final List<FileSet> files;
    private final SpaceLayout layout;
    private final PageReader blobPages;
    private boolean carved;
    private CarvedBlobFiles carvedBlobs;
    private ExtentMap extents;
    private Doublewrite doublewrite;

    private RecoveryInput(String name, List<PageSource> sources, List<FileSet> files, SpaceLayout layout,
            PageReader blobPages) {
        this.name = name;
        this.sources = sources;
        this.files = files;
        this.layout = layout;
        this.blobPages = blobPages;
    }

    /** A tablespace: the files in order (one file, or the ibdata set). */
    public static RecoveryInput tablespace(List<Path> paths) throws IOException {
        FileSet set = FileSet.open(paths);
        try {
            SpaceLayout detected = PageSizeDetector.detect(set, null);
            PageSource source = new FilePageSource(set, detected.pageSize());
            SpaceLayout layout = pageCompressedFullCrc32(source, detected);
            int size = layout.pageSize().physical();
            // Off-page values of page_compressed tables live on page_compressed BLOB pages too.
            PageReader blobs = pageNo -> ZipPages.pageCompressedLogical(readOne(source, pageNo, size), layout);
            RecoveryInput input = new RecoveryInput(set.name(), List.of(source), List.of(set), layout, blobs);
            input.extents = PageInventory.readExtentMap(source, layout);
            input.doublewrite = readDoublewrite(source, layout);
            return input;
        } catch (IOException | RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** A carve output folder. */
    public static RecoveryInput carveFolder(Path dir) throws IOException {
        Path indexDir = dir.resolve("FIL_PAGE_INDEX");
        if (!Files.isDirectory(indexDir)) {
            throw new UnreadableInputException(dir + ": not a carve folder (no FIL_PAGE_INDEX directory)");
        }
        List<Path> pageFiles;
        try (Stream<Path> list = Files.list(indexDir)) {
            pageFiles = list.filter(p -> p.getFileName().toString().endsWith(".page")).sorted().toList();
        }
        if (pageFiles.isEmpty()) {
            throw new UnreadableInputException(indexDir + ": no .page files");
        }
        List<PageSource> sources = new ArrayList<>();
        List<FileSet> sets = new ArrayList<>();
        SpaceLayout first = null;
        try {
            for (Path p : pageFiles) {
                FileSet set = FileSet.open(p);
                sets.add(set);
                SpaceLayout layout = first != null ? first : carvedLayout(set);
                first = layout;
                sources.add(new FilePageSource(set, first.pageSize()));
            }
        } catch (IOException | RuntimeException e) {
            sets.forEach(FileSet::close);
            throw e;
        }
        Path blobDir = dir.resolve("FIL_PAGE_TYPE_BLOB");
        int size = first.pageSize().physical();
        SpaceLayout layout = first;
        CarvedBlobFiles blobFiles = new CarvedBlobFiles(blobDir, size);
        PageReader blobs = pageNo -> {
            byte[] page = readBlobFile(blobFiles.plain(pageNo), size);
            if (page == null) {
                Path file = blobFiles.suffixed(pageNo);
                page = file == null ? null : readBlobFile(file, size);
            }
            return ZipPages.pageCompressedLogical(page, layout);
        };
        RecoveryInput input = new RecoveryInput(dir.toString(), sources, sets, first, blobs);
        input.carved = true;
        input.carvedBlobs = blobFiles;
        return input;
    }

    /** A folder is a carve folder, anything else a tablespace file set. */
    public static RecoveryInput open(List<Path> paths) throws IOException {
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            return carveFolder(paths.get(0));
        }
        return tablespace(paths);
    }

    /**
     * Page size of a carved index file: the page size detector needs a page 0 or page numbers that fit their
     * positions, which carved files lack, so fall back to the first size whose first page is a sound index page.
     */
    private static SpaceLayout carvedLayout(FileSet set) throws IOException {
        try {
            return PageSizeDetector.detect(set, null);
        } catch (UnreadableInputException e) {
            for (int size : new int[] {16384, 4096, 8192, 32768, 65536}) {
                if (set.length() < size || set.length() % size != 0) {
                    continue;
                }
                byte[] page = new byte[size];
                PageSize pageSize = PageSize.of(size);
                if (set.read(0, page, 0, size) == size && TableRecovery.indexHeader(page, size) != null
                        && PageChecksum.verify(page, 0, pageSize, false, null).valid()) {
                    return new SpaceLayout(pageSize, null, -1, false, SpaceLayout.Source.INFERRED,
                            "page size from the first carved index page");
                }
            }
            throw e;
        }
    }

    /** Pages looked at for full_crc32 page_compressed pages when page 0 is unreadable. */
    private static final int FCRC32_PROBE_PAGES = 4096;

    /**
     * With page 0 unreadable the layout is inferred from pages whose checksum and number agree, which a
     * full_crc32 page_compressed page cannot show (its number is inside the stream); such a tablespace may then
     * come out as not full_crc32, and its compressed pages would go unseen. A page with bit 15 of FIL_PAGE_TYPE
     * set whose full_crc32 checksum over the stored length verifies settles it.
     */
    private static SpaceLayout pageCompressedFullCrc32(PageSource source, SpaceLayout layout) throws IOException {
        if (layout.fullCrc32() || layout.flags() != null || layout.pageSize().isCompressed()) {
            return layout;
        }
        int size = layout.pageSize().physical();
        int batch = 64;
        byte[] buffer = new byte[batch * size];
        long end = Math.min(source.pageCount(), FCRC32_PROBE_PAGES);
        for (long first = 0; first < end; first += batch) {
            int n = source.readPages(first, (int) Math.min(batch, end - first), buffer);
            for (int i = 0; i < n; i++) {
                if (PageCompressed.isCompressed(buffer, i * size, true)
                        && PageChecksum.matches(buffer, i * size, layout.pageSize(), ChecksumAlgorithm.FULL_CRC32)) {
                    return new SpaceLayout(layout.pageSize(), null, layout.spaceId(), true, layout.source(),
                            (layout.note() == null ? "" : layout.note() + "; ")
                                    + "full_crc32 from its page_compressed pages");
                }
            }
        }
        return layout;
    }

    /** The doublewrite buffer's location when this is the system tablespace (space 0), else null. */
    private static Doublewrite readDoublewrite(PageSource source, SpaceLayout layout) throws IOException {
        if (layout.spaceId() != 0 || source.pageCount() <= Doublewrite.TRX_SYS_PAGE_NO) {
            return null;
        }
        byte[] page = readOne(source, Doublewrite.TRX_SYS_PAGE_NO, layout.pageSize().physical());
        return page == null ? null : Doublewrite.fromTrxSysPage(page, 0, layout.pageSize());
    }

    private static byte[] readOne(PageSource source, long pageNo, int size) {
        if (pageNo < 0 || pageNo >= source.pageCount()) {
            return null;
        }
        byte[] page = new byte[size];
        try {
            return source.readPages(pageNo, 1, page) == 1 ? page : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readBlobFile(Path file, int size) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) < size) {
                return null;
            }
            try (var in = Files.newInputStream(file)) {
                byte[] page = in.readNBytes(size);
                return page.length == size ? page : null;
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    public String name() {
        return name;
    }

    public PageSize pageSize() {
        return layout.pageSize();
    }

    public SpaceLayout layout() {
        return layout;
    }

    /** The page files: one for a tablespace, one per carved index for a carve folder. */
    public List<PageSource> sources() {
        return sources;
    }

    /**
     * A carve folder holding BLOB pages of several tablespaces under suffixed names: take those of {@code spaceId},
     * the space the table's index pages name. No effect on a tablespace.
     */
    public void preferCarvedSpace(long spaceId) {
        if (carvedBlobs != null) {
            carvedBlobs.preferSpace(spaceId);
        }
    }

    /** Pages come from carved files: page numbers are read from each page's FIL header. */
    /**
     * True when the tablespace's extent descriptors say the page is free: a freed page keeps its old
     * records (older versions of rows that now live elsewhere), so it is no source of live rows.
     * Always false for carve folders and where the descriptors are unreadable.
     */
    public boolean isKnownFree(long pageNo) {
        return extents != null && extents.isKnownFree(pageNo);
    }

    /**
     * True for a page of the system tablespace's doublewrite buffer: a copy of a page written elsewhere (of this
     * or another tablespace), older or equal to it, so never a source of rows of its own. Always false for other
     * tablespaces and carve folders.
     */
    public boolean isDoublewriteCopy(long pageNo) {
        return !carved && doublewrite != null && doublewrite.contains(pageNo);
    }

    public boolean carved() {
        return carved;
    }

    public PageReader blobPages() {
        return blobPages;
    }

    @Override
    public void close() {
        files.forEach(FileSet::close);
    }
}
