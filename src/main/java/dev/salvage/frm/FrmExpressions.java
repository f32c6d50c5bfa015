package dev.salvage.frm;

import java.util.ArrayList;
import java.util.List;

/**
 * The expressions block that ends the forminfo screens: generation expressions of generated columns, and on
 * MariaDB also DEFAULT expressions and CHECK constraints.
 * <ul>
 * <li>MySQL 5.7 ({@code pack_gcol_info}): for each field marked generated, in field order: byte 1, 2-byte
 *     expression length, 1 byte stored flag, the expression text.</li>
 * <li>MariaDB 10.2+ ({@code pack_expression}, frm version 11): a 16-byte header, then entries of type (0
 *     virtual, 1 stored, 2 default, 3 column check, 4 table check, 5 hash), 2-byte field number (0xFFFF for
 *     table checks), 2-byte expression length, 1-byte name length, the name, the expression.</li>
 * </ul>
 */
final class FrmExpressions {

    static final int VIRTUAL = 0, STORED = 1, DEFAULT = 2, CHECK_FIELD = 3, CHECK_TABLE = 4;
    private static final int MARIADB_BASE = 16, MARIADB_ENTRY_HEADER = 6;

    /** One expression; {@code field} is the 0-based field number, -1 for a table constraint. */
    record Expression(int type, int field, String name, String text) {
    }

    private FrmExpressions() {
    }

    static List<Expression> readMariadb(FrmBytes b, long start, int length, List<FrmFinding> findings) {
        List<Expression> out = new ArrayList<>();
        long end = start + length;
        long pos = start + MARIADB_BASE;
        while (pos < end) {
            if (!b.has(pos, MARIADB_ENTRY_HEADER)) {
                findings.add(truncated(pos));
                break;
            }
            int type = b.u8(pos);
            int field = b.u16(pos + 1);
            int exprLength = b.u16(pos + 3);
            int nameLength = b.u8(pos + 5);
            pos += MARIADB_ENTRY_HEADER;
            if (pos + nameLength + exprLength > end || !b.has(pos, nameLength + exprLength)) {
                findings.add(truncated(pos));
                break;
            }
            String name = nameLength > 0 ? b.utf8(pos, nameLength) : null;
            String text = b.utf8(pos + nameLength, exprLength);
            out.add(new Expression(type, field == 0xFFFF ? -1 : field, name, text));
            pos += nameLength + exprLength;
        }
        return out;
    }

    static List<Expression> readMysql57(FrmBytes b, long start, int length, List<FrmField> fields,
            List<FrmFinding> findings) {
        List<Expression> out = new ArrayList<>();
        long end = start + length;
        long pos = start;
        for (FrmField f : fields) {
            if (!f.generatedMysql57()) {
                continue;
            }
            if (pos + 4 > end || !b.has(pos, 4) || b.u8(pos) != 1) {
                findings.add(truncated(pos));
                break;
            }
            int exprLength = b.u16(pos + 1);
            boolean stored = b.u8(pos + 3) != 0;
            if (pos + 4 + exprLength > end || !b.has(pos + 4, exprLength)) {
                findings.add(truncated(pos));
                break;
            }
            out.add(new Expression(stored ? STORED : VIRTUAL, f.index(), null, b.utf8(pos + 4, exprLength)));
            pos += 4 + exprLength;
        }
        return out;
    }

    private static FrmFinding truncated(long pos) {
        return new FrmFinding(FrmFinding.Severity.ERROR, pos, "FRM_EXPRESSIONS_TRUNCATED",
                "the generated-column / default / check expressions end early; later ones are missing");
    }
}
