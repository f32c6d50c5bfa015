package dev.salvage.check;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.ChecksumVerdict;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.page.FilHeader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.innodb.zip.ZipPage;
import dev.salvage.io.PageSource;

import java.io.IOException;

/**
 * Reads single pages of one tablespace for the tree walk and says whether each can be trusted: inside the
 * file, not all zeros, checksum valid, header and trailer LSN agree, carrying its own page number. Index pages
 * of ROW_FORMAT=COMPRESSED tablespaces are decompressed to the logical size. Never throws on bad bytes.
 */
final class PageFetcher {

    /** A page as the walk sees it: the logical bytes, or why there are none. */
    record Fetched(byte[] page, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private final PageSource source;
    private final SpaceLayout layout;
    private final PageSize size;
    private ChecksumAlgorithm preferred;

    PageFetcher(PageSource source, SpaceLayout layout) {
        this.source = source;
        this.layout = layout;
        this.size = layout.pageSize();
    }

    long pageCount() {
        return source.pageCount();
    }

    int logicalSize() {
        return size.logical();
    }

    SpaceLayout layout() {
        return layout;
    }

    /** Reads page {@code pageNo} into a new array (the walk keeps one page per tree level). */
    Fetched fetch(long pageNo) {
        int physical = size.physical();
        if (pageNo < 0 || pageNo >= source.pageCount()) {
            return new Fetched(null, "beyond the end of the file (" + source.pageCount() + " whole pages"
                    + (source.trailingBytes() > 0 ? " and " + source.trailingBytes() + " bytes of a cut page" : "")
                    + ")");
        }
        byte[] stored = new byte[physical];
        try {
            if (source.readPages(pageNo, 1, stored) != 1) {
                return new Fetched(null, "could not be read (the file ended early)");
            }
        } catch (IOException e) {
            return new Fetched(null, "could not be read (" + e.getMessage() + ")");
        }
        return judge(pageNo, stored);
    }

    /** The verdict on one stored page (also used for pages read in bulk). */
    Fetched judge(long pageNo, byte[] stored) {
        int physical = size.physical();
        if (Mach.isZero(stored, 0, physical)) {
            return new Fetched(null, "all zeros");
        }
        ChecksumVerdict verdict = PageChecksum.verify(stored, 0, size, layout.fullCrc32(), preferred);
        if (!verdict.valid()) {
            return new Fetched(null, "checksum mismatch");
        }
        preferred = verdict.algorithm();
        boolean fullCrc32 = verdict.algorithm() == ChecksumAlgorithm.FULL_CRC32;
        if (PageCompressed.isCompressed(stored, 0, layout.fullCrc32())) {
            // MariaDB page_compressed: the rest of the checks apply to the page the server decompresses.
            PageCompressed.Result r = PageCompressed.decompress(stored, 0, size.logical(), layout.fullCrc32(),
                    layout.flags() != null && layout.flags().fullCrc32() ? layout.flags().compressionAlgorithm() : 0);
            if (!r.ok()) {
                return new Fetched(null, "page_compressed page does not decompress (" + r.problem() + ")");
            }
            stored = r.page();
            if (!layout.fullCrc32() && !PageChecksum.verify(stored, 0, size, false, null).valid()) {
                return new Fetched(null, "checksum mismatch (of the decompressed page_compressed page)");
            }
            fullCrc32 = layout.fullCrc32();
        }
        FilHeader fil = FilHeader.read(stored, 0, physical);
        if (fil.isTorn(size, fullCrc32)) {
            return new Fetched(null, "torn (header and trailer LSN differ)");
        }
        if (pageNo >= 0 && fil.pageNo() != pageNo) {
            return new Fetched(null, "holds page " + fil.pageNo() + " (a page written to the wrong place)");
        }
        if (!size.isCompressed()) {
            return new Fetched(stored, null);
        }
        if (!ZipPage.isIndexPage(stored)) {
            return new Fetched(stored, null);
        }
        ZipPage.Result r = ZipPage.decompress(stored, physical, size.logical());
        if (r.page() == null) {
            return new Fetched(null, "ROW_FORMAT=COMPRESSED page does not decompress (" + r.problem() + ")");
        }
        return new Fetched(r.page(), null);
    }
}
