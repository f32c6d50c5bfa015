package dev.salvage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code salvage SUBCOMMAND …} builds only that subcommand's model (start-up time); help, usage errors
 * and exit codes must be exactly those of the whole command tree.
 */
class LazyCommandTreeTest {

    private record Run(int status, String out, String err) {}

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static List<String> subcommands() {
        List<String> names = new ArrayList<>(SalvageCommand.newCommandLine().getSubcommands().keySet());
        names.remove("generate-completion");
        return names;
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        for (String name : subcommands()) {
            CommandLine lazy = SalvageCommand.newCommandLine(new String[] {name, "--help"});
            assertThat(lazy.getSubcommands().keySet()).as(name).containsExactly(name);
        }
        assertThat(SalvageCommand.newCommandLine(new String[] {"--version"}).getSubcommands())
                .as("salvage's own options get the whole tree").containsKey("pages").containsKey("generate-completion");
        assertThat(SalvageCommand.newCommandLine(new String[] {"generate-completion"}).getSubcommands()).hasSizeGreaterThan(2);
        assertThat(SalvageCommand.newCommandLine(new String[0]).getSubcommands()).hasSizeGreaterThan(2);
    }

    @Test
    void helpAndUsageErrorsAreThoseOfTheWholeTree() {
        assertThat(subcommands()).contains("pages", "carve", "rows", "schema", "myisam");
        for (String name : subcommands()) {
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"},
                    new String[] {name})) {
                Run whole = run(SalvageCommand.newCommandLine(), args);
                Run lazy = run(SalvageCommand.newCommandLine(args), args);
                assertThat(lazy).as(String.join(" ", args)).isEqualTo(whole);
            }
        }
        Run usage = run(SalvageCommand.newCommandLine(new String[] {"pages", "--bogus"}), "pages", "--bogus");
        assertThat(usage.status()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.err()).contains("Try 'salvage pages --help'");
    }

    @Test
    void unreadableInputKeepsItsExitCode() {
        String[] args = {"pages", "/nonexistent/salvage-test.ibd"};
        Run lazy = run(SalvageCommand.newCommandLine(args), args);
        assertThat(lazy.status()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(lazy).isEqualTo(run(SalvageCommand.newCommandLine(), args));
    }
}
