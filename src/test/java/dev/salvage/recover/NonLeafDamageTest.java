package dev.salvage.recover;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.recover.SakilaSchema.Setup;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage on copies: every non-leaf page of the clustered index overwritten with random bytes → every row still
 * comes back, exact, from the leaves (salvage reads leaves by scanning pages, never by descending the tree).
 */
@RealServer
class NonLeafDamageTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Setup setup : List.of(SakilaSchema.MARIADB, SakilaSchema.MYSQL_57, SakilaSchema.MYSQL_80,
                SakilaSchema.MARIADB_4K)) {
            for (String format : SakilaSchema.FORMATS) {
                for (String stem : List.of("payment", "film", "composite_pk")) {
                    all.add(Arguments.of(setup, format, stem));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void destroyedNonLeafPagesLoseNoRow(Setup setup, String format, String stem, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = SakilaSchema.datadir(setup);
        String name = SakilaSchema.table(stem, format);
        TableDef table = ServerRoundTrip.parse(setup.kind(), dd.truth("ddl_" + name).column("Create Table").get(0));
        Path copy = dd.copyFileTo("sk/" + name + ".ibd", temp);
        long indexId = ServerRoundTrip.recover(table, setup.kind(), List.of(copy), DeletedMode.NONE, 1).result()
                .indexId();

        int pageSize = setup.options().effectivePageSize();
        byte[] file = Files.readAllBytes(copy);
        Random random = new Random(name.hashCode());
        List<Integer> destroyed = new ArrayList<>();
        for (int p = 0; p < file.length / pageSize; p++) {
            int at = p * pageSize;
            byte[] page = java.util.Arrays.copyOfRange(file, at, at + pageSize);
            IndexPageHeader header = IndexPageHeader.read(page, 0);
            if (Mach.read2(page, Fil.PAGE_TYPE) == PageType.INDEX && header != null && header.indexId() == indexId
                    && header.level() > 0) {
                byte[] noise = new byte[pageSize];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, file, at, pageSize);
                destroyed.add(p);
            }
        }
        assertThat(destroyed).as("the clustered index has a non-leaf level").isNotEmpty();
        Files.write(copy, file);

        ServerRoundTrip.Recovered got = ServerRoundTrip.recover(table, setup.kind(), List.of(copy), DeletedMode.NONE,
                2);
        assertThat(got.result().indexId()).isEqualTo(indexId);
        assertThat(got.result().lost()).isZero();
        assertThat(got.result().rejected()).isZero();
        assertThat(got.result().missingPages()).isEmpty();
        ServerRoundTrip.assertSameRows(got.strings(), dd.truth("rows_" + name), setup + " " + name
                + " without pages " + destroyed);
    }
}
