package dev.salvage.sdi;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.zip.ZipPage;

import java.util.List;

/**
 * SDI pages of a ROW_FORMAT=COMPRESSED tablespace are compressed like its index pages (page_zip_compress
 * makes no difference between FIL_PAGE_INDEX and FIL_PAGE_SDI), so the index page decompressor reads them
 * once it is shown a copy that carries the index page type.
 */
final class SdiZipPage {

    private SdiZipPage() {
    }

    /** The uncompressed image of an SDI page, null (with a finding) when it cannot be decompressed. */
    static byte[] decompress(byte[] zip, PageSize size, long pageNo, List<SdiFinding> findings) {
        byte[] copy = zip.clone();
        copy[Fil.PAGE_TYPE] = (byte) (PageType.INDEX >>> 8);
        copy[Fil.PAGE_TYPE + 1] = (byte) PageType.INDEX;
        ZipPage.Result result;
        try {
            result = ZipPage.decompress(copy, size.physical(), size.logical());
        } catch (RuntimeException e) {
            // The decompressor reports damage as a result; anything else still must not end the run.
            findings.add(SdiFinding.error(pageNo, "SDI_PAGE_UNREADABLE", "compressed SDI page: " + e));
            return null;
        }
        if (!result.ok()) {
            findings.add(SdiFinding.error(pageNo, "SDI_PAGE_UNREADABLE", "compressed SDI page: " + result.problem()));
            return null;
        }
        return result.page();
    }
}
