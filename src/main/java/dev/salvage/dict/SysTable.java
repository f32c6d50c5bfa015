package dev.salvage.dict;

import dev.salvage.innodb.rec.FieldLayout;

/**
 * The shapes of the InnoDB dictionary tables (dict0boot.cc, dict0crea.cc): their clustered index records in
 * record order, system columns included. All are REDUNDANT; integers are stored big-endian without the
 * sign flip user columns get. The first four have fixed index ids and roots in the dictionary header; the
 * others are ordinary tables found through SYS_TABLES and SYS_INDEXES.
 */
enum SysTable {
    /** NAME, DB_TRX_ID, DB_ROLL_PTR, ID, N_COLS, TYPE, MIX_ID, MIX_LEN (flags2), CLUSTER_NAME, SPACE. */
    SYS_TABLES(1, FieldLayout.builder().variable("NAME", 65535, false).systemColumns()
            .fixed("ID", 8, false).fixed("N_COLS", 4, false).fixed("TYPE", 4, false).fixed("MIX_ID", 8, true)
            .fixed("MIX_LEN", 4, true).variable("CLUSTER_NAME", 65535, true).fixed("SPACE", 4, true).build()),
    /** TABLE_ID, POS, DB_TRX_ID, DB_ROLL_PTR, NAME, MTYPE, PRTYPE, LEN, PREC. */
    SYS_COLUMNS(2, FieldLayout.builder().fixed("TABLE_ID", 8, false).fixed("POS", 4, false).systemColumns()
            .variable("NAME", 65535, false).fixed("MTYPE", 4, false).fixed("PRTYPE", 4, false)
            .fixed("LEN", 4, false).fixed("PREC", 4, false).build()),
    /** TABLE_ID, ID, DB_TRX_ID, DB_ROLL_PTR, NAME, N_FIELDS, TYPE, SPACE, PAGE_NO, MERGE_THRESHOLD (5.7+). */
    SYS_INDEXES(3, FieldLayout.builder().fixed("TABLE_ID", 8, false).fixed("ID", 8, false).systemColumns()
            .variable("NAME", 65535, false).fixed("N_FIELDS", 4, false).fixed("TYPE", 4, false)
            .fixed("SPACE", 4, true).fixed("PAGE_NO", 4, true).fixed("MERGE_THRESHOLD", 4, true).build()),
    /** INDEX_ID, POS (position, or position &lt;&lt; 16 | prefix length), DB_TRX_ID, DB_ROLL_PTR, COL_NAME. */
    SYS_FIELDS(4, FieldLayout.builder().fixed("INDEX_ID", 8, false).fixed("POS", 4, false).systemColumns()
            .variable("COL_NAME", 65535, false).build()),
    /** ID (db/constraint), DB_TRX_ID, DB_ROLL_PTR, FOR_NAME, REF_NAME, N_COLS (count | actions &lt;&lt; 24). */
    SYS_FOREIGN(-1, FieldLayout.builder().variable("ID", 65535, false).systemColumns()
            .variable("FOR_NAME", 65535, true).variable("REF_NAME", 65535, true).fixed("N_COLS", 4, true).build()),
    /** ID, POS, DB_TRX_ID, DB_ROLL_PTR, FOR_COL_NAME, REF_COL_NAME. */
    SYS_FOREIGN_COLS(-1, FieldLayout.builder().variable("ID", 65535, false).fixed("POS", 4, false).systemColumns()
            .variable("FOR_COL_NAME", 65535, true).variable("REF_COL_NAME", 65535, true).build()),
    /** TABLE_ID, POS (of the virtual column), BASE_POS, DB_TRX_ID, DB_ROLL_PTR. */
    SYS_VIRTUAL(-1, FieldLayout.builder().fixed("TABLE_ID", 8, false).fixed("POS", 4, false)
            .fixed("BASE_POS", 4, false).systemColumns().build());

    private final long fixedIndexId;
    private final FieldLayout layout;

    SysTable(long fixedIndexId, FieldLayout layout) {
        this.fixedIndexId = fixedIndexId;
        this.layout = layout;
    }

    /** The clustered index id dict_boot gives it; -1 for the tables created later like any other. */
    long fixedIndexId() {
        return fixedIndexId;
    }

    FieldLayout layout() {
        return layout;
    }

    /** Position of DB_TRX_ID: right after the key fields. */
    int trxIdField() {
        for (int i = 0; i < layout.size(); i++) {
            if (layout.name(i).equals("DB_TRX_ID")) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** Fields forming the clustered key (the ones before DB_TRX_ID). */
    int keyFields() {
        return trxIdField();
    }

    int field(String name) {
        for (int i = 0; i < layout.size(); i++) {
            if (layout.name(i).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
