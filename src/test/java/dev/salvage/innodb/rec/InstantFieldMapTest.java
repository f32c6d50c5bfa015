package dev.salvage.innodb.rec;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The MariaDB metadata BLOB's field map: kept columns, dropped ones of each storage kind, damaged bytes. */
class InstantFieldMapTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void keptAndDroppedFields() {
        // 5 fields: column 3; dropped NOT NULL INT (1 + 4); column 1; dropped nullable big varchar; dropped short varchar
        InstantFieldMap map = InstantFieldMap.parse(hex("00000005 0003 C005 0001 8001 8000"), 4);
        assertThat(map).isNotNull();
        assertThat(map.fields()).containsExactly(
                new InstantFieldMap.Field(3, true, 0, false),
                new InstantFieldMap.Field(-1, false, 4, false),
                new InstantFieldMap.Field(1, true, 0, false),
                new InstantFieldMap.Field(-1, true, 0, true),
                new InstantFieldMap.Field(-1, true, 0, false));
        assertThat(map.fields().get(1).dropped()).isTrue();
    }

    @Test
    void impossibleMapsAreRejected() {
        assertThat(InstantFieldMap.parse(null, 4)).isNull();
        assertThat(InstantFieldMap.parse(hex("0000"), 4)).isNull();
        assertThat(InstantFieldMap.parse(hex("00000000"), 4)).isNull(); // no fields
        assertThat(InstantFieldMap.parse(hex("00000002 0001"), 4)).isNull(); // short
        assertThat(InstantFieldMap.parse(hex("00000001 0004"), 4)).isNull(); // column 4 of 4
        assertThat(InstantFieldMap.parse(hex("00000001 4001"), 4)).isNull(); // NOT NULL on a kept column
        assertThat(InstantFieldMap.parse(hex("00000001 83FF"), 4)).isNull(); // fixed length above 768
        assertThat(InstantFieldMap.parse(hex("FFFFFFFF 0001"), 4)).isNull(); // absurd count, nothing allocated
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 10000; i++) {
            byte[] b = new byte[random.nextInt(24)];
            random.nextBytes(b);
            if (b.length >= 4 && random.nextBoolean()) {
                b[0] = 0;
                b[1] = 0;
                b[2] = 0;
                b[3] = (byte) random.nextInt(12);
            }
            InstantFieldMap map = InstantFieldMap.parse(b, 1 + random.nextInt(10));
            assertThat(map == null || map.fields().size() * 2 + 4 <= b.length).isTrue();
        }
    }
}
