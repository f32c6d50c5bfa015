package dev.salvage.recover;

import dev.salvage.harness.Datadirs;
import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.out.OutputFormat;
import dev.salvage.out.RowLayout;
import dev.salvage.out.RowSink;
import dev.salvage.out.SinkOptions;
import dev.salvage.out.SinkResult;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct TSV path ({@link TableRecovery#runTsv}, {@link TsvRowWriter}) against the general one (rows as
 * values, formatted by the TSV sink), which the round-trip tests prove value by value against the servers: on
 * real servers' files — the mixed-type tables of {@link RowsOnRealServersTest} (every type, NULLs, off-page TEXT,
 * extreme values) in each row format on each server, and the sakila-like tables — and on copies of them with
 * damaged leaf pages, both paths must write the same bytes and the same accounting, findings included.
 */
@RealServer
class TsvDirectPathTest {

    private static final Map<ServerKind, GeneratedDatadir> MIX = new ConcurrentHashMap<>();

    static Stream<Arguments> mixCases() {
        List<Arguments> all = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String format : RowsOnRealServersTest.FORMATS) {
                all.add(Arguments.of(kind, format));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> sakilaCases() {
        List<Arguments> all = new ArrayList<>();
        for (SakilaSchema.Setup setup : List.of(SakilaSchema.MARIADB, SakilaSchema.MYSQL_80)) {
            for (String stem : SakilaSchema.TABLES) {
                all.add(Arguments.of(setup, stem));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mixCases")
    void mixedTypesSameBytes(ServerKind kind, String format, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = mix(kind);
        TableDef table = ServerRoundTrip.parse(kind, dd.truth("ddl_" + format).column("Create Table").get(0));
        Path file = dd.file("mix/t_" + format + ".ibd");
        Written direct = write(table, kind, file, true, temp.resolve("direct"));
        Written general = write(table, kind, file, false, temp.resolve("general"));
        assertThat(direct.result().rowsWritten()).isEqualTo(1002);
        assertSame(direct, general);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sakilaCases")
    void sakilaSameBytes(SakilaSchema.Setup setup, String stem, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = SakilaSchema.datadir(setup);
        String name = SakilaSchema.table(stem, "dynamic");
        TableDef table = ServerRoundTrip.parse(setup.kind(), dd.truth("ddl_" + name).column("Create Table").get(0));
        Path file = dd.file("sk/" + name + ".ibd");
        Written direct = write(table, setup.kind(), file, true, temp.resolve("direct"));
        Written general = write(table, setup.kind(), file, false, temp.resolve("general"));
        assertThat(direct.result().rowsWritten()).isEqualTo(dd.truth("rows_" + name).rows().size());
        assertSame(direct, general);
    }

    /**
     * Damaged pages: records rejected halfway through a line, the scan for records past a broken list (whose
     * lines are taken back when a candidate is dropped), values that stop decoding.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mixCases")
    void damagedPagesSameBytes(ServerKind kind, String format, @TempDir Path temp) throws Exception {
        GeneratedDatadir dd = mix(kind);
        TableDef table = ServerRoundTrip.parse(kind, dd.truth("ddl_" + format).column("Create Table").get(0));
        byte[] bytes = Files.readAllBytes(dd.file("mix/t_" + format + ".ibd"));
        int pageSize = 16384;
        Random random = new Random(format.hashCode() * 31L + kind.ordinal());
        int damagedPages = 0;
        int leaves = 0;
        for (int page = 3; page < bytes.length / pageSize; page++) {
            int base = page * pageSize;
            // Leaf pages of any index (FIL_PAGE_INDEX, PAGE_LEVEL 0); each one gets a different kind of damage.
            if ((bytes[base + 24] & 0xFF) != 0x45 || bytes[base + 25] != (byte) 0xBF
                    || bytes[base + 64] != 0 || bytes[base + 65] != 0) {
                continue;
            }
            // The first leaves stay whole (the index chooser samples them), then every other one is damaged.
            if (++leaves <= 4 || leaves % 2 == 0) {
                continue;
            }
            damagedPages++;
            switch (leaves / 2 % 3) {
                case 0 -> { // scattered bytes in the record heap: values and headers go bad
                    for (int i = 0; i < 40; i++) {
                        bytes[base + 120 + random.nextInt(pageSize - 200)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> { // a run of zeros in the middle of the heap: the list breaks, the scan takes over
                    int from = base + 120 + random.nextInt(pageSize / 2);
                    java.util.Arrays.fill(bytes, from, from + 300, (byte) 0);
                }
                default -> { // the infimum's next pointer bent: the list is lost from the start
                    bytes[base + 98] ^= 0x10;
                }
            }
        }
        assertThat(damagedPages).isPositive();
        Path copy = temp.resolve("t_" + format + ".ibd");
        Files.write(copy, bytes);
        Written direct = write(table, kind, copy, true, temp.resolve("direct"));
        Written general = write(table, kind, copy, false, temp.resolve("general"));
        assertThat(direct.result().problemPages()).isNotEmpty();
        assertThat(direct.result().rowsWritten()).isPositive();
        assertThat(direct.result().rejected() + direct.result().foundByScan()).as("rejections and scans exercised")
                .isPositive();
        assertSame(direct, general);
    }

    private static GeneratedDatadir mix(ServerKind kind) {
        return MIX.computeIfAbsent(kind, k -> {
            try {
                return Datadirs.get(k, RowsOnRealServersTest.setupSql(), RowsOnRealServersTest.truthQueries());
            } catch (IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertSame(Written direct, Written general) {
        assertThat(direct.result()).isEqualTo(general.result());
        assertThat(direct.sunk().rows()).isEqualTo(general.sunk().rows());
        assertThat(direct.sunk().damagedValues()).isEqualTo(general.sunk().damagedValues());
        assertThat(direct.sunk().lossyValues()).isEqualTo(general.sunk().lossyValues());
        // As text for a readable difference; the files are compared byte for byte below.
        assertThat(new String(direct.tsv(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(general.tsv(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(direct.tsv()).isEqualTo(general.tsv());
    }

    private record Written(RecoveryResult result, SinkResult sunk, byte[] tsv) {
    }

    private static Written write(TableDef table, ServerKind kind, Path file, boolean direct, Path dir)
            throws IOException {
        ServerDialect dialect = ServerRoundTrip.dialect(kind);
        RecoveryOptions options = RecoveryOptions.defaults().withDialect(dialect).withThreads(2);
        RecoveryResult result;
        SinkResult sunk;
        try (RecoveryInput input = RecoveryInput.tablespace(List.of(file));
                RowSink sink = OutputFormat.TSV.open(dir, RowLayout.of(table), SinkOptions.defaults())) {
            TableRecovery recovery = new TableRecovery(table, options);
            result = direct ? recovery.runTsv(input, sink.tsvFields(), sink::writePrepared)
                    : recovery.run(input, batch -> sink.prepare(batch.stream().map(RecoveredRow::values).toList()),
                    sink::writePrepared);
            sunk = sink.finish();
        }
        return new Written(result, sunk, Files.readAllBytes(sunk.files().get(0)));
    }
}
