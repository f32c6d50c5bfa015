package dev.salvage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** Damage the commands must not call clean: a cut file and an all-zero page 0 (on copies of the examples). */
class DamagedInputsCliTest {

    private static final Path SHOP = Path.of("examples/mariadb-10.11/shop");

    @Test
    void rowsFromACutFileAreIncompleteAndTheValuesAreMarked(@TempDir Path tmp) throws IOException {
        Path cut = Files.copy(SHOP.resolve("products.ibd"), tmp.resolve("products.ibd"));
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(4 * 16384 + 4464); // leaf page 3 whole, BLOB pages from 4 on gone
        }
        CliRun run = CliRun.of("rows", "--ddl", SHOP.resolve("schema.sql").toString(), "--out",
                tmp.resolve("out").toString(), cut.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out()).contains("INCOMPLETE").contains("truncated").contains("marked [salvage: damaged");
        assertThat(Files.readString(tmp.resolve("out/products.tsv"))).contains("[salvage: damaged: off-page value");
    }

    @Test
    void anAllZeroPageZeroIsNotSound(@TempDir Path tmp) throws IOException {
        Path f = Files.copy(SHOP.resolve("orders.ibd"), tmp.resolve("orders.ibd"));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(16384), 0);
        }
        CliRun run = CliRun.of("pages", "--no-progress", f.toString());
        assertThat(run.status()).isEqualTo(ExitCode.PROBLEMS);
        assertThat(run.out()).contains("page 0 (offset 0").contains("all-zero page");
    }
}
