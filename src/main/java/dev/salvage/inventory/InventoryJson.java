package dev.salvage.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.innodb.fsp.SpaceLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The inventory as JSON, written with a streaming generator so that the per-page list of a
 * multi-GB file never sits in memory. Field names are snake_case and stable.
 */
public final class InventoryJson {

    private final JsonGenerator json;

    public InventoryJson(JsonGenerator json) {
        this.json = json;
    }

    /** Writes one element of the "pages" array. */
    public void page(PageInfo p) {
        try {
            json.writeStartObject();
            json.writeNumberField("page", p.page());
            json.writeNumberField("offset", p.offset());
            json.writeNumberField("page_no", p.pageNoField());
            json.writeNumberField("space_id", p.spaceId());
            json.writeStringField("type", p.type().name());
            json.writeNumberField("type_code", p.type().code());
            if (p.hasIndex()) {
                json.writeStringField("index_id", Long.toUnsignedString(p.indexId()));
                json.writeNumberField("level", p.level());
            } else {
                json.writeNullField("index_id");
                json.writeNullField("level");
            }
            json.writeNumberField("lsn", p.lsn());
            json.writeObjectFieldStart("checksum");
            json.writeBooleanField("valid", p.checksum() != null && p.checksum().valid());
            if (p.checksum() != null && p.checksum().valid()) {
                json.writeStringField("algorithm", p.checksum().algorithm().label());
            } else {
                json.writeNullField("algorithm");
            }
            json.writeEndObject();
            json.writeBooleanField("torn", p.torn());
            json.writeBooleanField("misplaced", p.misplaced());
            json.writeBooleanField("all_zero", p.allZero());
            if (p.inUse() == null) {
                json.writeNullField("in_use");
            } else {
                json.writeBooleanField("in_use", p.inUse());
            }
            json.writeBooleanField("doublewrite", p.doublewrite());
            json.writeBooleanField("sound", p.sound());
            json.writeArrayFieldStart("problems");
            for (PageProblem problem : p.problems()) {
                json.writeString(problem.name().toLowerCase());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the space's description and summary fields (inside the space object). */
    public void summary(SpaceInventory inv) throws IOException {
        SpaceLayout layout = inv.layout();
        json.writeStringField("file", inv.name());
        json.writeNumberField("bytes", inv.length());
        json.writeObjectFieldStart("page_size");
        json.writeNumberField("logical", layout.pageSize().logical());
        json.writeNumberField("physical", layout.pageSize().physical());
        json.writeStringField("source", layout.source().name().toLowerCase());
        json.writeEndObject();
        if (layout.note() != null) {
            json.writeStringField("note", layout.note());
        }
        json.writeNumberField("space_id", layout.spaceId());
        if (layout.flags() != null) {
            json.writeObjectFieldStart("flags");
            json.writeNumberField("raw", layout.flags().raw() & 0xFFFFFFFFL);
            json.writeStringField("vendor", layout.flags().vendor().name().toLowerCase());
            json.writeBooleanField("full_crc32", layout.flags().fullCrc32());
            json.writeBooleanField("page_compressed", layout.flags().pageCompressed());
            json.writeBooleanField("sdi", layout.flags().sdi());
            json.writeEndObject();
        }
        json.writeNumberField("page_count", inv.pageCount());
        json.writeNumberField("trailing_bytes", inv.trailingBytes());
        json.writeBooleanField("truncated", inv.truncated());
        if (inv.declaredPages() >= 0) {
            json.writeNumberField("declared_pages", inv.declaredPages());
        } else {
            json.writeNullField("declared_pages");
        }
        json.writeNumberField("missing_pages", inv.missingPages());
        json.writeBooleanField("cut_short", inv.cutShort());
        if (inv.cutShort()) {
            json.writeStringField("cut_short_detail", InventoryText.shortDescription(inv));
        }

        json.writeObjectFieldStart("summary");
        json.writeObjectFieldStart("types");
        for (SpaceInventory.TypeCount t : inv.types()) {
            json.writeNumberField(t.name(), t.count());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("checksum_algorithms");
        for (Map.Entry<String, Long> e : inv.checksumAlgorithms().entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("all_zero_pages", inv.allZeroPages());
        json.writeNumberField("doublewrite_pages", inv.doublewritePages());
        json.writeArrayFieldStart("indexes");
        for (IndexTally ix : inv.indexes()) {
            json.writeStartObject();
            json.writeStringField("index_id", Long.toUnsignedString(ix.indexId()));
            json.writeNumberField("pages", ix.pages());
            json.writeNumberField("levels", ix.levels());
            if (ix.root() >= 0) {
                json.writeNumberField("root", ix.root());
            } else {
                json.writeNullField("root");
            }
            json.writeObjectFieldStart("pages_per_level");
            for (Map.Entry<Integer, Long> e : ix.pagesPerLevel().entrySet()) {
                json.writeNumberField(Integer.toString(e.getKey()), e.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("bad_page_count", inv.badPageCount());
        json.writeObjectFieldStart("problems");
        for (Map.Entry<PageProblem, Long> e : inv.problems().entrySet()) {
            json.writeNumberField(e.getKey().name().toLowerCase(), e.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("bad_pages");
        for (PageInfo p : inv.badPages()) {
            json.writeStartObject();
            json.writeNumberField("page", p.page());
            json.writeNumberField("offset", p.offset());
            json.writeStringField("type", p.type().name());
            json.writeArrayFieldStart("problems");
            for (PageProblem problem : p.problems()) {
                json.writeString(problem.name().toLowerCase());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("sound", inv.sound());
        json.writeEndObject();
    }
}
