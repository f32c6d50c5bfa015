package dev.salvage.dict;

import dev.salvage.schema.ServerDialect;
import dev.salvage.sdi.FoundTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Foreign keys assembled from hand-built SYS_FOREIGN / SYS_FOREIGN_COLS records, damaged ones included. */
class DictTablesForeignKeyTest {

    private final Map<SysTable, List<DictRecord>> records = new EnumMap<>(SysTable.class);

    DictTablesForeignKeyTest() {
        for (SysTable t : SysTable.values()) {
            records.put(t, new ArrayList<>());
        }
        add(SysTable.SYS_TABLES, "NAME", text("db/child"), "ID", eight(20), "N_COLS", four(0x80000001L),
                "TYPE", four(1), "SPACE", four(5));
        add(SysTable.SYS_COLUMNS, "TABLE_ID", eight(20), "POS", four(0), "NAME", text("p"), "MTYPE", four(6),
                "PRTYPE", four(0x503), "LEN", four(4), "PREC", four(0));
        add(SysTable.SYS_INDEXES, "TABLE_ID", eight(20), "ID", eight(40), "NAME", text("GEN_CLUST_INDEX"),
                "N_FIELDS", four(0), "TYPE", four(1), "SPACE", four(5), "PAGE_NO", four(3));
        add(SysTable.SYS_FOREIGN, "ID", text("db/fk1"), "FOR_NAME", text("db/child"), "REF_NAME",
                text("db/parent"), "N_COLS", four(1));
    }

    @Test
    void aForeignKeyColumnStoredAsNullIsReportedNotThrown() {
        add(SysTable.SYS_FOREIGN_COLS, "ID", text("db/fk1"), "POS", four(0), "FOR_COL_NAME", null,
                "REF_COL_NAME", text("id"));

        FoundTable child = only();

        assertThat(child.table().constraints()).isEmpty();
        assertThat(child.ddl()).contains("foreign key db/fk1: its record is incomplete");
    }

    @Test
    void aCompleteForeignKeyIsWritten() {
        add(SysTable.SYS_FOREIGN_COLS, "ID", text("db/fk1"), "POS", four(0), "FOR_COL_NAME", text("p"),
                "REF_COL_NAME", text("id"));

        FoundTable child = only();

        assertThat(child.table().constraints()).hasSize(1);
        assertThat(child.table().constraints().get(0).name()).isEqualTo("fk1");
        assertThat(child.ddl()).contains("REFERENCES `db`.`parent` (`id`)");
    }

    private FoundTable only() {
        List<FoundTable> tables = new DictTables(records, List.of(Path.of("ibdata1")), ServerDialect.MYSQL_5_7,
                Map.of()).tables();
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    /** A live record of {@code table} with the named fields set, every other field NULL. */
    private void add(SysTable table, Object... nameValue) {
        byte[][] fields = new byte[table.layout().size()][];
        fields[table.trxIdField()] = new byte[] {0, 0, 0, 0, 0, 9};
        for (int i = 0; i < nameValue.length; i += 2) {
            fields[table.field((String) nameValue[i])] = (byte[]) nameValue[i + 1];
        }
        records.get(table).add(new DictRecord(table, fields, false, false, 8, 100 + records.get(table).size()));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] four(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] eight(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }
}
