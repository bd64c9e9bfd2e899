package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;

import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.util.Arrays;

/**
 * A whole-process timing of the batch group-by over W1's in-memory data (the query of
 * {@link BatchGroupByEndToEndBenchmark}, ended by {@code count()}, which every Sluice version has), for
 * before/after comparisons of two builds run alternately on the same box:
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.BatchGroupByTiming <threads> [runs]}.
 * Prints the median wall time and process CPU time (all threads, GC included) of the last two thirds of
 * {@code runs} (default 12) runs; on a loaded box the CPU time is the steadier of the two, and more runs (60) leave
 * the JIT's compilations out of it.
 */
public final class BatchGroupByTiming {
    private BatchGroupByTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        SluiceSession session = Sluice.builder().master("local[" + threads + "]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        Dataset<Row> input = Dataset.ofRows(session, new LocalRelation(
                SluiceSession.attributes(BenchmarkData.WINDOWED_SCHEMA), BenchmarkData.windowedChunks(1000)));
        Dataset<Row> query = input.groupBy(window(col("ts"), "1 minute"), col("key")).agg(count("*"), sum("value"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        long[] nanos = new long[runs];
        long[] cpuNanos = new long[runs];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long groups = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            groups = query.count();
            nanos[i] = System.nanoTime() - start;
            cpuNanos[i] = os.getProcessCpuTime() - cpuStart;
        }
        int warmUp = runs / 3;
        long[] cpu = Arrays.copyOfRange(cpuNanos, warmUp, cpuNanos.length);
        Arrays.sort(cpu);
        long[] measured = Arrays.copyOfRange(nanos, warmUp, nanos.length);
        Arrays.sort(measured);
        double ms = measured[measured.length / 2] / 1e6;
        System.out.printf("batch group-by, local[%d]: %d rows -> %d groups, median %.1f ms = %.2f M rows/s,"
                + " process CPU median %.1f ms%n", threads, BenchmarkData.TOTAL_ROWS, groups, ms,
                BenchmarkData.TOTAL_ROWS / ms / 1000.0, cpu[cpu.length / 2] / 1e6);
    }
}
