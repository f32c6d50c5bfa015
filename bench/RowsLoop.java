import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Steady-state rate of {@code salvage rows}: runs the same command several times in one JVM (so the JIT has
 * compiled the hot paths after the first run) and prints, per run, the wall seconds and the CPU seconds of the
 * whole process (every thread, GC and JIT included). Used by bench/rows as a single-file source program:
 *
 *   java -cp salvage.jar bench/RowsLoop.java RUNS rows --force --out DIR ... FILE
 */
public final class RowsLoop {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            var cli = new picocli.CommandLine(new dev.salvage.cli.SalvageCommand());
            cli.setOut(new PrintWriter(OutputStream.nullOutputStream()));
            int rc = cli.execute(command);
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            if (rc > 1) {
                throw new IllegalStateException("salvage exited " + rc);
            }
            System.out.printf("run %d wall %.3f cpu %.3f%n", run, wall / 1e9, cpu / 1e9);
        }
    }
}
