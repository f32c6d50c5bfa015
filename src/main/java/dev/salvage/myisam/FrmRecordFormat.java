package dev.salvage.myisam;

import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The record format of a MyISAM table read from its .frm, for when the .MYI is lost: the .frm header keeps the
 * table's HA_OPTION_* flags (bytes 30–31, PACK_RECORD set for DYNAMIC) and the length of its row image (bytes
 * 16–17), which is the on-disk length of a FIXED record. DYNAMIC records also need the column packing, which the
 * server derives from the definition when it creates the table; {@link FrmMyisamDefinition} derives it again.
 */
final class FrmRecordFormat {
    private static final int HEADER = 64;

    private FrmRecordFormat() {
    }

    static MyiFile standIn(MyisamTable table, List<MyisamFinding> notes) throws IOException {
        String missing = table.name() + ": Can't find file: '" + table.myi().getFileName() + "'";
        if (table.frm() == null || !Files.exists(table.frm())) {
            throw new UnreadableInputException(missing + " and no .frm gives the record format");
        }
        byte[] h = new byte[HEADER];
        long dataLength;
        try (FileSet frm = FileSet.open(table.frm()); FileSet myd = FileSet.open(table.myd())) {
            if (frm.read(0, h, 0, HEADER) < HEADER || (h[0] & 0xff) != 0xfe || h[1] != 1) {
                throw new UnreadableInputException(missing + " and " + table.frm().getFileName()
                        + " is not a readable .frm");
            }
            dataLength = myd.length();
        }
        int options = (h[30] & 0xff) | (h[31] & 0xff) << 8;
        int recordLength = (h[16] & 0xff) | (h[17] & 0xff) << 8;
        if ((options & RecordFormat.HA_OPTION_COMPRESS_RECORD) != 0) {
            throw new UnreadableInputException(missing + "; the .frm says the records are compressed (myisampack),"
                    + " whose decoding trees only the .MYI keeps");
        }
        if ((options & RecordFormat.HA_OPTION_PACK_RECORD) != 0) {
            return dynamic(table, options, missing, notes);
        }
        if (recordLength <= 0) {
            throw new UnreadableInputException(missing + " and the .frm gives no record length");
        }
        // A table checksum adds no byte to FIXED records on the servers tested, but check the file agrees.
        long length = recordLength;
        if (dataLength % length != 0 && dataLength % (length + 1) == 0) {
            length++;
        }
        notes.add(MyisamFinding.warning("myi-missing", "MYI", -1, missing + ": FIXED " + length
                + "-byte records taken from the .frm; no state or keys to compare with"
                + (dataLength % length != 0 ? "; the .MYD length " + dataLength + " is no multiple of it" : "")));
        return MyiFile.withoutIndex(options, length);
    }

    private static MyiFile dynamic(MyisamTable table, int options, String missing, List<MyisamFinding> notes)
            throws IOException {
        FrmResult frm = FrmReader.read(table.frm());
        if (frm.table().columns().isEmpty() || !frm.complete()) {
            throw new UnreadableInputException(missing + "; the .frm says the records are DYNAMIC and its columns"
                    + " cannot all be read, so their packing cannot be derived");
        }
        FrmMyisamDefinition def = FrmMyisamDefinition.derive(frm, options);
        notes.add(MyisamFinding.warning("myi-missing", "MYI", -1, missing + ": DYNAMIC records, column packing ("
                + def.columns().size() + " columns, " + def.base().packBits() + " pack bytes) derived from the .frm"
                + " as the server does when it creates the table; no state or keys to compare with"));
        return MyiFile.derived(def);
    }
}
