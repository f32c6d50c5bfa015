package dev.salvage.frm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged .frm files never make the reader throw or fall into its last-resort catch (finding FRM_INTERNAL):
 * truncated at every length step, bytes overwritten at random, and garbage. A file cut inside its
 * definition says so with an ERROR finding and still yields the columns before the cut.
 */
@RealServer
class FrmReaderDamageTest {

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void truncatedAndOverwrittenFilesNeverThrow(ServerKind kind) throws Exception {
        GeneratedDatadir datadir = FrmFixtures.datadir(kind);
        Random random = new Random(42);
        for (String table : FrmFixtures.tables(kind)) {
            byte[] sound = Files.readAllBytes(datadir.file("frm/" + table + ".frm"));
            for (int length = 0; length < sound.length; length += 1 + length / 16) {
                FrmResult result = readWithoutSafetyNet(Arrays.copyOf(sound, length), table + " cut at " + length);
                assertThat(result.complete()).as("%s cut at %d of %d reported as complete", table, length,
                        sound.length).isFalse();
            }
            for (int round = 0; round < 300; round++) {
                byte[] damaged = sound.clone();
                int bytes = 1 + random.nextInt(8);
                for (int i = 0; i < bytes; i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                readWithoutSafetyNet(damaged, table + " overwritten, round " + round);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_10_11", "MYSQL_5_7"})
    void aFileCutInsideItsNamesKeepsTheColumnsBeforeTheCut(ServerKind kind) throws Exception {
        GeneratedDatadir datadir = FrmFixtures.datadir(kind);
        byte[] sound = Files.readAllBytes(datadir.file("frm/ints.frm"));
        FrmResult whole = FrmReader.read(sound, "ints");
        // Cut just after the name of the third column: the names block holds "\xFFid\xFFt\xFFtu\xFF...".
        int namesAt = indexOf(sound, new byte[] {(byte) 0xFF, 'i', 'd', (byte) 0xFF, 't', (byte) 0xFF});
        assertThat(namesAt).isPositive();
        FrmResult cut = FrmReader.read(Arrays.copyOf(sound, namesAt + 9), "ints");

        assertThat(cut.complete()).isFalse();
        assertThat(cut.findings()).extracting(FrmFinding::code).contains("FRM_NAMES_MISSING");
        assertThat(cut.table().columns()).hasSize(whole.table().columns().size());
        assertThat(cut.table().columns().subList(0, 3)).extracting(c -> c.name())
                .containsExactly("id", "t", "tu");
        assertThat(cut.table().columns().subList(0, 3)).extracting(c -> c.type())
                .isEqualTo(whole.table().columns().subList(0, 3).stream().map(c -> c.type()).toList());
    }

    @Test
    void garbageAndEmptyInputAreReportedNotThrown() {
        assertThat(FrmReader.read(new byte[0]).findings()).extracting(FrmFinding::code).containsExactly("FRM_NOT_FRM");
        assertThat(FrmReader.read("TYPE=VIEW\nquery=select 1".getBytes()).findings()).extracting(FrmFinding::code)
                .containsExactly("FRM_IS_VIEW");
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] garbage = new byte[random.nextInt(12000)];
            random.nextBytes(garbage);
            if (garbage.length > 2) {
                garbage[0] = (byte) 0xFE;
                garbage[1] = 0x01;
            }
            readWithoutSafetyNet(garbage, "garbage round " + round);
        }
    }

    private static FrmResult readWithoutSafetyNet(byte[] bytes, String what) {
        FrmResult result = FrmReader.read(bytes, "t");
        assertThat(result.findings()).as(what).noneMatch(f -> f.code().equals("FRM_INTERNAL"));
        return result;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
