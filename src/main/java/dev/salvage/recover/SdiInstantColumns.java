package dev.salvage.recover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MySQL 8.0.13+ instant ADD COLUMN: how many columns were added instantly, from the table's SDI (the data
 * dictionary copy in the tablespace). Records written before the first instant ADD carry no field count
 * and store only the fields that existed then; the dictionary marks every instantly added column with a
 * {@code default=} or {@code default_null=} entry in its se_private_data (dict0dd.cc dd_column_key_strings),
 * and those columns are the last ones of the clustered index record.
 *
 * <p>SDI records (dict0sdi): type (4), id (8), DB_TRX_ID, DB_ROLL_PTR, uncompressed length (4), compressed
 * length (4), zlib-compressed JSON (may be off-page). Only the first pages of each file are searched: the SDI
 * root is page 3 of a file-per-table tablespace, and a table's SDI fits on it.
 */
final class SdiInstantColumns {

    private static final int SEARCH_PAGES = 64;
    private static final int SDI_TYPE_TABLE = 1;
    private static final int MAX_SDI_BYTES = 16 << 20;
    private static final FieldLayout SDI_RECORD = FieldLayout.builder().fixed("type", 4, false)
            .fixed("id", 8, false).systemColumns().fixed("uncompressed_len", 4, false)
            .fixed("compressed_len", 4, false).blob("data", false).build();

    private SdiInstantColumns() {
    }

    /** Columns of {@code tableName} added by instant ADD COLUMN; -1 when no SDI for it could be read. */
    static int addedColumns(Iterable<PageSource> sources, PageReader blobs, int pageSize, String tableName) {
        byte[] page = new byte[pageSize];
        RecordWalker walker = new RecordWalker();
        RecordOffsets rec = new RecordOffsets();
        int[] found = {-1};
        try {
            for (PageSource source : sources) {
                for (long p = 0; p < Math.min(SEARCH_PAGES, source.pageCount()) && found[0] < 0; p++) {
                    if (source.readPages(p, 1, page) != 1 || Mach.read2(page, Fil.PAGE_TYPE) != PageType.SDI) {
                        continue;
                    }
                    IndexPageHeader header = IndexPageHeader.read(page, 0);
                    if (header == null || header.level() != 0) {
                        continue;
                    }
                    walker.walkRecords(page, pageSize, origin -> {
                        if (RecordParser.parse(page, pageSize, origin, RecordFormat.COMPACT, SDI_RECORD, rec)
                                && Mach.read4(page, rec.offset(0)) == SDI_TYPE_TABLE) {
                            int n = added(json(page, rec, blobs, pageSize), tableName);
                            if (n >= 0) {
                                found[0] = n;
                                return false;
                            }
                        }
                        return true;
                    });
                }
            }
        } catch (IOException e) {
            return found[0];
        }
        return found[0];
    }

    private static byte[] json(byte[] page, RecordOffsets rec, PageReader blobs, int pageSize) {
        long uncompressed = Mach.read4(page, rec.offset(4));
        long compressed = Mach.read4(page, rec.offset(5));
        // zlib cannot expand more than ~1032 times: a larger claim is damage, and is not allocated.
        if (uncompressed <= 0 || uncompressed > MAX_SDI_BYTES || compressed <= 0 || compressed > MAX_SDI_BYTES
                || uncompressed > compressed * 1100) {
            return null;
        }
        byte[] data;
        if (rec.isExtern(6)) {
            LobRead read = ExternReader.readField(blobs, page, rec.offset(6), rec.length(6), pageSize, MAX_SDI_BYTES);
            if (!read.complete()) {
                return null;
            }
            data = read.data();
        } else {
            data = rec.copy(page, 6);
        }
        if (data == null || data.length < compressed) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, 0, (int) compressed);
            byte[] out = new byte[(int) uncompressed];
            int n = inflater.inflate(out);
            return n == uncompressed ? out : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Instantly added columns in the SDI JSON of table {@code name}; -1 when it is another object or unreadable. */
    static int added(byte[] json, String name) {
        if (json == null) {
            return -1;
        }
        try {
            JsonNode object = new ObjectMapper().readTree(json).path("dd_object");
            if (!name.equalsIgnoreCase(object.path("name").asText(null))) {
                return -1;
            }
            int n = 0;
            for (JsonNode column : object.path("columns")) {
                String privateData = ";" + column.path("se_private_data").asText("");
                n += privateData.contains(";default=") || privateData.contains(";default_null=") ? 1 : 0;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }
}
