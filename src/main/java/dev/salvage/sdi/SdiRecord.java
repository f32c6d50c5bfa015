package dev.salvage.sdi;

import java.nio.charset.StandardCharsets;

/**
 * One SDI record: a serialized data dictionary object of a tablespace.
 *
 * @param type 1 for a table, 2 for a tablespace (dict0sdi.h SDI_TYPE_TABLE / SDI_TYPE_TABLESPACE)
 * @param id   the object's dictionary id
 * @param page the SDI leaf page the record was read from
 * @param json the inflated JSON, as ibd2sdi prints it
 */
public record SdiRecord(long type, long id, long page, byte[] json) {

    public static final long TYPE_TABLE = 1;
    public static final long TYPE_TABLESPACE = 2;

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
