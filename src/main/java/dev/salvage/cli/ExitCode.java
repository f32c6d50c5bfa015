package dev.salvage.cli;

/** The exit statuses every salvage command uses. */
public final class ExitCode {
    private ExitCode() {}

    /** Everything examined is sound. */
    public static final int CLEAN = 0;
    /** The run completed and found problems (bad pages, lost rows, inconsistent structures). */
    public static final int PROBLEMS = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** An input could not be read at all (missing, a directory, permission denied, not InnoDB). */
    public static final int UNREADABLE = 3;
}
