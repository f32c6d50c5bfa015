package dev.salvage.frm;

/**
 * The engine numbers of header bytes 3 and 61 (enum legacy_db_type, sql/handler.h), for files whose extra
 * segment lost the engine name, and for the engine of a partitioned table's partitions.
 */
final class LegacyDbType {

    static final int PARTITION = 20;

    private LegacyDbType() {
    }

    static String engineName(int code) {
        return switch (code) {
            case 6 -> "MEMORY";
            case 9 -> "MyISAM";
            case 10 -> "MRG_MyISAM";
            case 12 -> "InnoDB";
            case 14 -> "ndbcluster";
            case 15 -> "EXAMPLE";
            case 16 -> "ARCHIVE";
            case 17 -> "CSV";
            case 18 -> "FEDERATED";
            case 19 -> "BLACKHOLE";
            case 28 -> "PERFORMANCE_SCHEMA";
            case 42 -> "Aria";
            default -> null;
        };
    }
}
