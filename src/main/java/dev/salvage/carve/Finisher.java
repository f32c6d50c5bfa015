package dev.salvage.carve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Second phase of a carve: turns the spool into the final layout ({@link OutputLayout}) and writes
 * {@code manifest.json}, one group at a time. Within a group the copies are ordered by (page no,
 * LSN, input, offset); the last copy of each page number — highest LSN — is the newest and goes to
 * the main file, the others to {@code older/}. When a group's spool is already in that order with one
 * copy per page (the usual case for a plain tablespace file) it is renamed, not copied.
 *
 * <p>Memory: one group's metadata at a time (about 100 bytes per page copy of the largest group).
 */
final class Finisher {

    private final Path out;
    private final OutputLayout layout;
    private long distinctPages;
    private long olderVersions;
    private long pagesFound;
    private long bytesCopied;
    private final Map<String, Long> byType = new TreeMap<>();
    private final List<CarveResult.IndexCount> indexes = new ArrayList<>();

    private final boolean writePages;

    /** {@code writePages} false: a manifest-only run; no page file is written and no version names one. */
    Finisher(Path out, List<GroupKey> groups, boolean writePages) {
        this.out = out;
        this.writePages = writePages;
        this.layout = new OutputLayout(groups);
    }

    long distinctPages() {
        return distinctPages;
    }

    long olderVersions() {
        return olderVersions;
    }

    long pagesFound() {
        return pagesFound;
    }

    /** Page bytes the finishing pass copied (the rest of the spool was renamed into place). */
    long bytesCopied() {
        return bytesCopied;
    }

    Map<String, Long> byType() {
        return byType;
    }

    List<CarveResult.IndexCount> indexes() {
        return indexes;
    }

    static JsonGenerator openManifest(Path file) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
        // Arrays one element a line: each page (written raw by writePage) gets its own line.
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter();
        pretty.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        json.setPrettyPrinter(pretty);
        return json;
    }

    void finishGroup(Spool.Group group, JsonGenerator json) throws IOException {
        GroupKey key = group.key;
        FoundPage[] pages = readMeta(group);
        int[] order = order(pages);
        for (FoundPage p : pages) {
            byType.merge(p.type().name(), 1L, Long::sum);
        }
        pagesFound += pages.length;

        json.writeStartObject();
        json.writeStringField("kind", key.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.writeNumberField("spaceId", key.spaceId());
        if (key.kind() == GroupKey.Kind.INDEX) {
            json.writeStringField("indexId", Long.toUnsignedString(key.id()));
        }
        if (key.kind() == GroupKey.Kind.OTHER) {
            json.writeStringField("pageType", PageTypes.of(key.typeCode(), key.typeVendor()).name());
        }
        json.writeNumberField("physicalSize", key.physicalSize());
        json.writeBooleanField("compressed", pages.length > 0 && pages[0].compressed());
        String main = layout.file(key);
        if (main != null && writePages) {
            json.writeStringField("file", main);
        }
        json.writeArrayFieldStart("pages");
        if (key.kind() == GroupKey.Kind.BLOB) {
            writeBlobGroup(group, pages, order, json);
        } else {
            writeSingleFileGroup(group, pages, order, main, json);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writeSingleFileGroup(Spool.Group group, FoundPage[] pages, int[] order, String main,
                                      JsonGenerator json) throws IOException {
        int size = group.key.physicalSize();
        int[] newest = new int[pages.length];
        int[] older = new int[pages.length];
        int nNewest = 0;
        int nOlder = 0;
        int[] positionSlot = new int[pages.length];
        for (int start = 0; start < order.length; ) {
            int end = runEnd(pages, order, start);
            for (int k = start; k < end - 1; k++) {
                positionSlot[order[k]] = nOlder;
                older[nOlder++] = order[k];
            }
            positionSlot[order[end - 1]] = nNewest;
            newest[nNewest++] = order[end - 1];
            start = end;
        }
        String olderFile = nOlder > 0 ? OutputLayout.older(main) : null;
        writeSlots(group, newest, nNewest, main);
        if (olderFile != null) {
            writeSlots(group, older, nOlder, olderFile);
        }
        distinctPages += nNewest;
        olderVersions += nOlder;
        if (group.key.kind() == GroupKey.Kind.INDEX) {
            indexes.add(new CarveResult.IndexCount(group.key.spaceId(), group.key.id(), size, nNewest,
                    pages.length, writePages ? main : null));
        }
        for (int start = 0; start < order.length; ) {
            int end = runEnd(pages, order, start);
            writePage(json, pages, order, start, end, k -> k == end - 1 ? main : olderFile,
                    k -> (long) positionSlot[order[k]] * size);
            start = end;
        }
    }

    private void writeBlobGroup(Spool.Group group, FoundPage[] pages, int[] order, JsonGenerator json)
            throws IOException {
        int size = group.key.physicalSize();
        for (int start = 0; start < order.length; ) {
            int end = runEnd(pages, order, start);
            String file = layout.blobFile(group.key, pages[order[start]].pageNo());
            String olderFile = OutputLayout.older(file);
            writeSlots(group, new int[] {order[end - 1]}, 1, file);
            int nOlder = end - 1 - start;
            if (nOlder > 0) {
                int[] older = new int[nOlder];
                for (int k = 0; k < nOlder; k++) {
                    older[k] = order[start + k];
                }
                writeSlots(group, older, nOlder, olderFile);
            }
            distinctPages++;
            olderVersions += nOlder;
            int first = start;
            int last = end - 1;
            writePage(json, pages, order, start, end, k -> k == last ? file : olderFile,
                    k -> k == last ? 0 : (long) (k - first) * size);
            start = end;
        }
    }

    private static final Comparator<FoundPage> FINAL_ORDER = Comparator.comparingLong(FoundPage::pageNo)
            .thenComparingLong(FoundPage::lsn)
            .thenComparingInt(FoundPage::input)
            .thenComparingLong(FoundPage::inputOffset);

    /**
     * The spool slots in final order: (page no, LSN, input, offset). The spool is in input order, so
     * for a plain tablespace file this is the identity, found by one pass without sorting.
     */
    private static int[] order(FoundPage[] pages) {
        int[] order = new int[pages.length];
        boolean sorted = true;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (sorted && i > 0 && FINAL_ORDER.compare(pages[i - 1], pages[i]) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            Integer[] boxed = new Integer[pages.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> FINAL_ORDER.compare(pages[a], pages[b]));
            for (int i = 0; i < boxed.length; i++) {
                order[i] = boxed[i];
            }
        }
        return order;
    }

    /** End (exclusive) of the run of copies of the page number at {@code order[start]}. */
    private static int runEnd(FoundPage[] pages, int[] order, int start) {
        long pageNo = pages[order[start]].pageNo();
        int end = start + 1;
        while (end < order.length && pages[order[end]].pageNo() == pageNo) {
            end++;
        }
        return end;
    }

    private final StringBuilder entry = new StringBuilder(512);

    /**
     * One page and its versions as one line of the manifest: built as text and handed to the
     * generator as a raw value (the generator still places separators and indentation). The
     * per-page path is the hottest part of the finishing pass; plain appends keep it cheap to run
     * and to compile.
     */
    private void writePage(JsonGenerator json, FoundPage[] pages, int[] order, int start, int end,
                           java.util.function.IntFunction<String> fileOf,
                           java.util.function.IntToLongFunction positionOf) throws IOException {
        StringBuilder e = entry;
        e.setLength(0);
        e.append("{\"pageNo\":").append(pages[order[start]].pageNo()).append(",\"versions\":[");
        for (int k = start; k < end; k++) {
            FoundPage p = pages[order[k]];
            boolean sameLsn = (k > start && pages[order[k - 1]].lsn() == p.lsn())
                    || (k + 1 < end && pages[order[k + 1]].lsn() == p.lsn());
            if (k > start) {
                e.append(',');
            }
            e.append("{\"lsn\":").append(p.lsn());
            e.append(",\"newest\":").append(k == end - 1);
            if (sameLsn) {
                e.append(",\"duplicateLsn\":true");
            }
            string(e.append(",\"type\":"), p.type().name());
            e.append(",\"input\":").append(p.input());
            e.append(",\"offset\":").append(p.inputOffset());
            string(e.append(",\"reason\":"), p.reason());
            if (writePages) {
                string(e.append(",\"file\":"), fileOf.apply(k));
                e.append(",\"position\":").append(positionOf.applyAsLong(k));
            }
            e.append('}');
        }
        e.append("]}");
        json.writeRawValue(e.toString());
    }

    /** Appends {@code s} as a JSON string (our names are plain ASCII; anything else is escaped). */
    private static void string(StringBuilder e, String s) {
        e.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                e.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                e.append(String.format("\\u%04x", (int) c));
            } else {
                e.append(c);
            }
        }
        e.append('"');
    }

    /** Writes the spool slots, in the order given, to {@code relative}; renames the spool when it already is that. */
    private void writeSlots(Spool.Group group, int[] slots, int n, String relative) throws IOException {
        if (!writePages) {
            return;
        }
        Path target = out.resolve(relative);
        Files.createDirectories(target.getParent());
        long size = group.key.physicalSize();
        boolean identity = n == group.count();
        for (int k = 0; k < n && identity; k++) {
            identity = slots[k] == k;
        }
        if (identity) {
            Files.move(group.data, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (FileChannel src = FileChannel.open(group.data, StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int k = 0; k < n; ) {
                int runStart = k;
                while (k + 1 < n && slots[k + 1] == slots[k] + 1) {
                    k++;
                }
                k++;
                long from = slots[runStart] * size;
                long len = (k - runStart) * size;
                bytesCopied += len;
                long done = 0;
                while (done < len) {
                    long t = src.transferTo(from + done, len - done, dst);
                    if (t <= 0) {
                        throw new IOException("spool " + group.data + " is shorter than its metadata");
                    }
                    done += t;
                }
            }
        }
    }

    private static FoundPage[] readMeta(Spool.Group group) throws IOException {
        long count = group.count();
        if (count > Integer.MAX_VALUE / FoundPage.BYTES) {
            throw new IOException("group " + group.key + " has too many pages (" + count + ") for one pass");
        }
        FoundPage[] pages = new FoundPage[(int) count];
        ByteBuffer buf = ByteBuffer.allocate(FoundPage.BYTES * 4096);
        try (FileChannel ch = FileChannel.open(group.meta, StandardOpenOption.READ)) {
            int i = 0;
            long pos = 0;
            while (i < pages.length) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), (long) (pages.length - i) * FoundPage.BYTES);
                buf.limit(want);
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos + buf.position());
                    if (n < 0) {
                        throw new IOException("spool metadata " + group.meta + " is truncated");
                    }
                }
                pos += want;
                buf.flip();
                while (buf.remaining() >= FoundPage.BYTES) {
                    pages[i++] = FoundPage.readFrom(buf);
                }
            }
        }
        return pages;
    }
}
