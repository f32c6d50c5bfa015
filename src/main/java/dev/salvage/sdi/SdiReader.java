package dev.salvage.sdi;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.lob.ExternReader;
import dev.salvage.innodb.lob.LobRead;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.innodb.rec.RecordParser;
import dev.salvage.innodb.rec.RecordWalker;
import dev.salvage.io.PageSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the SDI records (MySQL 8.0 serialized dictionary objects) of a tablespace from its SDI leaf pages.
 *
 * <p>SDI records (storage/innobase/dict/dict0sdi.cc): type (4), id (8), DB_TRX_ID, DB_ROLL_PTR, uncompressed
 * length (4), compressed length (4), zlib-compressed JSON; when large, off-page in an SDI_BLOB chain, or in a
 * ROW_FORMAT=COMPRESSED tablespace a zlib stream over SDI_ZBLOB pages (ExternReader reads both). The leaves
 * are found by page type rather than by walking down from the root kept on page 0: a damaged root or inner
 * page then loses nothing, and a file-per-table tablespace keeps its single SDI page near the start anyway.
 */
public final class SdiReader {

    /** No SDI object of a real server comes near this; a larger length is damage and is not allocated. */
    static final int MAX_SDI_BYTES = 16 << 20;
    /** A file-per-table tablespace keeps its only SDI page at page 3. */
    public static final int FIRST_PAGES = 64;
    private static final FieldLayout SDI_RECORD = FieldLayout.builder().fixed("type", 4, false)
            .fixed("id", 8, false).systemColumns().fixed("uncompressed_len", 4, false)
            .fixed("compressed_len", 4, false).blob("data", false).build();

    private SdiReader() {
    }

    /**
     * Every SDI record of the tablespace. The first {@value #FIRST_PAGES} pages are searched; when they hold an
     * inner SDI page the tree has grown (mysql.ibd, general tablespaces) and the whole file is searched.
     */
    public static SdiScan read(Iterable<PageSource> sources, PageReader blobs) {
        return read(sources, blobs, FIRST_PAGES, true);
    }

    /**
     * Every SDI record in the first {@code pageLimit} pages of each source; with {@code wholeFileForTree} the
     * search goes on to the end of a source where an inner (non-leaf) SDI page shows a multi-page tree.
     */
    public static SdiScan read(Iterable<PageSource> sources, PageReader blobs, long pageLimit,
            boolean wholeFileForTree) {
        List<SdiRecord> records = new ArrayList<>();
        List<SdiFinding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int sdiPages = 0;
        for (PageSource source : sources) {
            int pageSize = source.pageSize().physical();
            byte[] page = new byte[pageSize];
            long end = Math.min(pageLimit, source.pageCount());
            for (long p = 0; p < end; p++) {
                try {
                    if (source.readPages(p, 1, page) != 1 || Mach.read2(page, Fil.PAGE_TYPE) != PageType.SDI) {
                        continue;
                    }
                } catch (IOException e) {
                    findings.add(SdiFinding.error(p, "SDI_PAGE_UNREADABLE", "cannot read page: " + e.getMessage()));
                    continue;
                }
                byte[] image = page;
                int imageSize = pageSize;
                if (source.pageSize().isCompressed()) {
                    image = SdiZipPage.decompress(page, source.pageSize(), p, findings);
                    imageSize = source.pageSize().logical();
                    if (image == null) {
                        continue;
                    }
                }
                IndexPageHeader header = IndexPageHeader.read(image, 0);
                if (header == null) {
                    continue;
                }
                if (header.level() != 0) {
                    end = wholeFileForTree ? source.pageCount() : end;
                    continue;
                }
                sdiPages++;
                try {
                    readLeaf(image, imageSize, p, blobs, records, findings, seen);
                } catch (RuntimeException e) {
                    // The record layer is meant to refuse damage quietly; should it not, lose this page only.
                    findings.add(SdiFinding.error(p, "SDI_PAGE_UNREADABLE", "could not walk the page: " + e));
                }
            }
        }
        return new SdiScan(records, findings, sdiPages);
    }

    private static void readLeaf(byte[] page, int pageSize, long pageNo, PageReader blobs, List<SdiRecord> records,
            List<SdiFinding> findings, Set<String> seen) {
        RecordWalker walker = new RecordWalker();
        RecordOffsets rec = new RecordOffsets();
        walker.walkRecords(page, pageSize, origin -> {
            if (!RecordParser.parse(page, pageSize, origin, RecordFormat.COMPACT, SDI_RECORD, rec)) {
                findings.add(SdiFinding.error(pageNo, "SDI_RECORD_UNREADABLE", "record at offset " + origin
                        + " does not parse as an SDI record"));
                return true;
            }
            long type = Mach.read4(page, rec.offset(0)) & 0xffffffffL;
            long id = Mach.read8(page, rec.offset(1));
            String problem = null;
            byte[] json = null;
            try {
                json = json(page, rec, blobs, pageSize);
            } catch (SdiDamage e) {
                problem = e.getMessage();
            }
            if (json == null) {
                findings.add(SdiFinding.error(pageNo, "SDI_DATA_UNREADABLE", "SDI object type " + type + " id " + id
                        + ": " + problem));
            } else if (seen.add(type + ":" + id)) {
                records.add(new SdiRecord(type, id, pageNo, json));
            } else {
                findings.add(SdiFinding.warning(pageNo, "SDI_DUPLICATE", "SDI object type " + type + " id " + id
                        + " appears again (a stale page?); the first copy is kept"));
            }
            return true;
        });
    }

    /** The inflated JSON of a parsed SDI record; throws SdiDamage with the reason when it cannot be had. */
    static byte[] json(byte[] page, RecordOffsets rec, PageReader blobs, int pageSize) {
        long uncompressed = Mach.read4(page, rec.offset(4)) & 0xffffffffL;
        long compressed = Mach.read4(page, rec.offset(5)) & 0xffffffffL;
        // zlib cannot expand more than ~1032 times: a larger claim is damage, and is not allocated.
        if (uncompressed <= 0 || uncompressed > MAX_SDI_BYTES || compressed <= 0 || compressed > MAX_SDI_BYTES
                || uncompressed > compressed * 1100) {
            throw new SdiDamage("implausible lengths " + uncompressed + " / " + compressed);
        }
        byte[] data;
        if (rec.isExtern(6)) {
            LobRead read = ExternReader.readField(blobs, page, rec.offset(6), rec.length(6), pageSize, MAX_SDI_BYTES);
            if (!read.complete()) {
                throw new SdiDamage("off-page data incomplete: " + read.describe());
            }
            data = read.data();
        } else {
            data = rec.copy(page, 6);
        }
        if (data == null || data.length < compressed) {
            throw new SdiDamage("compressed data shorter than its length " + compressed);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, 0, (int) compressed);
            byte[] out = new byte[(int) uncompressed];
            int n = inflater.inflate(out);
            if (n != uncompressed) {
                throw new SdiDamage("inflated to " + n + " bytes, expected " + uncompressed);
            }
            return out;
        } catch (DataFormatException e) {
            throw new SdiDamage("zlib data damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Why one record's data could not be had; caught per record, never leaves this class. */
    private static final class SdiDamage extends RuntimeException {
        SdiDamage(String message) {
            super(message, null, false, false);
        }
    }
}
