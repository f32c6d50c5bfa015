package dev.salvage.cli;

import dev.salvage.io.UnreadableInputException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The {@code salvage} command: a thin dispatcher over one class per subcommand. */
@Command(name = "salvage",
        mixinStandardHelpOptions = true,
        versionProvider = SalvageCommand.Version.class,
        description = "Checks, salvages and recovers MySQL and MariaDB data straight from the storage files.%n"
                + "Inputs are only ever opened read-only.",
        footer = {"", "Exit status: 0 clean, 1 problems found, 2 usage error, 3 unreadable input."},
        subcommands = {
                PagesCommand.class,
                CarveCommand.class,
                RowsCommand.class,
                CheckCommand.class,
                MyisamCommand.class,
                SchemaCommand.class,
                AutoComplete.GenerateCompletion.class
        })
public final class SalvageCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs salvage with these arguments and returns the exit status (for tests and embedding). */
    public static int execute(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command tree. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SalvageCommand());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return withHandlers(cl);
    }

    /**
     * The command tree a run with {@code args} needs. picocli builds the model of every subcommand by
     * reflection before it parses anything, which costs about 0.1 s of every run (a third of a small
     * {@code salvage pages}); when the first argument names a subcommand, only that one is built, under
     * a root of the same name, so help, messages and exit codes are those of the whole tree. Anything
     * else (no arguments, options of salvage itself, generate-completion) gets the whole tree.
     */
    static CommandLine newCommandLine(String[] args) {
        Class<?> only = args.length == 0 ? null : subcommandNamed(args[0]);
        if (only == null) {
            return newCommandLine();
        }
        CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name("salvage"));
        try {
            root.addSubcommand(args[0], new CommandLine(CommandLine.defaultFactory().create(only)));
        } catch (Exception e) {
            return newCommandLine();
        }
        return withHandlers(root);
    }

    /** The subcommand class listed in {@link SalvageCommand}'s annotation under this name, or null. */
    private static Class<?> subcommandNamed(String name) {
        for (Class<?> c : SalvageCommand.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(name) && c != AutoComplete.GenerateCompletion.class) {
                return c;
            }
        }
        return null;
    }

    /** Handlers go on after the subcommands: picocli hands them only to subcommands already added. */
    private static CommandLine withHandlers(CommandLine cl) {
        cl.setExecutionExceptionHandler(SalvageCommand::handleFailure);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("salvage: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE;
        });
        return cl;
    }

    /** An input we cannot read is one line and status 3; anything else is a bug, reported in full. */
    private static int handleFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof UnreadableInputException || ex instanceof NoSuchFileException
                || ex instanceof AccessDeniedException) {
            err.println("salvage: " + ex.getMessage());
            err.flush();
            return ExitCode.UNREADABLE;
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException exists) {
            // Salvage never writes over a file it did not just create: the user must say so.
            err.println("salvage: " + exists.getFile() + " already exists; choose another --out or add --force");
            err.flush();
            return ExitCode.USAGE;
        }
        if (ex instanceof UsageException) {
            err.println("salvage: " + ex.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        err.println("salvage: internal error, please report it: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCode.UNREADABLE;
    }

    /** Thrown by commands when option values conflict in ways picocli cannot see. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SalvageCommand.class.getPackage().getImplementationVersion();
            return new String[] {"salvage " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
