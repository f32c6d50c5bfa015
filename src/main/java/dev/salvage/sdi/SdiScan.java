package dev.salvage.sdi;

import java.util.List;

/** The SDI records found in a tablespace and what could not be read. */
public record SdiScan(List<SdiRecord> records, List<SdiFinding> findings, int sdiPages) {

    public SdiScan {
        records = List.copyOf(records);
        findings = List.copyOf(findings);
    }
}
