package dev.salvage.dict;

/**
 * SYS_TABLES.TYPE and N_COLS decoded (dict0mem.h DICT_TF_*, dict0load.cc dict_sys_tables_type_valid): row
 * format and compressed page size. TYPE is 1 for REDUNDANT and COMPACT tables created before the flags grew.
 */
record TableFlags(String rowFormat, int zipKiB, int storedColumns, int virtualColumns) {

    private static final long COMPACT = 1;
    private static final long ATOMIC_BLOBS = 1 << 5;
    /** N_COLS bit 31: the table uses the compact record format (DICT_N_COLS_COMPACT). */
    private static final long N_COLS_COMPACT = 0x80000000L;

    static TableFlags of(long type, long nCols) {
        boolean compact = (nCols & N_COLS_COMPACT) != 0;
        int zipSsize = (int) ((type >>> 1) & 0xF);
        String format;
        if (!compact) {
            format = "REDUNDANT";
        } else if (zipSsize != 0) {
            format = "COMPRESSED";
        } else if ((type & ATOMIC_BLOBS) != 0 && (type & COMPACT) != 0) {
            format = "DYNAMIC";
        } else {
            format = "COMPACT";
        }
        int zip = zipSsize == 0 ? 0 : (512 << zipSsize) / 1024;
        return new TableFlags(format, zip, (int) (nCols & 0xFFFF), (int) ((nCols >>> 16) & 0x7FFF));
    }
}
