package dev.salvage.myisam;

/**
 * One column of the MyISAM record ({@code MI_COLUMNDEF}, 7 bytes: type, length, null bit, null pos). The
 * first entry of tables with NULLable columns (or of FIXED tables) is the null-bits / delete-flag bytes.
 *
 * @param type FIELD_NORMAL 0, SKIP_ENDSPACE 1, SKIP_PRESPACE 2, SKIP_ZERO 3, BLOB 4, CONSTANT 5,
 *             INTERVALL 6, ZERO 7, VARCHAR 8, CHECK 9
 */
public record ColumnDef(int type, int length, int nullBit, int nullPos) {

    public static final int SIZE = 7;

    public static final int FIELD_NORMAL = 0;
    public static final int FIELD_SKIP_ENDSPACE = 1;
    public static final int FIELD_SKIP_PRESPACE = 2;
    public static final int FIELD_SKIP_ZERO = 3;
    public static final int FIELD_BLOB = 4;
    public static final int FIELD_VARCHAR = 8;
    public static final int FIELD_CHECK = 9;

    static ColumnDef read(byte[] b, int off) {
        return new ColumnDef((short) Be.u16(b, off), Be.u16(b, off + 2), Be.u8(b, off + 4), Be.u16(b, off + 5));
    }

    public String typeName() {
        return switch (type) {
            case 0 -> "NORMAL";
            case 1 -> "SKIP_ENDSPACE";
            case 2 -> "SKIP_PRESPACE";
            case 3 -> "SKIP_ZERO";
            case 4 -> "BLOB";
            case 5 -> "CONSTANT";
            case 6 -> "INTERVALL";
            case 7 -> "ZERO";
            case 8 -> "VARCHAR";
            case 9 -> "CHECK";
            default -> "TYPE_" + type;
        };
    }
}
