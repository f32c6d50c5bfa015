package dev.salvage.dict;

import dev.salvage.schema.ServerDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MTYPE/PRTYPE/LEN to declared types, for the codes the real-server test does not cover one by one. */
class DictColumnTypeTest {

    private static String sql(long mtype, long prtype, long len) {
        DictColumnType t = DictColumnType.of("c", mtype, prtype, len, ServerDialect.MYSQL_5_7);
        return t.column().type().sql() + (t.column().unsigned() ? " unsigned" : "") + (t.column().nullable() ? "" : " not null")
                + (t.column().charset() == null ? "" : " " + t.column().collation());
    }

    @Test
    void decimalSizesFollowDecimalBinSize() {
        assertThat(DictColumnType.decimalBytes(10, 2)).isEqualTo(5);
        assertThat(DictColumnType.decimalBytes(65, 30)).isEqualTo(30);
        assertThat(DictColumnType.decimalBytes(18, 9)).isEqualTo(8);
        // 5 bytes: the widest scale-0 precision of that size
        assertThat(sql(DataType.FIXBINARY, DataType.T_NEWDECIMAL | DataType.NOT_NULL, 5)).isEqualTo("decimal(11,0) not null");
    }

    @Test
    void integersTemporalsAndStrings() {
        assertThat(sql(DataType.INT, DataType.T_LONG | DataType.UNSIGNED, 4)).isEqualTo("int unsigned");
        assertThat(sql(DataType.INT, DataType.T_INT24, 3)).isEqualTo("mediumint");
        assertThat(sql(DataType.FIXBINARY, DataType.T_DATETIME | DataType.BINARY_TYPE, 5)).isEqualTo("datetime");
        assertThat(sql(DataType.FIXBINARY, DataType.T_TIME, 6)).isEqualTo("time(6)");
        assertThat(sql(DataType.FIXBINARY, DataType.T_TIMESTAMP, 6)).isEqualTo("timestamp(4)");
        // utf8mb4_general_ci (45): 4 bytes a character
        assertThat(sql(DataType.VARMYSQL, DataType.T_VARCHAR | (45L << 16), 400)).isEqualTo("varchar(100) utf8mb4_general_ci");
        assertThat(sql(DataType.CHAR, DataType.T_STRING, 10)).isEqualTo("char(10) latin1_swedish_ci");
        assertThat(sql(DataType.BLOB, DataType.T_BLOB | DataType.BINARY_TYPE | (63L << 16), 11)).isEqualTo("mediumblob");
        assertThat(sql(DataType.BLOB, DataType.T_JSON | DataType.BINARY_TYPE | (63L << 16), 12)).isEqualTo("json");
        assertThat(sql(DataType.INT, DataType.T_STRING | DataType.UNSIGNED, 3)).startsWith("set('v1',").contains("'v24')");
        assertThat(sql(99, 0, 7)).isEqualTo("varbinary(7)");
    }

    @Test
    void tableFlagsGiveTheRowFormat() {
        assertThat(TableFlags.of(1, 5).rowFormat()).isEqualTo("REDUNDANT");
        assertThat(TableFlags.of(1, 0x80000005L).rowFormat()).isEqualTo("COMPACT");
        assertThat(TableFlags.of(0x21, 0x80000005L).rowFormat()).isEqualTo("DYNAMIC");
        TableFlags zip = TableFlags.of(0x29, 0x80000002L);
        assertThat(zip.rowFormat()).isEqualTo("COMPRESSED");
        assertThat(zip.zipKiB()).isEqualTo(8);
        assertThat(zip.storedColumns()).isEqualTo(2);
    }

    @Test
    void fileNameEncodingIsDecoded() {
        assertThat(DictTables.decodeName("my@002dtable")).isEqualTo("my-table");
        assertThat(DictTables.decodeName("plain_name")).isEqualTo("plain_name");
        assertThat(DictTables.decodeName("trail@00")).isEqualTo("trail@00");
    }
}
