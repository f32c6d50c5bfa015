package dev.salvage.recover;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Tells when the JIT compiler has (for now) finished with the hot paths, so that more workers are worth
 * starting. On a machine with few cores, workers started while the compiler is still busy take its core: the
 * code stays interpreted longer, and two cold workers finished a table later than one (bench/rows). The
 * compiler counts as quiet when, over a stretch of at least {@link #WINDOW_NANOS}, it spent less than
 * {@link #SHARE} of the wall time compiling. Without compile-time monitoring it always counts as quiet (every
 * worker starts at once).
 */
final class CompilerQuiet {

    /** Compile time, as a share of wall time, below which the compiler no longer holds a core. */
    static final double SHARE = 0.125;

    /** The shortest stretch of time judged. */
    static final long WINDOW_NANOS = 30_000_000;

    private final LongSupplier compileMillis;
    private final LongSupplier clock;
    private long lastCompileMillis;
    private long lastNanos;

    /** The running JVM's compiler. */
    CompilerQuiet() {
        this(jvmCompileMillis(), System::nanoTime);
    }

    /** {@code compileMillis} null: no compile-time figures, always quiet. */
    CompilerQuiet(LongSupplier compileMillis, LongSupplier clock) {
        this.compileMillis = compileMillis;
        this.clock = clock;
        lastCompileMillis = compileMillis == null ? 0 : compileMillis.getAsLong();
        lastNanos = clock.getAsLong();
    }

    private static LongSupplier jvmCompileMillis() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean::getTotalCompilationTime : null;
    }

    /**
     * True when the compiler spent under {@link #SHARE} of the time since the previous judgement compiling. A
     * look within {@link #WINDOW_NANOS} of that judgement says false and judges nothing: a short gap between two
     * compilations is no sign that they are over.
     */
    boolean quiet() {
        if (compileMillis == null) {
            return true;
        }
        long nanos = clock.getAsLong();
        if (nanos - lastNanos < WINDOW_NANOS) {
            return false;
        }
        long millis = compileMillis.getAsLong();
        boolean quiet = (millis - lastCompileMillis) * 1_000_000.0 < SHARE * (nanos - lastNanos);
        lastCompileMillis = millis;
        lastNanos = nanos;
        return quiet;
    }
}
