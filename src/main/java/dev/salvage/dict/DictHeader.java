package dev.salvage.dict;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;

/**
 * The dictionary header on page 7 of the system tablespace (dict0boot.h DICT_HDR): the counters for new
 * ids and the root pages of the four dictionary tables' clustered indexes (and of SYS_TABLE_IDS).
 */
record DictHeader(long maxRowId, long maxTableId, long maxIndexId, long maxSpaceId, long tablesRoot,
        long tableIdsRoot, long columnsRoot, long indexesRoot, long fieldsRoot) {

    /** FSP_DICT_HDR_PAGE_NO. */
    static final int PAGE_NO = 7;
    private static final int DICT_HDR = Fil.PAGE_DATA;

    static DictHeader read(byte[] page) {
        return new DictHeader(Mach.read8(page, DICT_HDR), Mach.read8(page, DICT_HDR + 8),
                Mach.read8(page, DICT_HDR + 16), Mach.read4(page, DICT_HDR + 24), Mach.read4(page, DICT_HDR + 32),
                Mach.read4(page, DICT_HDR + 36), Mach.read4(page, DICT_HDR + 40), Mach.read4(page, DICT_HDR + 44),
                Mach.read4(page, DICT_HDR + 48));
    }

    /** The root page of a dictionary table's clustered index, -1 for tables whose root is not in the header. */
    long root(SysTable table) {
        return switch (table) {
            case SYS_TABLES -> tablesRoot;
            case SYS_COLUMNS -> columnsRoot;
            case SYS_INDEXES -> indexesRoot;
            case SYS_FIELDS -> fieldsRoot;
            default -> -1;
        };
    }

    /** A header whose roots point outside the space or at the header pages is not believed. */
    String implausibility(long pageCount) {
        for (long root : new long[] {tablesRoot, columnsRoot, indexesRoot, fieldsRoot}) {
            if (root <= PAGE_NO || root >= pageCount) {
                return "root page " + root + " outside the space of " + pageCount + " pages";
            }
        }
        return null;
    }
}
