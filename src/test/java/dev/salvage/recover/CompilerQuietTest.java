package dev.salvage.recover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompilerQuietTest {

    private long nanos;
    private long compileMillis;

    private CompilerQuiet quiet() {
        return new CompilerQuiet(() -> compileMillis, () -> nanos);
    }

    @Test
    void aBusyCompilerIsNotQuietUntilAStretchPassesWithLittleCompiling() {
        CompilerQuiet compiler = quiet();
        nanos += 40_000_000;
        compileMillis += 20; // half the stretch compiling
        assertThat(compiler.quiet()).isFalse();
        nanos += 40_000_000;
        compileMillis += 4; // a tenth
        assertThat(compiler.quiet()).isTrue();
    }

    @Test
    void aStretchShorterThanTheWindowIsNotJudged() {
        CompilerQuiet compiler = quiet();
        nanos += CompilerQuiet.WINDOW_NANOS - 1;
        assertThat(compiler.quiet()).isFalse();
        // The short look did not restart the stretch: the compiling before it still counts.
        compileMillis += 10;
        nanos += 2;
        assertThat(compiler.quiet()).isFalse();
        nanos += 100_000_000;
        assertThat(compiler.quiet()).isTrue();
    }

    @Test
    void withoutCompileTimesEveryWorkerStartsAtOnce() {
        assertThat(new CompilerQuiet(null, () -> nanos).quiet()).isTrue();
    }
}
