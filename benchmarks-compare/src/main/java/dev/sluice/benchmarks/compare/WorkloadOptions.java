package dev.sluice.benchmarks.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The sizes and places every workload reads, as picocli options shared by the runner ({@link CompareRunner}) and
 * the per-engine JVMs it forks ({@link WorkloadMain}): the runner passes its values on with {@link #toArgs()}, so
 * both engines of a workload always see the same numbers. Plain mutable holder, used by one thread.
 */
public final class WorkloadOptions {
    @Option(names = "--rows", description = "W1/W2: JSON rows (default ${DEFAULT-VALUE})")
    long rows = 5_000_000;

    @Option(names = "--files", description = "W1/W2: JSON files the rows are split into (default ${DEFAULT-VALUE})")
    int files = 10;

    @Option(names = "--files-per-trigger", description = "W1/W2: maxFilesPerTrigger (default ${DEFAULT-VALUE})")
    int filesPerTrigger = 2;

    @Option(names = "--keys", description = "W1/W2: distinct grouping keys (default ${DEFAULT-VALUE})")
    int keys = 1_000;

    @Option(names = "--event-minutes", description = "W1/W2: event-time span of the rows in minutes, one window"
            + " per minute (default ${DEFAULT-VALUE})")
    int eventMinutes = 60;

    @Option(names = "--latency-batches", description = "W3: measured 1-row batches (default ${DEFAULT-VALUE})")
    int latencyBatches = 300;

    @Option(names = "--latency-warmup", description = "W3: 1-row batches run first and not measured"
            + " (default ${DEFAULT-VALUE})")
    int latencyWarmup = 30;

    @Option(names = "--invoices", description = "W4: invoices in the Kafka topic (default ${DEFAULT-VALUE})")
    int invoices = 200_000;

    @Option(names = "--max-offsets-per-trigger", description = "W4: maxOffsetsPerTrigger (default ${DEFAULT-VALUE})")
    int maxOffsetsPerTrigger = 50_000;

    @Option(names = "--shuffle-partitions", description = "spark.sql.shuffle.partitions on both engines"
            + " (default ${DEFAULT-VALUE}; Spark's own default of 200 would only measure task overhead on 2 cores)")
    int shufflePartitions = 2;

    @Option(names = "--sluice-checkpoint-fsync", arity = "1", description = "Sluice's"
            + " spark.sql.streaming.checkpoint.fsync; false matches Spark, which never fsyncs a local checkpoint"
            + " (default ${DEFAULT-VALUE})")
    boolean sluiceCheckpointFsync = true;

    @Option(names = "--work-dir", description = "data, checkpoints, Spark's local dirs (default ${DEFAULT-VALUE})")
    Path workDir = Path.of("benchmarks-compare", "target", "compare-work");

    /** The options as command-line arguments, to hand the same values to a forked JVM. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--rows", rows);
        add(args, "--files", files);
        add(args, "--files-per-trigger", filesPerTrigger);
        add(args, "--keys", keys);
        add(args, "--event-minutes", eventMinutes);
        add(args, "--latency-batches", latencyBatches);
        add(args, "--latency-warmup", latencyWarmup);
        add(args, "--invoices", invoices);
        add(args, "--max-offsets-per-trigger", maxOffsetsPerTrigger);
        add(args, "--shuffle-partitions", shufflePartitions);
        add(args, "--sluice-checkpoint-fsync", sluiceCheckpointFsync);
        add(args, "--work-dir", workDir.toAbsolutePath());
        return args;
    }

    private static void add(List<String> args, String name, Object value) {
        args.add(name + "=" + value);
    }

    /** Where W1/W2 read their JSON files. */
    Path eventsDir() {
        return workDir.resolve("events").toAbsolutePath();
    }

    /** A fresh, not yet existing directory for one query's checkpoint. */
    Path checkpointDir(String engine, Workload workload) {
        return workDir.resolve("checkpoints").resolve(engine + "-" + workload.name() + "-" + System.nanoTime())
                .toAbsolutePath();
    }
}
