package dev.salvage.innodb.rec;

/**
 * What walking one index page found.
 *
 * @param format              the record format PAGE_N_HEAP declares
 * @param systemRecordsIntact "infimum"/"supremum" are where the format puts them
 * @param records             the record list, infimum to supremum
 * @param free                the free list (PAGE_FREE chain of purged records)
 * @param directory           the page directory compared with the record list
 */
public record PageRecordsReport(RecordFormat format, boolean systemRecordsIntact, ChainWalk records, ChainWalk free,
                                DirectoryCheck directory) {

    /** Everything agrees with the page header. */
    public boolean clean() {
        return systemRecordsIntact && records.complete(false) && free.complete(true) && directory.consistent();
    }

    public String describe() {
        return "records: " + records.describe() + "; free list: " + free.describe() + "; directory: "
                + (directory.consistent() ? directory.slots() + " slots ok" : directory.problem())
                + (systemRecordsIntact ? "" : "; system records damaged");
    }
}
