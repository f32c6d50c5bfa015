package dev.salvage.check.keys;

import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.schema.Column;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;

import java.util.Arrays;
import java.util.Locale;

/**
 * The secondary index entry a clustered record must have (row0row.cc {@code row_build_index_entry}): each
 * field copied from the clustered record, a prefix part cut to its first n characters
 * ({@code dtype_get_at_most_n_mbchars}: n bytes in single-byte charsets, n whole characters in UTF-8).
 * Not every entry can be built from the clustered page alone: values stored off-page, instant ADD COLUMN
 * defaults and virtual columns give "not projectable".
 */
final class KeyProjection {

    private KeyProjection() {
    }

    /** Why {@code shape}'s entries cannot be projected at all, or null when they can (record by record). */
    static String unsupported(IndexShape shape) {
        for (int i = 0; i < shape.keyFields(); i++) {
            KeyField f = shape.fields().get(i);
            if (shape.sourceField(i) < 0) {
                return "column " + f.name() + " is not stored in the clustered index";
            }
            if (f.prefixChars() != null && f.column() != null && bytesPerChar(f.column()) > 1
                    && !isUtf8(f.column())) {
                return "prefix of " + f.name() + " in a multi-byte character set other than UTF-8";
            }
        }
        return null;
    }

    /** The expected entry, or null when this record's values cannot give it (off-page, instant default). */
    static IndexKey project(IndexShape shape, byte[] page, RecordOffsets clustered) {
        byte[][] out = new byte[shape.keyFields()][];
        for (int i = 0; i < out.length; i++) {
            int s = shape.sourceField(i);
            if (s < 0 || s >= clustered.fieldCount() || clustered.isExtern(s) || clustered.isDefault(s)) {
                return null;
            }
            byte[] v = clustered.copy(page, s);
            KeyField f = shape.fields().get(i);
            if (v != null && f.prefixChars() != null) {
                int cut = cut(f, v);
                if (cut < 0) {
                    return null;
                }
                v = Arrays.copyOf(v, cut);
            }
            out[i] = v;
        }
        return new IndexKey(out);
    }

    private static int cut(KeyField f, byte[] v) {
        int chars = f.prefixChars();
        if (f.column() == null || bytesPerChar(f.column()) == 1) {
            return Math.min(chars, v.length);
        }
        return Utf8.prefixBytes(v, chars);
    }

    /** mbmaxlen of the column's character set; 1 for types without one; 4 when the charset is unknown. */
    private static int bytesPerChar(Column c) {
        TypeKind k = c.type().kind();
        if (!k.hasCharset() || k == TypeKind.ENUM || k == TypeKind.SET) {
            return 1;
        }
        if (c.charset() == null) {
            return 4;
        }
        return MysqlCharset.byName(c.charset(), ServerDialect.MYSQL_8_0).map(MysqlCharset::maxBytesPerChar).orElse(4);
    }

    private static boolean isUtf8(Column c) {
        String cs = c.charset() == null ? "" : c.charset().toLowerCase(Locale.ROOT);
        return cs.equals("utf8mb4") || cs.equals("utf8") || cs.equals("utf8mb3");
    }
}
