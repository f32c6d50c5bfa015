package dev.salvage.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * A byte-counting progress bar with rate and ETA on stderr, shown only when a person is watching
 * (a console is attached) and not turned off with --no-progress.
 */
final class Progress implements AutoCloseable, LongConsumer {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long totalBytes, boolean wanted) {
        if (!wanted || System.console() == null || totalBytes <= 0) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                .build();
        return new Progress(bar);
    }

    /** Sets the number of bytes done so far. */
    @Override
    public void accept(long bytesDone) {
        if (bar != null) {
            bar.stepTo(bytesDone);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
