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

    OutputLayout layout() {
        return layout;
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
        // Counted per run of one type (a group is mostly one type): one map update per run, not per page.
        for (int i = 0; i < pages.length; ) {
            int j = i + 1;
            while (j < pages.length && pages[j].typeCode() == pages[i].typeCode()
                    && pages[j].typeVendor() == pages[i].typeVendor()) {
                j++;
            }
            byType.merge(pages[i].type().name(), (long) (j - i), Long::sum);
            i = j;
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

    /** (page no, LSN, input, offset), written out: it runs once per page even when nothing needs sorting. */
    private static int compareFinal(FoundPage a, FoundPage b) {
        int c = Long.compare(a.pageNo(), b.pageNo());
        if (c == 0) {
            c = Long.compare(a.lsn(), b.lsn());
        }
        if (c == 0) {
            c = Integer.compare(a.input(), b.input());
        }
        if (c == 0) {
            c = Long.compare(a.inputOffset(), b.inputOffset());
        }
        return c;
    }

    /**
     * The spool slots in final order: (page no, LSN, input, offset). The spool is in input order, so
     * for a plain tablespace file this is the identity, found by one pass without sorting.
     */
    private static int[] order(FoundPage[] pages) {
        int[] order = new int[pages.length];
        boolean sorted = true;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (sorted && i > 0 && compareFinal(pages[i - 1], pages[i]) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            Integer[] boxed = new Integer[pages.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> compareFinal(pages[a], pages[b]));
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

    private final ManifestLine entry = new ManifestLine();

    private static final byte[] PAGE_NO = ManifestLine.ascii("{\"pageNo\":");
    private static final byte[] VERSIONS = ManifestLine.ascii(",\"versions\":[");
    private static final byte[] LSN = ManifestLine.ascii("{\"lsn\":");
    private static final byte[] NEWEST = ManifestLine.ascii(",\"newest\":");
    private static final byte[] DUPLICATE_LSN = ManifestLine.ascii(",\"duplicateLsn\":true");
    private static final byte[] TYPE = ManifestLine.ascii(",\"type\":");
    private static final byte[] INPUT = ManifestLine.ascii(",\"input\":");
    private static final byte[] OFFSET = ManifestLine.ascii(",\"offset\":");
    private static final byte[] FILE = ManifestLine.ascii(",\"file\":");
    private static final byte[] POSITION = ManifestLine.ascii(",\"position\":");
    private static final byte[] END = ManifestLine.ascii("]}");
    /** ,"reason":"checksum:crc32c" and the rest, by evidence and algorithm (index 0: none). */
    private static final byte[][][] REASONS = reasons();

    private static byte[][][] reasons() {
        Evidence[] evidence = Evidence.values();
        dev.salvage.innodb.fil.ChecksumAlgorithm[] algorithms = dev.salvage.innodb.fil.ChecksumAlgorithm.values();
        byte[][][] r = new byte[evidence.length][algorithms.length + 1][];
        for (Evidence e : evidence) {
            r[e.ordinal()][0] = ManifestLine.ascii(",\"reason\":\"" + e.label() + "\"");
            for (var a : algorithms) {
                r[e.ordinal()][a.ordinal() + 1] = ManifestLine.ascii(",\"reason\":\"" + e.label() + ":" + a.label() + "\"");
            }
        }
        return r;
    }

    /**
     * One page and its versions as one line of the manifest, handed to the generator as a raw value
     * (the generator still places separators and indentation). The per-page path is the hottest part
     * of the finishing pass and runs on one thread after the scan: the line is built as bytes from
     * constant pieces and copied into the generator's buffer as it is.
     */
    private void writePage(JsonGenerator json, FoundPage[] pages, int[] order, int start, int end,
                           java.util.function.IntFunction<String> fileOf,
                           java.util.function.IntToLongFunction positionOf) throws IOException {
        ManifestLine e = entry.clear();
        e.raw(PAGE_NO).number(pages[order[start]].pageNo()).raw(VERSIONS);
        for (int k = start; k < end; k++) {
            FoundPage p = pages[order[k]];
            boolean sameLsn = (k > start && pages[order[k - 1]].lsn() == p.lsn())
                    || (k + 1 < end && pages[order[k + 1]].lsn() == p.lsn());
            if (k > start) {
                e.raw(',');
            }
            e.raw(LSN).number(p.lsn());
            e.raw(NEWEST).bool(k == end - 1);
            if (sameLsn) {
                e.raw(DUPLICATE_LSN);
            }
            e.raw(TYPE).string(p.type().name());
            e.raw(INPUT).number(p.input());
            e.raw(OFFSET).number(p.inputOffset());
            e.raw(REASONS[p.evidence().ordinal()][p.algorithm() == null ? 0 : p.algorithm().ordinal() + 1]);
            if (writePages) {
                e.raw(FILE).string(fileOf.apply(k));
                e.raw(POSITION).number(positionOf.applyAsLong(k));
            }
            e.raw('}');
        }
        e.raw(END);
        json.writeRawValue(e);
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
