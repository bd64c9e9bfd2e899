package dev.sluice.stream;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Per-batch overhead of the micro-batch loop: 1-row batches through a stateless query into the noop sink,
 * with a real checkpoint (offset log, commit log, fsync + rename), measured as each batch's
 * {@code triggerExecution} duration. Prints p50/p99 in milliseconds. Run:
 * {@code mvn -q -o -pl engine-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.sluice.stream.BatchOverheadBenchmark} or through {@code BatchOverheadTest}.
 */
public final class BatchOverheadBenchmark {
    private BatchOverheadBenchmark() {
    }

    /** The engine's {@code triggerExecution} of each measured batch (trigger start to commit), in ms. */
    static double[] triggerTimes;

    /** Runs {@code warmup + batches} 1-row batches; returns per-batch wall times in ms of the measured ones. */
    public static double[] run(int warmup, int batches) throws Exception {
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        MemoryStream input = MemoryStream.of(spark, new StructType().add("value", DataTypes.StringType));
        String root = System.getProperty("sluice.bench.dir");
        Path checkpoint = root == null ? Files.createTempDirectory("sluice-overhead-")
                : Files.createTempDirectory(Path.of(root), "sluice-overhead-");
        Dataset<Row> query = input.toDF().filter("value <> ''");
        StreamingQuery q = query.writeStream().format("noop").option("checkpointLocation", checkpoint.toString())
                .start();
        double[] times = new double[batches];
        triggerTimes = new double[batches];
        for (int i = 0; i < warmup + batches; i++) {
            input.addValues("v" + i);
            long start = System.nanoTime();
            q.processAllAvailable();
            if (i >= warmup) {
                times[i - warmup] = (System.nanoTime() - start) / 1e6;
                triggerTimes[i - warmup] = q.lastProgress().durationMs().get("triggerExecution");
            }
        }
        StreamingQueryProgress last = q.lastProgress();
        q.stop();
        System.out.println("last progress durations: " + last.durationMs());
        return times;
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double[] times = run(300, batches);
        System.out.printf("1-row batches with checkpointing, %d measured: round trip p50 = %.3f ms, p99 = %.3f ms;"
                + " trigger-to-commit p50 = %.1f ms, p99 = %.1f ms%n", batches, percentile(times, 0.50),
                percentile(times, 0.99), percentile(triggerTimes, 0.50), percentile(triggerTimes, 0.99));
    }
}
