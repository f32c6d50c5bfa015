package dev.salvage.inventory;

/** Why a page is not sound. The names are stable: they appear in JSON and in tests. */
public enum PageProblem {
    /** No checksum algorithm matches the stored checksum. */
    CHECKSUM_MISMATCH("checksum mismatch"),
    /** The header's LSN and the trailer's disagree: only part of the page was written. */
    TORN("torn (header and trailer LSN differ)"),
    /** The page number in the header is not the page's position in the file. */
    WRONG_PAGE_NUMBER("misplaced (page number does not match its position)"),
    /** The space id in the header is not page 0's. */
    WRONG_SPACE_ID("misplaced (space id differs from page 0's)"),
    /** All bytes are zero although the extent descriptors say the page is in use. */
    ZEROED_IN_USE("all-zero page that the extent descriptors mark in use");

    private final String description;

    PageProblem(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
