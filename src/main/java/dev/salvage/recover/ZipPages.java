package dev.salvage.recover;

import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.zip.ZipPage;

import java.util.List;

/**
 * The bridge between stored pages and the record layer for ROW_FORMAT=COMPRESSED tablespaces: index pages are
 * decompressed to the logical page size; a page that will not decompress still has a readable (uncompressed)
 * index header, so its records are accounted as lost instead of silently missing.
 */
final class ZipPages {

    private ZipPages() {
    }

    /**
     * @param page    the logical page, or null when decompression failed or the page is no index page
     * @param stored  the page as stored
     * @param problem why decompression failed, null otherwise
     */
    record Outcome(byte[] page, byte[] stored, String problem) {

        /** Decompression failed on what its header says is a leaf of {@code indexId}. */
        boolean failedLeafOf(long indexId) {
            return problem != null && Mach.read8(stored, IndexPageHeader.PAGE_HEADER + IndexPageHeader.INDEX_ID) == indexId
                    && Mach.read2(stored, IndexPageHeader.PAGE_HEADER + IndexPageHeader.LEVEL) == 0;
        }

        /** Accounting of a leaf that could not be decompressed: every record it claims is lost. */
        PageAccount account(long pageNo, boolean checksumValid) {
            int nRecs = Mach.read2(stored, IndexPageHeader.PAGE_HEADER + IndexPageHeader.N_RECS);
            return new PageAccount(pageNo, nRecs, 0, 0, 0, 0, nRecs, checksumValid, "not decompressed",
                    List.of("ROW_FORMAT=COMPRESSED page not decompressed: " + problem));
        }
    }

    /** The page the record layer reads: {@code stored} itself unless the tablespace is compressed. */
    static Outcome decompress(byte[] stored, PageSize size) {
        if (!size.isCompressed()) {
            return new Outcome(stored, stored, null);
        }
        if (!ZipPage.isIndexPage(stored)) {
            return new Outcome(null, stored, null);
        }
        ZipPage.Result r = ZipPage.decompress(stored, size.physical(), size.logical());
        return new Outcome(r.page(), stored, r.problem());
    }

    /** The logical page, or null. */
    static byte[] logical(byte[] stored, PageSize size) {
        return decompress(stored, size).page();
    }
}
