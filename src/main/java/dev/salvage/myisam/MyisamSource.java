package dev.salvage.myisam;

import dev.salvage.frm.FrmFinding;
import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A MyISAM table opened for reading rows: its .MYI (record format, lengths, column packing), its .MYD (read-only)
 * and the column layout, from a given CREATE TABLE or else from the table's .frm.
 *
 * @param notes what was odd about the definition (e.g. a record length the .MYI disagrees with)
 */
public record MyisamSource(MyisamTable table, MyiFile myi, FileSet myd, MyisamLayout layout,
        List<MyisamFinding> notes) implements Closeable {

    public MyisamSource {
        notes = List.copyOf(notes);
    }

    /**
     * Opens a table. {@code ddl}: the definition to use, or null to read the .frm; {@code dialect} applies to a
     * DDL definition (a .frm says which server wrote it).
     *
     * @throws UnreadableInputException when the .MYI or .MYD is missing or unreadable, or there is no definition
     */
    public static MyisamSource open(MyisamTable table, TableDef ddl, ServerDialect dialect) throws IOException {
        if (!Files.exists(table.myd())) {
            throw new UnreadableInputException(table.name() + ": Can't find file: '" + table.myd().getFileName() + "'");
        }
        List<MyisamFinding> notes = new ArrayList<>();
        MyiFile myi;
        if (Files.exists(table.myi())) {
            try (FileSet myiFile = FileSet.open(table.myi())) {
                myi = MyiFile.read(myiFile);
            }
        } else {
            myi = FrmRecordFormat.standIn(table, notes);
        }
        boolean fixed = myi.format() == RecordFormat.FIXED;
        MyisamLayout layout;
        if (ddl != null) {
            layout = MyisamLayout.fromTableDef(ddl, dialect, fixed);
        } else {
            if (table.frm() == null || !Files.exists(table.frm())) {
                throw new UnreadableInputException(table.name() + ": no .frm next to the data file; give --ddl");
            }
            FrmResult frm = FrmReader.read(table.frm());
            for (FrmFinding f : frm.findings()) {
                if (f.severity() == FrmFinding.Severity.ERROR) {
                    notes.add(MyisamFinding.warning("frm", "frm", -1, String.valueOf(f)));
                }
            }
            if (frm.table().columns().isEmpty()) {
                throw new UnreadableInputException(table.frm() + ": no columns could be read; give --ddl");
            }
            layout = MyisamLayout.fromFrm(frm, fixed);
        }
        if (layout.length() > myi.base().reclength()) {
            notes.add(MyisamFinding.error("definition-length", "MYI", -1, "The definition lays out "
                    + layout.length() + "-byte records but the .MYI says " + myi.base().reclength()
                    + ": columns past the end come out damaged"));
        }
        if (myi.format() == RecordFormat.COMPRESSED) {
            notes.add(MyisamFinding.error("compressed", "MYD", -1,
                    "Compressed (myisampack) tables are not read yet: no rows"));
        }
        return new MyisamSource(table, myi, FileSet.open(table.myd()), layout, notes);
    }

    public MyisamRowsResult read(boolean withDeleted, MyisamRows.RowHandler handler) throws IOException {
        return MyisamRows.read(myi, myd, new MyisamRowDecoder(layout), withDeleted, handler);
    }

    @Override
    public void close() {
        myd.close();
    }
}
