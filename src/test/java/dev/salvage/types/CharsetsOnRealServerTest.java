package dev.salvage.types;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every byte of every single-byte character set, decoded by {@link MysqlCharset} and by MariaDB 10.11
 * ({@code CONVERT(... USING utf32)}, the conversion {@code SELECT} applies for a utf8mb4 client): the texts must be
 * equal. Covers the JDK-backed tables, MySQL's latin1 and the six tables the JDK lacks.
 */
@RealServer
class CharsetsOnRealServerTest {

    @Test
    void everyByteOfEverySingleByteCharsetMatchesTheServer() throws Exception {
        List<MysqlCharset> singleByte = MysqlCharset.all().values().stream()
                .filter(cs -> cs.maxBytesPerChar() == 1 && !cs.isBinary()).toList();
        Map<String, String> truth = new LinkedHashMap<>();
        for (MysqlCharset cs : singleByte) {
            truth.put(cs.name(), "SELECT seq, HEX(CONVERT(CONVERT(UNHEX(LPAD(HEX(seq), 2, '0')) USING " + cs.name()
                    + ") USING utf32)) FROM charsets.seq_0_to_255 ORDER BY seq");
        }
        GeneratedDatadir dd = Datadirs.get(ServerKind.MARIADB_10_11, "CREATE DATABASE charsets", truth);

        SoftAssertions softly = new SoftAssertions();
        for (MysqlCharset cs : singleByte) {
            List<List<String>> rows = dd.truth(cs.name()).rows();
            softly.assertThat(rows).as(cs.name()).hasSize(256);
            for (List<String> row : rows) {
                int b = Integer.parseInt(row.get(0));
                String server = new String(java.util.HexFormat.of().parseHex(row.get(1)),
                        java.nio.charset.Charset.forName("UTF-32BE"));
                Decoded ours = StringCodec.decode(new byte[] {(byte) b}, 0, 1, cs);
                softly.assertThat(ours.text()).as("%s byte 0x%02X (server U+%s)", cs.name(), b, row.get(1))
                        .isEqualTo(server);
            }
        }
        softly.assertAll();
    }
}
