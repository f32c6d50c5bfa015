package dev.salvage.recover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.io.PageSource;
import dev.salvage.sdi.SdiReader;
import dev.salvage.sdi.SdiRecord;

import java.io.IOException;

/**
 * MySQL 8.0.13+ instant ADD COLUMN: how many columns were added instantly, from the table's SDI (the data
 * dictionary copy in the tablespace). Records written before the first instant ADD carry no field count
 * and store only the fields that existed then; the dictionary marks every instantly added column with a
 * {@code default=} or {@code default_null=} entry in its se_private_data (dict0dd.cc dd_column_key_strings),
 * and those columns are the last ones of the clustered index record.
 *
 * <p>The SDI records come from {@link SdiReader}; only the first pages of each file are searched: the SDI
 * root is page 3 of a file-per-table tablespace, and a table's SDI fits on it.
 */
final class SdiInstantColumns {

    private static final int SEARCH_PAGES = SdiReader.FIRST_PAGES;

    private SdiInstantColumns() {
    }

    /** Columns of {@code tableName} added by instant ADD COLUMN; -1 when no SDI for it could be read. */
    static int addedColumns(Iterable<PageSource> sources, PageReader blobs, int pageSize, String tableName) {
        for (SdiRecord record : SdiReader.read(sources, blobs, SEARCH_PAGES, false).records()) {
            if (record.type() == SdiRecord.TYPE_TABLE) {
                int n = added(record.json(), tableName);
                if (n >= 0) {
                    return n;
                }
            }
        }
        return -1;
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
