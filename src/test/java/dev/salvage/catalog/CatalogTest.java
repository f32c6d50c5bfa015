package dev.salvage.catalog;

import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairing definitions with files, on the example data directory MariaDB 10.11 wrote (examples/mariadb-10.11). */
class CatalogTest {

    private static final Path DATADIR = Path.of("examples/mariadb-10.11");
    private static final Path SHOP = DATADIR.resolve("shop");

    @Test
    void aDataDirectoryGivesEveryTableWithItsFrmAndTheDictionarysIndexIds() throws Exception {
        Catalog catalog = Catalog.discover(List.of(DATADIR));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.tables()).extracting(CatalogTable::qualifiedName)
                .containsExactly("shop/customers", "shop/orders", "shop/products", "shop/reviews");
        // indexes.tsv: what the server's INNODB_SYS_INDEXES said about each table's PRIMARY index.
        Map<String, Long> primary = Map.of("customers", 23L, "orders", 25L, "products", 24L, "reviews", 27L);
        for (CatalogTable t : catalog.tables()) {
            assertThat(t.definitionSource()).isEqualTo("frm");
            assertThat(t.dialect()).isEqualTo(ServerDialect.MARIADB_10_11);
            assertThat(t.parts()).singleElement().satisfies(p -> {
                assertThat(p.files()).containsExactly(SHOP.resolve(t.name() + ".ibd"));
                assertThat(p.indexId()).isEqualTo(primary.get(t.name()));
                assertThat(p.indexFrom()).isEqualTo("dictionary");
            });
        }
    }

    @Test
    void anIbdGivenAloneBringsItsFrmAndAFrmItsIbd() throws Exception {
        Catalog fromIbd = Catalog.discover(List.of(SHOP.resolve("orders.ibd")));
        Catalog fromFrm = Catalog.discover(List.of(SHOP.resolve("orders.frm")));
        for (Catalog c : List.of(fromIbd, fromFrm)) {
            assertThat(c.problems()).isEmpty();
            assertThat(c.tables()).singleElement().satisfies(t -> {
                assertThat(t.qualifiedName()).isEqualTo("shop/orders");
                assertThat(t.definition().columns()).hasSize(6);
                // No ibdata1 given, so no dictionary: the recovery finds the clustered index by decoding.
                assertThat(t.parts()).singleElement().satisfies(p -> assertThat(p.indexId()).isNull());
            });
        }
    }

    @Test
    void anIbdWithoutAnyDefinitionIsAProblemNotATable(@TempDir Path dir) throws Exception {
        Path db = Files.createDirectories(dir.resolve("shop"));
        Files.copy(SHOP.resolve("orders.ibd"), db.resolve("orders.ibd"));
        Files.copy(SHOP.resolve("customers.ibd"), db.resolve("customers.ibd"));
        Files.copy(SHOP.resolve("customers.frm"), db.resolve("customers.frm"));
        Catalog catalog = Catalog.discover(List.of(db));
        assertThat(catalog.tables()).extracting(CatalogTable::name).containsExactly("customers");
        assertThat(catalog.problems()).singleElement().asString().contains("orders.ibd")
                .contains("no .frm next to it, no SDI in it and no entry in the InnoDB dictionary");
    }

    @Test
    void namesOnTheCommandLineAndOutputFolders() {
        TableDef def = new TableDef(null, "t-1", List.of(), List.of(), List.of(), null, null, null, null, null, null,
                null);
        CatalogTable live = new CatalogTable("db", def, ServerDialect.MARIADB_10_11, "frm", null, List.of(), false, 5,
                List.of());
        CatalogTable dropped = new CatalogTable("db", def, ServerDialect.MARIADB_10_11, "dictionary", null, List.of(),
                true, 7, List.of());
        assertThat(List.of("db/t-1", "DB/T-1", "db.t-1", "t-1")).allMatch(live::matches);
        assertThat(List.of("other/t-1", "db/t", "t", "db")).noneMatch(live::matches);
        assertThat(live.outputDir(Path.of("out"))).isEqualTo(Path.of("out/db"));
        assertThat(dropped.outputDir(Path.of("out"))).isEqualTo(Path.of("out/db/dropped-7"));
        assertThat(new CatalogTable("a/b", def, null, "sdi", null, List.of(), false, -1, List.of())
                .outputDir(Path.of("out"))).isEqualTo(Path.of("out/a@002fb"));
        assertThat(new CatalogTable("mysql", def, null, "frm", null, List.of(), false, -1, List.of()).system()).isTrue();
        assertThat(CatalogBuilder.normalise("Db/T@002d1")).isEqualTo("db/t-1");
    }
}
