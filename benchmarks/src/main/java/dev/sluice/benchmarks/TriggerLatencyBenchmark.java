package dev.sluice.benchmarks;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * W3 of the issue, Sluice alone: 1-row micro-batches ({@code select value, value * 2} → noop, checkpoint on,
 * fsync as configured), p50/p99 of each batch's {@code durationMs.triggerExecution} (trigger start → commit
 * written), with a MemoryStream or a JSON file source (one 1-row file dropped per batch).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.TriggerLatencyBenchmark memory|file
 * [batches=300] [warmup=30]}.
 */
public final class TriggerLatencyBenchmark {
    private TriggerLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "memory";
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        Path dir = Files.createTempDirectory("sluice-w3-");
        Path in = Files.createDirectories(dir.resolve("in"));
        StructType schema = new StructType().add("value", DataTypes.LongType);
        MemoryStream memory = mode.equals("memory") ? MemoryStream.of(spark, schema) : null;
        var input = memory != null ? memory.toDF() : spark.readStream().schema(schema).json(in.toString());
        StreamingQuery query = input.selectExpr("value", "value * 2 AS doubled").writeStream().format("noop")
                .option("checkpointLocation", dir.resolve("cp").toString()).start();
        for (long i = 0; i < warmup + batches; i++) {
            if (memory != null) {
                memory.addValues(i);
            } else {
                Path tmp = dir.resolve("f" + i + ".tmp");
                Files.writeString(tmp, "{\"value\":" + i + "}\n", StandardCharsets.UTF_8);
                Files.move(tmp, in.resolve("f" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
            query.processAllAvailable();
        }
        List<Long> durations = new ArrayList<>();
        for (StreamingQueryProgress p : query.recentProgress()) {
            if (p.numInputRows() == 1 && p.batchId() >= warmup) {
                durations.add(p.durationMs().get("triggerExecution"));
            }
        }
        long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("W3 %s: %d batches, triggerExecution p50 %d ms, p99 %d ms%n", mode, sorted.length,
                sorted[sorted.length / 2], sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]);
        query.stop();

        spark.stop();
    }
}
