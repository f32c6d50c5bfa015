package dev.salvage.recover;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.recover.SakilaSchema.Setup;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the sakila-like tables, the key shapes (composite PRIMARY KEY, no key → DB_ROW_ID, first UNIQUE
 * NOT NULL key) and every partition of a partitioned table, recovered exactly — value by value against SELECT —
 * on MariaDB 10.11 (16k, 4k and 64k pages), MySQL 5.7 and MySQL 8.0, in REDUNDANT, COMPACT and DYNAMIC.
 */
@RealServer
class SakilaRoundTripTest {

    static Stream<Arguments> tables() {
        List<Arguments> all = new ArrayList<>();
        for (Setup setup : SakilaSchema.SETUPS) {
            for (String format : SakilaSchema.FORMATS) {
                for (String stem : SakilaSchema.TABLES) {
                    all.add(Arguments.of(setup, format, stem));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> partitioned() {
        List<Arguments> all = new ArrayList<>();
        for (Setup setup : SakilaSchema.SETUPS) {
            for (String format : SakilaSchema.FORMATS) {
                all.add(Arguments.of(setup, format));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("tables")
    void everyRowExact(Setup setup, String format, String stem) throws Exception {
        GeneratedDatadir dd = SakilaSchema.datadir(setup);
        String name = SakilaSchema.table(stem, format);
        TableDef table = ServerRoundTrip.parse(setup.kind(), dd.truth("ddl_" + name).column("Create Table").get(0));
        ServerRoundTrip.Recovered got = ServerRoundTrip.recover(table, setup.kind(),
                List.of(dd.file("sk/" + name + ".ibd")), DeletedMode.NONE, 2);
        RecoveryResult result = got.result();
        assertThat(result.complete()).as("%s %s %s", result.indexChoice(), result.problemPages(), result.findings())
                .isTrue();
        ServerRoundTrip.assertSameRows(got.strings(), dd.truth("rows_" + name), setup + " " + name);
        assertThat(result.expected()).isEqualTo(result.rowsWritten());
        System.out.printf("[rows] %s %s: %d rows, %d leaf pages, index %d (%s)%n", setup, name, result.rowsWritten(),
                result.leafPages(), result.indexId(), result.indexChoice());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("partitioned")
    void everyPartitionExact(Setup setup, String format) throws Exception {
        GeneratedDatadir dd = SakilaSchema.datadir(setup);
        String name = SakilaSchema.table(SakilaSchema.PARTITIONED, format);
        TableDef table = ServerRoundTrip.parse(setup.kind(), dd.truth("ddl_" + name).column("Create Table").get(0));
        long total = 0;
        for (String partition : SakilaSchema.PARTITIONS) {
            Path file = ServerRoundTrip.partitionFile(dd.file("sk"), name, partition);
            ServerRoundTrip.Recovered got = ServerRoundTrip.recover(table, setup.kind(), List.of(file),
                    DeletedMode.NONE, 2);
            assertThat(got.result().complete()).as("%s %s", file, got.result().findings()).isTrue();
            var truth = dd.truth("rows_" + name + "_" + partition);
            assertThat(truth.rows()).as("the partition holds rows").isNotEmpty();
            ServerRoundTrip.assertSameRows(got.strings(), truth, setup + " " + file.getFileName());
            total += got.rows().size();
        }
        assertThat(total).isEqualTo(3000);
    }
}
