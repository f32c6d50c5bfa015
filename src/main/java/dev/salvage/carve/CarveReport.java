package dev.salvage.carve;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link CarveResult}: a JSON document (also embedded in the manifest) and a short text summary. */
public final class CarveReport {
    private CarveReport() {}

    public static void writeSummary(CarveResult r, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("out", r.out().toString());
        json.writeStringField("manifest", r.manifest().toString());
        json.writeArrayFieldStart("inputs");
        for (CarveResult.Input in : r.inputs()) {
            json.writeStartObject();
            json.writeStringField("path", in.path());
            json.writeNumberField("bytes", in.bytes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("stride", r.stride());
        json.writeNumberField("bytesScanned", r.bytesScanned());
        json.writeNumberField("unreadableBytes", r.unreadableBytes());
        json.writeArrayFieldStart("readErrors");
        for (String e : r.readErrors()) {
            json.writeString(e);
        }
        json.writeEndArray();
        json.writeNumberField("seconds", r.elapsedNanos() / 1e9);
        json.writeNumberField("megabytesPerSecond", Math.round(r.megabytesPerSecond() * 10) / 10.0);
        json.writeNumberField("pagesFound", r.pagesFound());
        json.writeNumberField("distinctPages", r.distinctPages());
        json.writeNumberField("olderVersions", r.olderVersions());
        json.writeNumberField("finishCopiedBytes", r.finishCopiedBytes());
        json.writeArrayFieldStart("spaceFolders");
        for (String f : r.spaceFolders()) {
            json.writeString(f);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("pagesByType");
        for (Map.Entry<String, Long> e : r.pagesByType().entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("indexes");
        for (CarveResult.IndexCount i : r.indexes()) {
            json.writeStartObject();
            json.writeNumberField("spaceId", i.spaceId());
            json.writeStringField("indexId", Long.toUnsignedString(i.indexId()));
            json.writeNumberField("physicalSize", i.physicalSize());
            json.writeNumberField("pages", i.pages());
            json.writeNumberField("versions", i.versions());
            if (i.file() != null) {
                json.writeStringField("file", i.file());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    public static String text(CarveResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Scanned %,d bytes in %d input(s) at %d-byte stride in %.1f s (%.0f MB/s).%n",
                r.bytesScanned(), r.inputs().size(), r.stride(), r.elapsedNanos() / 1e9, r.megabytesPerSecond()));
        if (r.unreadableBytes() > 0) {
            s.append(String.format(Locale.ROOT, "Could not read %,d bytes:%n", r.unreadableBytes()));
            r.readErrors().forEach(e -> s.append("  ").append(e).append('\n'));
        }
        if (r.pagesFound() == 0) {
            s.append("No InnoDB pages found.\n");
            return s.toString();
        }
        s.append(String.format(Locale.ROOT, "Found %,d page copies: %,d distinct pages, %,d older versions.%n",
                r.pagesFound(), r.distinctPages(), r.olderVersions()));
        s.append("By type:\n");
        r.pagesByType().forEach((type, n) -> s.append(String.format(Locale.ROOT, "  %-24s %,12d%n", type, n)));
        if (!r.indexes().isEmpty()) {
            s.append("By index (space id, index id):\n");
            for (CarveResult.IndexCount i : r.indexes()) {
                s.append(String.format(Locale.ROOT, "  space %-8d index %-20s %,10d pages %,10d copies  %s%n",
                        i.spaceId(), Long.toUnsignedString(i.indexId()), i.pages(), i.versions(),
                        i.file() == null ? "" : i.file()));
            }
        }
        s.append("Output: ").append(r.out()).append(" (manifest: ").append(r.manifest().getFileName()).append(")\n");
        if (!r.spaceFolders().isEmpty()) {
            s.append("Pages of several tablespaces: each also has a carve folder of its own (index files and its"
                    + " BLOB/LOB pages under their plain names; give one to salvage rows):\n");
            r.spaceFolders().forEach(f -> s.append("  ").append(r.out().resolve(f)).append('\n'));
        }
        return s.toString();
    }
}
