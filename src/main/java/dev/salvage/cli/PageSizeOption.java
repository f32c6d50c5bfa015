package dev.salvage.cli;

import dev.salvage.innodb.fil.PageSize;

import java.util.Locale;

/** Parses --page-size / --zip-size values such as "16k", "16K", "16384". */
final class PageSizeOption {
    private PageSizeOption() {}

    static PageSize parse(String pageSize, String zipSize) {
        if (pageSize == null) {
            if (zipSize != null) {
                return build(16384, bytes(zipSize, "--zip-size"), true);
            }
            return null;
        }
        int logical = bytes(pageSize, "--page-size");
        if (!PageSize.isValidLogical(logical)) {
            throw new SalvageCommand.UsageException("--page-size must be 4k, 8k, 16k, 32k or 64k, not " + pageSize);
        }
        return zipSize == null ? PageSize.of(logical) : build(logical, bytes(zipSize, "--zip-size"), true);
    }

    private static PageSize build(int logical, int physical, boolean zip) {
        try {
            return zip ? PageSize.zip(logical, physical) : PageSize.of(logical);
        } catch (IllegalArgumentException e) {
            throw new SalvageCommand.UsageException("--zip-size must be 1k, 2k, 4k, 8k or 16k and at most the page size");
        }
    }

    static int bytes(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int mult = 1;
        if (t.endsWith("k") || t.endsWith("kb") || t.endsWith("kib")) {
            mult = 1024;
            t = t.replaceAll("k(i?b)?$", "");
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v <= 0 || v > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new SalvageCommand.UsageException(option + ": not a size: " + text);
        }
    }
}
