package dev.salvage.check.keys;

import java.util.Locale;
import java.util.Set;

/**
 * Which character-column comparisons salvage reproduces exactly. Everything else is "order not checked": a
 * collation that is almost right would report healthy indexes as out of order.
 */
final class Collations {

    /** PAD SPACE binary collations of charsets whose byte order is code point order. */
    private static final Set<String> PAD_SPACE_BIN = Set.of("latin1_bin", "ascii_bin", "utf8_bin", "utf8mb3_bin",
            "utf8mb4_bin");
    /** NO PAD binary collations: plain memcmp, the shorter value first. */
    private static final Set<String> NO_PAD_BIN = Set.of("utf8mb4_0900_bin", "latin1_nopad_bin", "ascii_nopad_bin",
            "utf8mb3_nopad_bin", "utf8_nopad_bin", "utf8mb4_nopad_bin", "binary");

    private Collations() {
    }

    /** The comparison of {@code collation}, null when not implemented. */
    static FieldOrder order(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        if (PAD_SPACE_BIN.contains(c)) {
            return FieldOrder.BYTES_PAD_SPACE;
        }
        if (NO_PAD_BIN.contains(c)) {
            return FieldOrder.BYTES;
        }
        return switch (c) {
            case "latin1_swedish_ci" -> SimpleWeights.LATIN1_SWEDISH_CI;
            case "utf8mb4_general_ci", "utf8mb3_general_ci", "utf8_general_ci" -> Utf8GeneralCi.INSTANCE;
            default -> null;
        };
    }
}
