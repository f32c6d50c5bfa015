package dev.salvage.frm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the keyinfo section at the header's key info offset: a 6-byte count header, the keys, their names
 * (0xFF-separated, 0-terminated) and the comments of keys flagged HA_USES_COMMENT.
 */
final class FrmKeySection {

    private static final int KEY_HEADER = 8, PART_SIZE = 9, MAX_KEYS = 1024, MAX_PARTS = 64;

    private FrmKeySection() {
    }

    static List<FrmKey> read(FrmBytes b, long start, List<FrmFinding> findings) {
        List<FrmKey> keys = new ArrayList<>();
        if (!b.has(start, 6)) {
            findings.add(new FrmFinding(FrmFinding.Severity.ERROR, start, "FRM_KEYS_MISSING",
                    "the key section lies outside the file; no indexes decoded"));
            return keys;
        }
        int keyCount;
        if ((b.u8(start) & 0x80) != 0) {
            keyCount = (b.u8(start + 1) << 7) | (b.u8(start) & 0x7F);
        } else {
            keyCount = b.u8(start);
        }
        if (keyCount > MAX_KEYS) {
            findings.add(new FrmFinding(FrmFinding.Severity.ERROR, start, "FRM_KEYS_COUNT",
                    "implausible key count " + keyCount + "; no indexes decoded"));
            return keys;
        }
        long pos = start + 6;
        List<int[]> headers = new ArrayList<>();
        List<List<FrmKey.Part>> allParts = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
            if (!b.has(pos, KEY_HEADER)) {
                truncated(findings, pos, keys.size(), keyCount);
                return keys;
            }
            int flags = b.u16(pos) ^ FrmKey.HA_NOSAME;
            int[] header = {flags, b.u16(pos + 2), b.u8(pos + 4), b.u8(pos + 5), b.u16(pos + 6)};
            pos += KEY_HEADER;
            int partCount = header[2];
            if (partCount > MAX_PARTS) {
                findings.add(new FrmFinding(FrmFinding.Severity.ERROR, pos - KEY_HEADER, "FRM_KEY_PARTS",
                        "key " + k + " claims " + partCount + " parts; key section not decoded further"));
                return assemble(headers, allParts, List.of(), List.of(), findings);
            }
            List<FrmKey.Part> parts = new ArrayList<>();
            for (int p = 0; p < partCount; p++) {
                if (!b.has(pos, PART_SIZE)) {
                    truncated(findings, pos, k, keyCount);
                    return assemble(headers, allParts, List.of(), List.of(), findings);
                }
                parts.add(new FrmKey.Part(b.u16(pos) & 0x3FFF, b.u16(pos + 2), b.u8(pos + 4), b.u16(pos + 5),
                        b.u16(pos + 7)));
                pos += PART_SIZE;
            }
            headers.add(header);
            allParts.add(parts);
        }
        // Key names: 0xFF name 0xFF name ... 0xFF 0x00 (the first byte is the separator).
        List<String> names = new ArrayList<>();
        long end = Math.min(b.length(), pos + 64L * 1024);
        byte[] block = b.slice(pos, end - pos);
        if (keyCount > 0) {
            FrmBytes.Typelibs libs = FrmBytes.typelibs(block, 0, 1);
            if (!libs.values().isEmpty()) {
                libs.values().get(0).forEach(n -> names.add(new String(n, StandardCharsets.UTF_8)));
            }
            pos += libs.end();
        } else {
            pos += 1;
        }
        List<String> comments = new ArrayList<>();
        for (int[] header : headers) {
            if ((header[0] & FrmKey.HA_USES_COMMENT) != 0 && b.has(pos, 2)) {
                int length = b.u16(pos);
                comments.add(b.utf8(pos + 2, Math.min(length, b.length() - pos - 2)));
                pos += 2 + length;
            } else {
                comments.add(null);
            }
        }
        if (names.size() != headers.size()) {
            findings.add(new FrmFinding(FrmFinding.Severity.WARNING, pos, "FRM_KEY_NAMES",
                    headers.size() + " keys but " + names.size() + " key names; missing names invented"));
        }
        return assemble(headers, allParts, names, comments, findings);
    }

    private static List<FrmKey> assemble(List<int[]> headers, List<List<FrmKey.Part>> parts, List<String> names,
            List<String> comments, List<FrmFinding> findings) {
        List<FrmKey> keys = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            int[] h = headers.get(i);
            String name = i < names.size() ? names.get(i) : "key_" + (i + 1);
            keys.add(new FrmKey(h[0], h[1], h[3], h[4], parts.get(i), name, i < comments.size() ? comments.get(i) : null));
        }
        return keys;
    }

    private static void truncated(List<FrmFinding> findings, long pos, int decoded, int total) {
        findings.add(new FrmFinding(FrmFinding.Severity.ERROR, pos, "FRM_KEYS_TRUNCATED",
                "key section ends after " + decoded + " of " + total + " keys"));
    }
}
