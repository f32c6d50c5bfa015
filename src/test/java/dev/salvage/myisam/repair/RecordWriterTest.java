package dev.salvage.myisam.repair;

import dev.salvage.myisam.ColumnDef;
import dev.salvage.myisam.FrmMyisamDefinition;
import dev.salvage.myisam.MyiBase;
import dev.salvage.myisam.MyiFile;
import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged .MYI header whose smallest DYNAMIC block length cannot fit a block header's one-byte unused count is
 * refused before any record is written, instead of giving a .MYD whose block headers lie.
 */
class RecordWriterTest {

    private static MyiFile dynamicTable(long minBlockLength) throws Exception {
        List<ColumnDef> columns = List.of(new ColumnDef(ColumnDef.FIELD_NORMAL, 1, 0, 0),
                new ColumnDef(ColumnDef.FIELD_VARCHAR, 11, 0, 0));
        MyiBase base = new MyiBase(0, 0, 0, 0, 0, 0, 12, 12, 3, 24, minBlockLength, columns.size(), 1, 6, 0, 0, 0,
                1, 0, 0, 0, 0, 0);
        FrmMyisamDefinition def = new FrmMyisamDefinition(1, columns, List.of(), base);
        return MyiFile.parse(FrmIndexHeader.build(def, 1, 8, ServerDialect.MARIADB_10_11, 0), "t.MYI");
    }

    @Test
    void soundSmallestBlockIsAccepted() throws Exception {
        MyiFile myi = dynamicTable(20);
        assertThatCode(() -> new RecordWriter(myi, OutputStream.nullOutputStream())).doesNotThrowAnyException();
    }

    @Test
    void impossibleSmallestBlockIsRefused() throws Exception {
        MyiFile myi = dynamicTable(70_000);
        assertThatThrownBy(() -> new RecordWriter(myi, OutputStream.nullOutputStream()))
                .isInstanceOf(RepairRefusedException.class).hasMessageContaining("smallest block length 70000");
    }
}
