package dev.salvage.carve;

/**
 * Why carve accepted a block of bytes as an InnoDB page. Recorded for every page in the manifest,
 * so a reader can weigh a page accepted on structure alone differently from one with a valid checksum.
 */
public enum Evidence {
    /** The stored checksum matches under some algorithm (which one is recorded next to it). */
    CHECKSUM("checksum"),
    /**
     * No algorithm matches, but the page is consistent: header LSN equals trailer LSN, the type is an
     * index type, infimum and supremum sit where the row format puts them and the page directory is sane.
     * Typical of a page with a few damaged bytes, or written by a checksum variant we do not know.
     */
    INDEX_STRUCTURE("structure");

    private final String label;

    Evidence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static Evidence fromCode(int code) {
        return code >= 0 && code < ALL.length ? ALL[code] : CHECKSUM;
    }

    /** values() clones its array on every call, and this runs once per page read back from the spool. */
    private static final Evidence[] ALL = values();
}
