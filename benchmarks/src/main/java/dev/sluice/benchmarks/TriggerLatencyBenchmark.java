package dev.sluice.benchmarks;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * W3 of the issue, Sluice alone: 1-row micro-batches ({@code select value, value * 2} → noop, checkpoint on,
 * fsync as configured), p50/p99 of each batch's {@code durationMs.triggerExecution} (trigger start → commit
 * written), with a MemoryStream or a JSON file source (one 1-row file dropped per batch). Also prints the mean of
 * each phase of {@code durationMs} over the measured batches, and the CPU time per measured batch of the query's
 * execution thread and of the whole process (CPU, unlike wall time, barely moves with the machine's load).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.TriggerLatencyBenchmark memory|file
 * [batches=300] [warmup=30]}. The checkpoint and input go to {@code java.io.tmpdir}.
 *
 * <p>To find what makes the tail, it then lists the slowest 1% of the measured batches (at least 3) with their phases
 * and the garbage-collection pauses that overlapped each (from the collectors' notifications), and how many
 * milliseconds the JIT compiled during the measured batches; {@code -Dw3.slow=N} lists N batches instead.
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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        GcPauses gc = new GcPauses();
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jit0 = 0;
        long queryThread = -1;
        long threadCpu0 = 0;
        long processCpu0 = 0;
        for (long i = 0; i < warmup + batches; i++) {
            if (i == warmup) {
                queryThread = queryThreadId(query);
                threadCpu0 = threads.getThreadCpuTime(queryThread);
                processCpu0 = os.getProcessCpuTime();
                jit0 = jit.getTotalCompilationTime();
                gc.clear();
            }
            if (memory != null) {
                memory.addValues(i);
            } else {
                Path tmp = dir.resolve("f" + i + ".tmp");
                Files.writeString(tmp, "{\"value\":" + i + "}\n", StandardCharsets.UTF_8);
                Files.move(tmp, in.resolve("f" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
            query.processAllAvailable();
        }
        long jitMs = jit.getTotalCompilationTime() - jit0;
        long threadCpu = threads.getThreadCpuTime(queryThread) - threadCpu0;
        long processCpu = os.getProcessCpuTime() - processCpu0;
        List<Long> durations = new ArrayList<>();
        Map<String, long[]> phases = new TreeMap<>();
        List<StreamingQueryProgress> measured = new ArrayList<>();
        for (StreamingQueryProgress p : query.recentProgress()) {
            if (p.numInputRows() == 1 && p.batchId() >= warmup) {
                measured.add(p);
                durations.add(p.durationMs().get("triggerExecution"));
                p.durationMs().forEach((phase, ms) -> {
                    long[] sum = phases.computeIfAbsent(phase, k -> new long[2]);
                    sum[0] += ms;
                    sum[1]++;
                });
            }
        }
        long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("W3 %s: %d batches, triggerExecution p50 %d ms, p99 %d ms%n", mode, sorted.length,
                sorted[sorted.length / 2], sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]);
        StringBuilder means = new StringBuilder("  phase means (last " + sorted.length + " batches), ms:");
        phases.forEach((phase, sum) -> means.append(String.format(" %s %.2f", phase, (double) sum[0] / sum[1])));
        System.out.println(means);
        System.out.printf("  CPU per batch: query thread %.0f µs, whole process %.0f µs (%d batches)%n",
                threadCpu / 1e3 / batches, processCpu / 1e3 / batches, batches);
        System.out.printf("  JIT compilation during the measured batches: %d ms; GC pauses: %d, %d ms in all%n", jitMs,
                gc.count(), gc.totalMs());
        measured.sort(java.util.Comparator.comparingLong(
                (StreamingQueryProgress p) -> p.durationMs().get("triggerExecution")).reversed());
        int slow = Integer.getInteger("w3.slow", Math.max(3, measured.size() / 100));
        for (StreamingQueryProgress p : measured.subList(0, Math.min(slow, measured.size()))) {
            long start = java.time.Instant.parse(p.timestamp()).toEpochMilli();
            long end = start + p.durationMs().get("triggerExecution");
            System.out.printf("  slow batch %d: %s; GC pauses overlapping: %s%n", p.batchId(), p.durationMs(),
                    gc.overlapping(start, end));
        }
        query.stop();

        spark.stop();
    }

    /** The collectors' pauses as wall-clock intervals, from their JMX notifications (benchmark code). */
    private static final class GcPauses {
        private final List<long[]> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        GcPauses() {
            for (java.lang.management.GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) bean).addNotificationListener((n, handback) -> {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    var g = info.getGcInfo();
                    pauses.add(new long[] {jvmStart + g.getStartTime(), jvmStart + g.getEndTime()});
                }, n -> n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo
                        .GARBAGE_COLLECTION_NOTIFICATION), null);
            }
        }

        void clear() {
            pauses.clear();
        }

        int count() {
            return pauses.size();
        }

        long totalMs() {
            synchronized (pauses) {
                return pauses.stream().mapToLong(p -> p[1] - p[0]).sum();
            }
        }

        /** The pauses (ms) that overlapped {@code [startMs, endMs]}, as a list. */
        List<Long> overlapping(long startMs, long endMs) {
            synchronized (pauses) {
                return pauses.stream().filter(p -> p[0] <= endMs && p[1] >= startMs).map(p -> p[1] - p[0]).toList();
            }
        }
    }

    /** The id of the query's execution thread (named "stream execution thread for ... [id = <id>, ...]"). */
    private static long queryThreadId(StreamingQuery query) {
        String marker = "[id = " + query.id();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("stream execution thread") && t.getName().contains(marker)) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no execution thread for query " + query.id());
    }
}
