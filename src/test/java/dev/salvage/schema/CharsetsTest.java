package dev.salvage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Character sets, collation ids and MySQL's latin1. */
class CharsetsTest {

    @Test
    void collationIdsPerServer() {
        assertThat(Collation.byName("latin1_swedish_ci", ServerDialect.MYSQL_5_7).orElseThrow().id()).isEqualTo(8);
        assertThat(Collation.byName("utf8mb4_0900_ai_ci", ServerDialect.MYSQL_8_0).orElseThrow().id()).isEqualTo(255);
        assertThat(Collation.byName("utf8mb4_general_ci", ServerDialect.MARIADB_10_11).orElseThrow().id()).isEqualTo(45);
        assertThat(Collation.byName("binary", ServerDialect.MYSQL_8_0).orElseThrow().id()).isEqualTo(63);
        // MariaDB gave the Croatian collations new ids and kept the old ones as *_mysql561_ci.
        assertThat(Collation.byName("utf8mb4_croatian_ci", ServerDialect.MYSQL_8_0).orElseThrow().id()).isEqualTo(245);
        assertThat(Collation.byName("utf8mb4_croatian_ci", ServerDialect.MARIADB_10_11).orElseThrow().id()).isEqualTo(608);
        // MySQL's utf8 is MariaDB's utf8mb3; either spelling finds the collation.
        assertThat(Collation.byName("utf8mb3_bin", ServerDialect.MYSQL_5_7).orElseThrow().id()).isEqualTo(83);
        assertThat(Collation.byName("utf8_bin", ServerDialect.MARIADB_10_11).orElseThrow().name()).isEqualTo("utf8mb3_bin");
        assertThat(Collation.byId(33, ServerDialect.MYSQL_8_0).orElseThrow().charset()).isEqualTo("utf8");
        assertThat(Collation.byName("utf8mb4_0900_ai_ci", ServerDialect.MARIADB_10_11)).isEmpty();
        assertThat(Collation.byId(99999, ServerDialect.MYSQL_8_0)).isEmpty();
    }

    @Test
    void charsetsWithMaxBytesAndDefaults() {
        assertThat(MysqlCharset.byName("utf8mb4", ServerDialect.MYSQL_8_0).orElseThrow().defaultCollation())
                .isEqualTo("utf8mb4_0900_ai_ci");
        assertThat(MysqlCharset.byName("utf8mb4", ServerDialect.MYSQL_5_7).orElseThrow().defaultCollation())
                .isEqualTo("utf8mb4_general_ci");
        assertThat(MysqlCharset.byName("utf8", ServerDialect.MARIADB_10_11).orElseThrow().maxBytesPerChar()).isEqualTo(3);
        assertThat(MysqlCharset.byName("gb18030", ServerDialect.MYSQL_8_0).orElseThrow().maxBytesPerChar()).isEqualTo(4);
        assertThat(MysqlCharset.byName("gb18030", ServerDialect.MARIADB_10_11)).isEmpty();
    }

    @Test
    void theJdkDecodesAllButSixCharsets() {
        int withJava = 0;
        for (String name : new String[] {"armscii8", "ascii", "big5", "binary", "cp1250", "cp1251", "cp1256",
                "cp1257", "cp850", "cp852", "cp866", "cp932", "dec8", "eucjpms", "euckr", "gb18030", "gb2312", "gbk",
                "geostd8", "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5",
                "latin7", "macce", "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32",
                "utf8", "utf8mb4"}) {
            boolean has = MysqlCharset.javaCharsetFor(name).isPresent();
            assertThat(has).as(name).isEqualTo(!MysqlCharset.WITHOUT_JAVA_CHARSET.contains(name) && !name.equals("binary"));
            withJava += has ? 1 : 0;
        }
        assertThat(withJava).isEqualTo(34);
    }

    @Test
    void mysqlLatin1DecodesEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = new String(all, MysqlLatin1.INSTANCE);
        assertThat(text).hasSize(256);
        assertThat(text.charAt(0x80)).isEqualTo('\u20AC');
        assertThat(text.charAt(0x81)).isEqualTo('\u0081');
        assertThat(text.charAt(0x9D)).isEqualTo('\u009D');
        assertThat(text.charAt(0xE9)).isEqualTo('é');
        assertThat(text.getBytes(MysqlLatin1.INSTANCE)).isEqualTo(all);
        // windows-1252 in the JDK cannot decode these five bytes; MySQL's latin1 can.
        assertThat(new String(new byte[] {(byte) 0x81}, java.nio.charset.Charset.forName("windows-1252")))
                .isEqualTo("\uFFFD");
        assertThat("€".getBytes(MysqlLatin1.INSTANCE)).containsExactly(0x80);
        assertThat("ā".getBytes(MysqlLatin1.INSTANCE)).containsExactly('?');
        assertThat(StandardCharsets.UTF_8).isNotEqualTo(MysqlLatin1.INSTANCE);
    }
}
