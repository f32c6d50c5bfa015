package dev.salvage.frm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The extra segment after the default-values record (length at header bytes 55-58): the CONNECTION string,
 * the engine name, the partitioning clause as the server printed it, the auto-partitioned marker, full-text
 * parser names, and the table comment when it is longer than the 60 bytes forminfo holds.
 *
 * @param connection   CONNECTION='...' text, null when empty
 * @param engineName   the engine as a name ({@code InnoDB}, {@code MyISAM}, {@code partition}), null when absent
 * @param partitioning the partitioning clause text ({@code PARTITION BY ...}), null when not partitioned
 * @param longComment  the table comment stored here when forminfo's comment length byte is 255, else null
 */
record FrmExtraSegment(String connection, String engineName, String partitioning, String longComment) {

    static final FrmExtraSegment EMPTY = new FrmExtraSegment(null, null, null, null);

    /**
     * @param keys              the table's keys, for the HA_USES_PARSER parser names that precede the comment
     * @param commentIsLong     forminfo's comment length byte is 255
     */
    static FrmExtraSegment read(FrmBytes b, FrmHeader header, List<FrmKey> keys, boolean commentIsLong,
            List<FrmFinding> findings) {
        long start = header.extraSegmentOffset();
        long length = header.extraSegmentLength();
        if (length == 0) {
            return EMPTY;
        }
        long end = start + length;
        if (!b.has(start, length)) {
            findings.add(new FrmFinding(FrmFinding.Severity.ERROR, start, "FRM_EXTRA_TRUNCATED",
                    "the extra segment (engine name, partitioning, long comment) runs past the end of the file"));
            end = Math.min(end, b.length());
        }
        long pos = start;
        String connection = null, engine = null, partitioning = null, comment = null;
        if (pos + 2 <= end) {
            int n = b.u16(pos);
            connection = n > 0 ? b.utf8(pos + 2, Math.min(n, end - pos - 2)) : null;
            pos += 2 + n;
        }
        if (pos + 2 < end) {
            int n = b.u16(pos);
            engine = b.utf8(pos + 2, Math.min(n, Math.max(0, end - pos - 2)));
            pos += 2 + n;
        }
        if (pos + 5 < end) {
            long n = b.u32(pos);
            if (n > 0 && pos + 4 + n <= end) {
                partitioning = b.utf8(pos + 4, n);
            } else if (n > 0) {
                findings.add(new FrmFinding(FrmFinding.Severity.ERROR, pos, "FRM_PARTITION_TRUNCATED",
                        "partitioning clause of " + n + " bytes runs past the extra segment"));
            }
            // 4 bytes length, the text, its terminating 0
            pos += 5 + n;
        }
        if (pos < end && header.serverVersion() >= 50110) {
            pos++; // auto_partitioned marker
        }
        for (FrmKey key : keys) {
            if ((key.flags() & FrmKey.HA_USES_PARSER) != 0) {
                while (pos < end && b.u8(pos) != 0) {
                    pos++;
                }
                pos++;
            }
        }
        if (commentIsLong && pos + 2 <= end) {
            int n = b.u16(pos);
            comment = b.string(pos + 2, Math.min(n, Math.max(0, end - pos - 2)), StandardCharsets.UTF_8);
        }
        return new FrmExtraSegment(connection, engine, partitioning, comment);
    }
}
