package dev.salvage.dict;

/** SYS_INDEXES.TYPE bits (dict0mem.h). */
final class DictIndexType {
    static final long CLUSTERED = 1;
    static final long UNIQUE = 2;
    static final long IBUF = 8;
    static final long CORRUPT = 16;
    static final long FTS = 32;
    static final long SPATIAL = 64;
    /** An index on a virtual column (5.7, MariaDB 10.2+). */
    static final long VIRTUAL = 128;

    private DictIndexType() {
    }
}
