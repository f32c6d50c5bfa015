package dev.salvage.recover;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.FspFlags;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.pagecomp.PageCompressed;
import dev.salvage.innodb.zip.ZipPage;

import java.util.List;

/**
 * The bridge between stored pages and the record layer: the logical page the server would have in its buffer
 * pool. ROW_FORMAT=COMPRESSED index pages are decompressed to the logical page size; MariaDB page_compressed pages
 * (any type) are decompressed whole; other pages are read as stored. A page that will not decompress may still
 * show an index header — ROW_FORMAT=COMPRESSED keeps it uncompressed, a page_compressed stream that breaks off
 * usually gives its first bytes — so its records are accounted as lost instead of silently missing.
 */
final class ZipPages {

    private ZipPages() {
    }

    /**
     * @param page    the logical page, or null when decompression failed or the page is no index page
     * @param stored  the page as stored
     * @param problem why decompression failed, null otherwise
     * @param header  bytes holding the page's own FIL and index header when readable (the stored page, or what a
     *                broken page_compressed stream gave), else null
     * @param kind    the compression, for findings: "ROW_FORMAT=COMPRESSED", "page_compressed", or null
     */
    record Outcome(byte[] page, byte[] stored, String problem, byte[] header, String kind) {

        /** Decompression failed on what its header says is a leaf of {@code indexId}. */
        boolean failedLeafOf(long indexId) {
            return problem != null && header != null
                    && Mach.read8(header, IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID) == indexId
                    && Mach.read2(header, IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL) == 0;
        }

        /** Decompression failed and nothing tells whose page it was. */
        boolean failedUnknown() {
            return problem != null && header == null;
        }

        /** Accounting of a leaf that could not be decompressed: every record it claims is lost. */
        PageAccount account(long pageNo, boolean checksumValid) {
            int nRecs = Mach.read2(header, IndexPageHeader.PAGE_HEADER + IndexPageHeader.N_RECS);
            return new PageAccount(pageNo, nRecs, 0, 0, 0, 0, nRecs, checksumValid, "not decompressed",
                    List.of(kind + " page " + pageNo + " not decompressed, its " + nRecs + " record(s) lost: "
                            + problem));
        }

        /**
         * The checksum verdict: on the stored bytes (what the server checks before decompressing), and for
         * non-full_crc32 page_compressed pages, which store none, on the decompressed page.
         */
        boolean checksumValid(SpaceLayout layout) {
            PageSize size = layout.pageSize();
            if ("page_compressed".equals(kind)) {
                if (layout.fullCrc32()) {
                    // Only full_crc32 applies: the looser fallbacks would accept the zero padding and trailer.
                    return PageChecksum.matches(stored, 0, size, ChecksumAlgorithm.FULL_CRC32);
                }
                // No checksum over the stored bytes: the decompressed page's own is the only one.
                return page != null && PageChecksum.verify(page, 0, size, false, null).valid();
            }
            return PageChecksum.verify(stored, 0, size, layout.fullCrc32(), null).valid();
        }
    }

    /** The page the record layer reads: {@code stored} itself unless compressed one way or the other. */
    static Outcome decompress(byte[] stored, SpaceLayout layout) {
        PageSize size = layout.pageSize();
        if (size.isCompressed()) {
            if (!ZipPage.isIndexPage(stored)) {
                return new Outcome(null, stored, null, stored, null);
            }
            ZipPage.Result r = ZipPage.decompress(stored, size.physical(), size.logical());
            return new Outcome(r.page(), stored, r.problem(), stored, "ROW_FORMAT=COMPRESSED");
        }
        if (PageCompressed.isCompressed(stored, 0, layout.fullCrc32())) {
            PageCompressed.Result r = PageCompressed.decompress(stored, 0, size.logical(), layout.fullCrc32(),
                    spaceAlgorithm(layout));
            if (r.ok()) {
                return new Outcome(r.page(), stored, null, r.page(), "page_compressed");
            }
            byte[] header = r.page() != null && r.decoded() >= IndexPageHeader.MIN_BYTES
                    && TableRecovery.indexHeader(r.page(), size.logical()) != null ? r.page() : null;
            return new Outcome(null, stored, describe(r), header, "page_compressed");
        }
        return new Outcome(stored, stored, null, stored, null);
    }

    /** The logical page, or null. */
    static byte[] logical(byte[] stored, SpaceLayout layout) {
        return decompress(stored, layout).page();
    }

    /** A decompressed page_compressed page, {@code stored} when it is not one, null when it does not decompress. */
    static byte[] pageCompressedLogical(byte[] stored, SpaceLayout layout) {
        if (stored == null || !PageCompressed.isCompressed(stored, 0, layout.fullCrc32())) {
            return stored;
        }
        PageCompressed.Result r = PageCompressed.decompress(stored, 0, layout.pageSize().logical(),
                layout.fullCrc32(), spaceAlgorithm(layout));
        return r.ok() ? r.page() : null;
    }

    /** A full_crc32 tablespace names its page_compressed algorithm in its flags; 0 when they are unknown. */
    private static int spaceAlgorithm(SpaceLayout layout) {
        FspFlags flags = layout.flags();
        return flags != null && flags.valid() && flags.fullCrc32() ? flags.compressionAlgorithm() : 0;
    }

    private static String describe(PageCompressed.Result r) {
        return (r.algorithm() == null ? "" : r.algorithm() + ", ") + (r.stored() > 0 ? r.stored() + " bytes stored, " : "")
                + r.problem() + (r.decoded() > 0 ? " (" + r.decoded() + " bytes decoded before that)" : "");
    }
}
