package dev.sluice.benchmarks.compare;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One workload on one engine in this (fresh) JVM, forked by {@link CompareRunner}; prints each result as a
 * {@link Measurement#LINE_PREFIX} line on stdout. A fresh JVM per engine and workload keeps engines from sharing
 * JIT state, heap or threads, and makes W5 and W6 cold starts by construction. Exits non-zero when the workload fails.
 */
@CommandLine.Command(name = "workload", mixinStandardHelpOptions = true)
public final class WorkloadMain implements Callable<Integer> {
    @Mixin
    WorkloadOptions options = new WorkloadOptions();

    @Option(names = "--engine", required = true, description = "sluice, spark or kstreams")
    String engine;

    @Option(names = "--workload", required = true, description = "W1, W2, W3, W4, W5 or W6")
    String workload;

    @Option(names = "--bootstrap-servers", description = "W4: the broker the runner started")
    String bootstrapServers;

    @Option(names = "--topic", description = "W4: the output topic")
    String topic;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkloadMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if ("kstreams".equals(engine)) {
            emit(KafkaStreamsPipeline.run(options, bootstrapServers, topic));
            return 0;
        }
        java.nio.file.Path w6Input = "W6".equals(workload) ? startupInput(options) : null;
        long opening = System.nanoTime(); // W5 counts from here: the harness's argument parsing is not the engine's
        try (Engine e = open(engine, options)) {
            switch (workload) {
                case "W1" -> emit(e.windowedAggregation(options, Workload.W1, false, null));
                case "W2" -> emit(e.windowedAggregation(options, Workload.W2, true, null));
                case "W3" -> {
                    for (Measurement m : latency(e, options)) {
                        emit(m);
                    }
                }
                case "W4" -> emit(e.kafkaPipeline(options, bootstrapServers, topic));
                case "W5" -> emit(startup(e, options, opening));
                case "W6" -> emit(startupFiles(e, options, w6Input, opening));
                default -> throw new IllegalArgumentException("unknown --workload " + workload);
            }
        }
        return 0;
    }

    static Engine open(String engine, WorkloadOptions options) {
        return switch (engine) {
            case "sluice" -> new SluiceEngine(options);
            case "spark" -> new SparkEngine(options);
            default -> throw new IllegalArgumentException("unknown --engine " + engine + " (sluice, spark)");
        };
    }

    /** W3: p50 and p99 of {@code latencyBatches} 1-row batches after {@code latencyWarmup} unmeasured ones. */
    static Measurement[] latency(Engine e, WorkloadOptions options) throws Exception {
        try (Engine.OneRowQuery query = e.startOneRowQuery(options)) {
            query.runBatches(options.latencyWarmup);
            long[] ms = query.runBatches(options.latencyBatches);
            Arrays.sort(ms);
            String check = "batches=" + ms.length;
            String detail = String.format("min %d, max %d ms over %d batches", ms[0], ms[ms.length - 1], ms.length);
            return new Measurement[] {
                new Measurement(e.name(), Workload.W3_P50, percentile(ms, 50), check, detail),
                new Measurement(e.name(), Workload.W3_P99, percentile(ms, 99), check, detail)};
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * W5 (session start to first batch): from {@code since} (the fresh JVM's harness has parsed its arguments;
     * nothing of the engine is loaded or built yet) to the first 1-row batch committed.
     */
    private static Measurement startup(Engine e, WorkloadOptions options, long since) throws Exception {
        try (Engine.OneRowQuery query = e.startOneRowQuery(options)) {
            long[] first = query.runBatches(1);
            double ms = (System.nanoTime() - since) / 1e6;
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            return new Measurement(e.name(), Workload.W5, ms, "batches=" + first.length,
                    String.format("JVM uptime at first commit %d ms, first batch %d ms", uptime, first[0]));
        }
    }

    /** W6's input, written before the clock starts: a fresh folder with one file of 100 events. */
    private static java.nio.file.Path startupInput(WorkloadOptions options) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(options.workDir.resolve("w6-in-" + System.nanoTime())
                .toAbsolutePath());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append("{\"ts\":\"2026-01-01T00:").append(String.format("%02d", i % 60)).append(":00Z\",\"key\":")
                    .append(i % 7).append(",\"value\":").append(i).append("}\n");
        }
        java.nio.file.Files.writeString(dir.resolve("events.json"), lines);
        return dir;
    }

    /** W6 (session start to the first batch of a JSON folder committed to Parquet), from {@code since}. */
    private static Measurement startupFiles(Engine e, WorkloadOptions options, java.nio.file.Path input, long since)
            throws Exception {
        long rows = e.jsonFolderToParquet(options, input);
        double ms = (System.nanoTime() - since) / 1e6;
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        return new Measurement(e.name(), Workload.W6, ms, "rows=" + rows,
                String.format("JVM uptime at first commit %d ms", uptime));
    }

    private static void emit(Measurement m) {
        System.out.println(Measurement.LINE_PREFIX + m.toJson());
        System.out.flush();
    }
}
