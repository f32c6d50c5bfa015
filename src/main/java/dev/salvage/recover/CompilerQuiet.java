package dev.salvage.recover;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells when the JIT compiler has (for now) finished with the hot paths, so that a second worker is worth
 * starting. On a machine with few cores, workers started while the compiler is still busy take its core: the
 * code stays interpreted longer, and two cold workers finished a table later than one (bench/rows). The
 * compiler counts as quiet when, since the last look, it spent less than {@link #SHARE} of the wall time
 * compiling. Without compile-time monitoring it always counts as quiet (every worker starts at once, as before).
 */
final class CompilerQuiet {

    /** Compile time, as a share of wall time, below which the compiler no longer holds a core. */
    static final double SHARE = 0.125;

    private final CompilationMXBean compiler;
    private long lastCompileMillis;
    private long lastNanos;

    CompilerQuiet() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        compiler = bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
        lastCompileMillis = compiler == null ? 0 : compiler.getTotalCompilationTime();
        lastNanos = System.nanoTime();
    }

    /** True when the compiler spent under {@link #SHARE} of the time since the previous call compiling. */
    boolean quiet() {
        if (compiler == null) {
            return true;
        }
        long compileMillis = compiler.getTotalCompilationTime();
        long nanos = System.nanoTime();
        boolean quiet = (compileMillis - lastCompileMillis) * 1_000_000.0 < SHARE * (nanos - lastNanos);
        lastCompileMillis = compileMillis;
        lastNanos = nanos;
        return quiet;
    }
}
