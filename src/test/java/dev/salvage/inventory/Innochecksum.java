package dev.salvage.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs MariaDB's {@code innochecksum -S FILE} and reads its PAGE TYPE SUMMARY. Its rows follow
 * extra/innochecksum.cc parse_page(): "Index page" counts only FIL_PAGE_INDEX (17855); RTREE, SDI,
 * MariaDB's INSTANT and every MySQL-only type land in "Other type of page"; ZBLOB2 pages are counted
 * in a field the summary never prints; all-zero pages are "Freshly allocated page" (type 0).
 */
final class Innochecksum {

    /** innochecksum's row label for each of salvage's type names; names not listed map to "Other type of page". */
    static final Map<String, String> ROW_OF_TYPE = Map.ofEntries(
            Map.entry("INDEX", "Index page"),
            Map.entry("UNDO_LOG", "Undo log page"),
            Map.entry("INODE", "Inode page"),
            Map.entry("IBUF_FREE_LIST", "Insert buffer free list page"),
            Map.entry("ALLOCATED", "Freshly allocated page"),
            Map.entry("IBUF_BITMAP", "Insert buffer bitmap"),
            Map.entry("SYS", "System page"),
            Map.entry("TRX_SYS", "Transaction system page"),
            Map.entry("FSP_HDR", "File Space Header"),
            Map.entry("XDES", "Extent descriptor page"),
            Map.entry("BLOB", "BLOB page"),
            Map.entry("ZBLOB", "Compressed BLOB page"),
            Map.entry("ZBLOB2", ""), // counted by innochecksum but not printed
            Map.entry("PAGE_COMPRESSED", "Page compressed page"),
            Map.entry("PAGE_COMPRESSED_ENCRYPTED", "Page compressed encrypted page"));
    static final String OTHER = "Other type of page";

    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\t(.+)$");

    private Innochecksum() {
    }

    static Optional<Path> binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            Path p = Paths.get(dir.isEmpty() ? "." : dir, "innochecksum");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The summary rows (label to count), in innochecksum's order; throws when it fails. */
    static Map<String, Long> summary(Path binary, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "-S", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("innochecksum did not finish on " + file);
        }
        if (process.exitValue() != 0) {
            throw new IOException("innochecksum -S " + file + " exited with " + process.exitValue() + ":\n" + out);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean inSummary = false;
        for (String line : out.split("\n")) {
            if (line.contains("PAGE TYPE SUMMARY")) {
                inSummary = true;
            } else if (inSummary && line.startsWith("Additional information")) {
                break;
            } else if (inSummary) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.put(m.group(2).trim(), Long.parseLong(m.group(1)));
                }
            }
        }
        if (rows.size() != 15) {
            throw new IOException("unexpected innochecksum output for " + file + ":\n" + out);
        }
        return rows;
    }

    /** Salvage's per-type counts folded into innochecksum's rows (every row present, zero when absent). */
    static Map<String, Long> fold(Map<String, Long> salvageTypes, Iterable<String> rowLabels) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String label : rowLabels) {
            rows.put(label, 0L);
        }
        salvageTypes.forEach((type, count) -> {
            String row = ROW_OF_TYPE.getOrDefault(type, OTHER);
            if (!row.isEmpty()) {
                rows.merge(row, count, Long::sum);
            }
        });
        return rows;
    }
}
