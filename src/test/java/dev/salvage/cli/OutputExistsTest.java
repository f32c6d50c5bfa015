package dev.salvage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An output that exists is a usage error with one clear line; --force overwrites it. */
class OutputExistsTest {

    @Test
    void rowsRefusesToOverwriteWithoutForce(@TempDir Path out) {
        String[] args = {"rows", "--ddl", "examples/mariadb-10.11/shop/schema.sql", "--out", out.toString(),
                "examples/mariadb-10.11/shop/customers.ibd"};
        assertThat(CliRun.of(args).status()).isEqualTo(ExitCode.CLEAN);
        CliRun again = CliRun.of(args);
        assertThat(again.status()).isEqualTo(ExitCode.USAGE);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).contains("already exists").contains("--force").doesNotContain("Exception");
        String[] forced = {"rows", "--force", "--ddl", "examples/mariadb-10.11/shop/schema.sql", "--out",
                out.toString(), "examples/mariadb-10.11/shop/customers.ibd"};
        assertThat(CliRun.of(forced).status()).isEqualTo(ExitCode.CLEAN);
    }
}
