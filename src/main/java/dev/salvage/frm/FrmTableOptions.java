package dev.salvage.frm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Table options kept in the .frm header, named and valued as SHOW CREATE TABLE prints them. AUTO_INCREMENT is
 * not among them: the engine keeps the counter (MyISAM in the .MYI state, InnoDB in its dictionary), not the
 * .frm. MariaDB's engine-defined options (PAGE_COMPRESSED, ...) live in extra2 and are not decoded yet.
 */
final class FrmTableOptions {

    // HA_OPTION_* (include/my_base.h)
    private static final int PACK_KEYS = 2, CHECKSUM = 32, DELAY_KEY_WRITE = 64, NO_PACK_KEYS = 128,
            STATS_PERSISTENT = 4096, NO_STATS_PERSISTENT = 8192;

    private FrmTableOptions() {
    }

    static Map<String, String> of(FrmHeader h, FrmExtraSegment extra) {
        Map<String, String> options = new LinkedHashMap<>();
        if (h == null) {
            return options;
        }
        putIfPositive(options, "MIN_ROWS", h.minRows());
        putIfPositive(options, "MAX_ROWS", h.maxRows());
        putIfPositive(options, "AVG_ROW_LENGTH", h.avgRowLength());
        int flags = h.createOptions();
        if ((flags & PACK_KEYS) != 0) {
            options.put("PACK_KEYS", "1");
        } else if ((flags & NO_PACK_KEYS) != 0) {
            options.put("PACK_KEYS", "0");
        }
        if ((flags & STATS_PERSISTENT) != 0) {
            options.put("STATS_PERSISTENT", "1");
        } else if ((flags & NO_STATS_PERSISTENT) != 0) {
            options.put("STATS_PERSISTENT", "0");
        }
        if (h.statsAutoRecalc() == 1) {
            options.put("STATS_AUTO_RECALC", "1");
        } else if (h.statsAutoRecalc() == 2) {
            options.put("STATS_AUTO_RECALC", "0");
        }
        putIfPositive(options, "STATS_SAMPLE_PAGES", h.statsSamplePages());
        if ((flags & CHECKSUM) != 0) {
            options.put("CHECKSUM", "1");
        }
        if ((flags & DELAY_KEY_WRITE) != 0) {
            options.put("DELAY_KEY_WRITE", "1");
        }
        putIfPositive(options, "KEY_BLOCK_SIZE", h.keyBlockSize());
        if (extra != null && extra.connection() != null) {
            options.put("CONNECTION", FrmDefaults.quote(extra.connection()));
        }
        return options;
    }

    private static void putIfPositive(Map<String, String> options, String name, long value) {
        if (value > 0) {
            options.put(name, Long.toString(value));
        }
    }
}
