package dev.salvage.myisam;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.ServerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Random damage to real .MYD files: {@code rows} never throws, and never gives more rows than the file held. */
class MyisamRowsMutationTest {

    @Test
    void randomDamageNeverThrows(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamRowsOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        Random random = new Random(20261121);
        int lossy = 0;
        for (int round = 0; round < 40; round++) {
            String table = round % 2 == 0 ? "fx" : "dy";
            Path dir = tmp.resolve("r" + round);
            Files.createDirectories(dir);
            Files.copy(dd.file("r/" + table + ".frm"), dir.resolve(table + ".frm"));
            Files.copy(dd.file("r/" + table + ".MYI"), dir.resolve(table + ".MYI"));
            byte[] myd = Files.readAllBytes(dd.file("r/" + table + ".MYD"));
            int flips = 1 + random.nextInt(30);
            for (int i = 0; i < flips; i++) {
                myd[random.nextInt(myd.length)] = (byte) random.nextInt(256);
            }
            Files.write(dir.resolve(table + ".MYD"), myd);
            long[] rows = {0};
            MyisamRowsResult[] result = new MyisamRowsResult[1];
            assertThatCode(() -> {
                try (MyisamSource source = MyisamSource.open(MyisamTable.resolve(dir.resolve(table)).get(0), null,
                        null)) {
                    result[0] = source.read(true, (values, deleted, position) -> rows[0]++);
                }
            }).as("round " + round).doesNotThrowAnyException();
            // A flipped delete flag can bring back one of the 3 deleted FIXED records, no more.
            assertThat(result[0].rows()).isLessThanOrEqualTo(dd.truth(table).rows().size() + 3);
            lossy += result[0].lostAnything() ? 1 : 0;
        }
        // FIXED records have no structure to break and many flips land in values: only some runs can notice.
        assertThat(lossy).isGreaterThan(5);
    }
}
