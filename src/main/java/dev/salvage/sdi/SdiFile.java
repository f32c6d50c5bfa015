package dev.salvage.sdi;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fsp.PageSizeDetector;
import dev.salvage.innodb.fsp.SpaceLayout;
import dev.salvage.innodb.lob.PageReader;
import dev.salvage.io.FilePageSource;
import dev.salvage.io.FileSet;
import dev.salvage.io.PageSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDI of one MySQL 8.0 tablespace file (.ibd, mysql.ibd): its raw records and the tables they describe.
 * The file is opened read-only.
 *
 * @param soundWithoutSdi page 0 is sound and its FSP flags say the space has no SDI: a MySQL 5.x or MariaDB
 *                        tablespace, whose definition lives in a .frm and the system dictionary
 */
public record SdiFile(Path file, List<SdiRecord> records, List<SdiTable> tables, List<SdiFinding> findings,
        int sdiPages, boolean soundWithoutSdi) {

    public SdiFile {
        records = List.copyOf(records);
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
    }

    /** Page 0 is there and is a space header page (zeros and short files are not). */
    private static boolean isSpaceHeader(byte[] page0) {
        return page0 != null && Mach.read2(page0, Fil.PAGE_TYPE) == PageType.FSP_HDR;
    }

    /** Reads the file; IOException only when it cannot be opened or read at all. */
    public static SdiFile read(Path file) throws IOException {
        try (FileSet set = FileSet.open(file)) {
            SpaceLayout layout = PageSizeDetector.detect(set, null);
            PageSource source = new FilePageSource(set, layout.pageSize());
            int size = layout.pageSize().physical();
            PageReader blobs = pageNo -> {
                byte[] page = new byte[size];
                try {
                    return pageNo >= 0 && source.readPages(pageNo, 1, page) == 1 ? page : null;
                } catch (IOException e) {
                    return null;
                }
            };
            SdiScan scan = SdiReader.read(List.of(source), blobs);
            List<SdiFinding> findings = new ArrayList<>(scan.findings());
            List<SdiTable> tables = new ArrayList<>();
            for (SdiRecord record : scan.records()) {
                if (record.type() == SdiRecord.TYPE_TABLE) {
                    SdiTableReader.read(record, findings).ifPresent(tables::add);
                }
            }
            if (scan.sdiPages() == 0) {
                findings.add(SdiFinding.error(-1, "SDI_NOT_FOUND", "no SDI page found (not a MySQL 8.0 tablespace,"
                        + " or its SDI pages are lost)"));
            }
            boolean soundWithoutSdi = layout.flags() != null && layout.flags().valid() && !layout.flags().sdi()
                    && scan.sdiPages() == 0 && isSpaceHeader(blobs.read(0));
            return new SdiFile(file, scan.records(), tables, findings, scan.sdiPages(), soundWithoutSdi);
        }
    }
}
