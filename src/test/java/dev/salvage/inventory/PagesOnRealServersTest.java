package dev.salvage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.innodb.fsp.SpaceLayout;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code salvage pages} over every InnoDB file that MariaDB 10.11, MySQL 5.7 and MySQL 8.0 wrote. */
@RealServer
class PagesOnRealServersTest {

    @ParameterizedTest
    @EnumSource(InventoryFixtures.class)
    void everyPageOfEveryFileIsClassifiedAndVerified(InventoryFixtures fixture) throws Exception {
        GeneratedDatadir dd = fixture.datadir();
        List<List<Path>> spaces = InventoryFixtures.spaces(dd);
        assertThat(spaces.get(0)).as("system tablespace files").isNotEmpty();

        for (List<Path> files : spaces) {
            Scan scan = Scan.of(files);
            SpaceInventory inv = scan.inventory();
            assertThat(inv.layout().source()).as(scan.name()).isEqualTo(SpaceLayout.Source.PAGE0_FLAGS);
            assertThat(inv.truncated()).as(scan.name()).isFalse();
            assertThat(inv.badPageCount()).as(scan.describeBad()).isZero();
            assertThat(inv.sound()).as(scan.name()).isTrue();
            assertThat(scan.pages()).as(scan.name()).hasSize((int) inv.pageCount());
            for (PageInfo p : scan.pages()) {
                assertThat(p.type().isKnown()).as("%s page %d type %s", scan.name(), p.page(), p.type()).isTrue();
                if (!p.allZero()) {
                    assertThat(p.checksum().valid()).as("%s page %d", scan.name(), p.page()).isTrue();
                }
            }
            boolean compressed = inv.layout().pageSize().isCompressed();
            Set<String> expected = compressed ? fixture.zipAlgorithms : fixture.plainAlgorithms;
            assertThat(new TreeSet<>(inv.checksumAlgorithms().keySet())).as(scan.name())
                    .isSubsetOf(expected).isNotEmpty();
            assertThat(inv.layout().pageSize().logical()).as(scan.name()).isEqualTo(fixture.pageSize());
        }
    }
}
