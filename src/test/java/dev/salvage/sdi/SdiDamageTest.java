package dev.salvage.sdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.cli.CliRun;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Damaged SDI pages give findings, never an exception; the undamaged parts are still described. */
@RealServer
class SdiDamageTest {

    private static final int PAGE = 16384;
    private static final int SDI_PAGE = 3;

    @Test
    void damagedCompressedJsonIsAFindingAndTheCommandSaysProblems(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        byte[] bytes = Files.readAllBytes(file);
        int zlib = indexOfZlib(bytes, SDI_PAGE * PAGE);
        for (int i = 20; i < 60; i++) {
            bytes[zlib + i] ^= (byte) 0x5a; // inside the table object's deflate stream
        }
        Files.write(file, bytes);

        SdiFile sdi = SdiFile.read(file);
        assertThat(sdi.findings()).extracting(SdiFinding::code).contains("SDI_DATA_UNREADABLE");
        assertThat(sdi.tables()).isEmpty();
        assertThat(sdi.records()).extracting(SdiRecord::type).containsExactly(SdiRecord.TYPE_TABLESPACE);

        CliRun run = CliRun.of("schema", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("SDI_DATA_UNREADABLE");
        assertThat(run.err()).doesNotContain("internal error");
    }

    @Test
    void aLostSdiPageIsSaid(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        byte[] bytes = Files.readAllBytes(file);
        java.util.Arrays.fill(bytes, SDI_PAGE * PAGE, (SDI_PAGE + 1) * PAGE, (byte) 0);
        Files.write(file, bytes);

        assertThat(SdiFile.read(file).findings()).extracting(SdiFinding::code).containsExactly("SDI_NOT_FOUND");
        assertThat(CliRun.of("schema", file.toString()).status()).isEqualTo(1);
    }

    @Test
    void anUnreadableFileInADataDirectoryDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Path db = Files.createDirectories(dir.resolve("datadir/s"));
        SdiFixtures.datadir().copyFileTo("s/types.ibd", db);
        Files.write(db.resolve("broken.ibd"), new byte[100]);

        CliRun run = CliRun.of("schema", dir.resolve("datadir").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("broken.ibd: ERROR SDI_NOT_FOUND").contains("CREATE TABLE `types`");

        CliRun single = CliRun.of("schema", db.resolve("broken.ibd").toString());
        assertThat(single.status()).isEqualTo(1);
        assertThat(single.out()).contains("SDI_NOT_FOUND");
    }

    /**
     * Random damage anywhere in the SDI page, plain (16K) and ROW_FORMAT=COMPRESSED (8K, decompressed first):
     * every outcome is a result, never an exception.
     */
    @ParameterizedTest
    @CsvSource({"types, 16384", "zip, 8192"})
    void randomDamageNeverThrows(String table, int pageSize, @TempDir Path dir) throws Exception {
        Path file = SdiFixtures.datadir().copyFileTo("s/" + table + ".ibd", dir);
        byte[] original = Files.readAllBytes(file);
        assertThat(SdiFile.read(file).tables()).hasSize(1);
        Random random = new Random(4);
        int damaged = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(16);
            for (int i = 0; i < flips; i++) {
                bytes[SDI_PAGE * pageSize + random.nextInt(pageSize)] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            SdiFile sdi = SdiFile.read(file);
            damaged += sdi.findings().isEmpty() ? 0 : 1;
            for (SdiTable found : sdi.tables()) {
                assertThat(dev.salvage.schema.DdlWriter.write(found.table())).startsWith("CREATE TABLE");
            }
        }
        assertThat(damaged).isPositive();
    }

    private static Path copy(Path dir) throws Exception {
        GeneratedDatadir datadir = SdiFixtures.datadir();
        return datadir.copyFileTo("s/types.ibd", dir);
    }

    private static int indexOfZlib(byte[] bytes, int from) {
        for (int i = from; i < from + PAGE - 1; i++) {
            if (bytes[i] == 0x78 && bytes[i + 1] == (byte) 0x9c) {
                // the first record on the page is the tablespace object (id order); skip to the table's
                if (bytes.length > 0 && isTableStream(bytes, i)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no zlib stream on the SDI page");
    }

    private static boolean isTableStream(byte[] bytes, int at) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(bytes, at, Math.min(PAGE, bytes.length - at));
            byte[] out = new byte[4096];
            int n = inflater.inflate(out);
            return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8).contains("\"dd_object_type\":\"Table\"");
        } catch (java.util.zip.DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }
}
