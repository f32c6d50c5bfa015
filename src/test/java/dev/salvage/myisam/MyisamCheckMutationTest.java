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

/** Random damage to real .MYI/.MYD files: check reports, never throws, always finishes. */
class MyisamCheckMutationTest {

    @Test
    void randomDamageNeverThrows(@TempDir Path tmp) throws Exception {
        GeneratedDatadir dd = MyisamCheckOnRealServersTest.datadir(ServerKind.MARIADB_10_11);
        Random random = new Random(20261121);
        int problems = 0;
        for (int round = 0; round < 60; round++) {
            String table = round % 2 == 0 ? "fx" : "dy";
            Path dir = tmp.resolve("r" + round);
            byte[] myi = Files.readAllBytes(dd.file("m/" + table + ".MYI"));
            byte[] myd = Files.readAllBytes(dd.file("m/" + table + ".MYD"));
            byte[] target = random.nextBoolean() ? myi : myd;
            int flips = 1 + random.nextInt(20);
            // Headers matter most, so half of the damage lands in the first 512 bytes.
            for (int i = 0; i < flips; i++) {
                int bound = random.nextBoolean() ? Math.min(512, target.length) : target.length;
                target[random.nextInt(bound)] = (byte) random.nextInt(256);
            }
            Files.createDirectories(dir);
            Files.write(dir.resolve(table + ".MYI"), myi);
            Files.write(dir.resolve(table + ".MYD"), myd);
            CheckResult[] result = new CheckResult[1];
            assertThatCode(() -> result[0] = MyisamCheck.check(MyisamTable.resolve(dir.resolve(table)).get(0)))
                    .as("round " + round).doesNotThrowAnyException();
            problems += result[0].ok() ? 0 : 1;
        }
        // Most random damage must be noticed (a flip in unused padding may not be).
        assertThat(problems).isGreaterThan(30);
    }
}
