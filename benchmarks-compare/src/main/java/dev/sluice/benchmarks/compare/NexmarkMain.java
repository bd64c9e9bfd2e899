package dev.sluice.benchmarks.compare;

import dev.sluice.nexmark.NexmarkQuery;
import dev.sluice.nexmark.NexmarkRows;
import dev.sluice.nexmark.QueryRun;
import dev.sluice.nexmark.SluiceNexmark;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.ForeachWriter;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * One Nexmark query on one engine in this (fresh) JVM, forked by {@link NexmarkRunner}: a throughput run over the
 * event files (both engines), or a latency run (Sluice: the {@code nexmark} source at a fixed rate, event time =
 * wall-clock time). Prints one {@link NexmarkResult#LINE_PREFIX} line. Exits non-zero when the query fails.
 */
@CommandLine.Command(name = "nexmark-query", mixinStandardHelpOptions = true)
public final class NexmarkMain implements Callable<Integer> {
    @Option(names = "--engine", required = true, description = "sluice or spark")
    String engine;

    @Option(names = "--query", required = true, description = "q0, q1, ...")
    String query;

    @Option(names = "--mode", description = "throughput or latency (default ${DEFAULT-VALUE})")
    String mode = "throughput";

    @Option(names = "--input", description = "throughput: the folder of event files")
    Path input;

    @Option(names = "--format", description = "json or parquet (default ${DEFAULT-VALUE})")
    String format = "parquet";

    @Option(names = "--events", description = "throughput: how many events the files hold")
    long events;

    @Option(names = "--files-per-trigger", description = "maxFilesPerTrigger (default ${DEFAULT-VALUE})")
    int filesPerTrigger = 5;

    @Option(names = "--rate", description = "latency: events per second (default ${DEFAULT-VALUE})")
    long rate = 10_000;

    @Option(names = "--latency-seconds", description = "latency: how long to run (default ${DEFAULT-VALUE})")
    int latencySeconds = 30;

    @Option(names = "--trigger", description = "latency: realtime (Trigger.RealTime) or microbatch (the default"
            + " trigger, batches back to back) (default ${DEFAULT-VALUE})")
    String trigger = "realtime";

    @Option(names = "--checkpoint-interval", description = "latency, realtime: the epoch length, seconds (default"
            + " ${DEFAULT-VALUE}, Spark's minimum)")
    int checkpointIntervalSeconds = 5;

    @Option(names = "--work-dir", description = "checkpoints and Spark's local dirs (default ${DEFAULT-VALUE})")
    Path workDir = Path.of("target", "nexmark-work");

    @Option(names = "--conf", description = "Sluice only: a session setting key=value (repeatable), e.g."
            + " spark.sql.parquet.enableVectorizedReader=false for an A/B run of the Parquet reader")
    List<String> conf = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new NexmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        NexmarkQuery q = NexmarkQuery.parse(List.of(query)).get(0);
        String checkpoint = workDir.resolve("cp-" + engine + "-" + q.id() + "-" + System.nanoTime())
                .toAbsolutePath().toString();
        NexmarkResult result;
        if (mode.equals("latency")) {
            result = latency(q, checkpoint);
        } else if (engine.equals("sluice")) {
            SluiceSession session = sluiceSession();
            try {
                long cpu = cpuNanos();
                QueryRun run = SluiceNexmark.run(session, session.readStream().schema(NexmarkRows.DDL)
                        .option("maxFilesPerTrigger", filesPerTrigger).format(format).load(input.toString()), q,
                        checkpoint);
                result = throughput(q, run, cpu);
            } finally {
                session.stop();
            }
        } else if (engine.equals("spark")) {
            result = spark(q, checkpoint);
        } else {
            throw new IllegalArgumentException("unknown --engine " + engine + " (sluice, spark)");
        }
        // Checkpoints of finished runs only take disk: every run starts from an empty one.
        NexmarkData.deleteTree(Path.of(checkpoint));
        System.out.println(NexmarkResult.LINE_PREFIX + result.toJson());
        return 0;
    }

    private NexmarkResult throughput(NexmarkQuery q, QueryRun run, long cpuBefore) {
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        return new NexmarkResult(engine, q.id(), "throughput", events, run.seconds(), cpu, run.digest().toString(),
                0, 0, String.format("%d events in %.2f s, %.2f CPU s", events, run.seconds(), cpu));
    }

    /** In its own method so that the Sluice JVMs, which have no Spark on the class path, never link Spark. */
    private NexmarkResult spark(NexmarkQuery q, String checkpoint) throws Exception {
        org.apache.spark.sql.SparkSession session = SparkNexmark.session(workDir.toAbsolutePath().toString());
        try {
            long cpu = cpuNanos();
            QueryRun run = SparkNexmark.run(session, session.readStream().schema(NexmarkRows.DDL)
                    .option("maxFilesPerTrigger", filesPerTrigger).format(format).load(input.toString()), q,
                    checkpoint);
            return throughput(q, run, cpu);
        } finally {
            session.stop();
        }
    }

    private SluiceSession sluiceSession() {
        var builder = Sluice.builder().master("local[2]").appName("nexmark")
                .config("spark.sql.shuffle.partitions", 2).config("spark.sql.session.timeZone", "UTC");
        for (String setting : conf) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--conf needs key=value: " + setting);
            }
            builder.config(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return builder.getOrCreate();
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Sluice, q0/q5/q7: the {@code nexmark} source releases {@code rate} events per second with event time = the
     * wall-clock time of release ({@code baseTime=now}); per output row, latency = the moment the sink sees it -
     * event time (q0), or - the moment its window closed, window end + watermark delay (q5: the row's window; q7:
     * the 10 s window of the bid's time). The sink is a
     * {@code foreach} writer with either trigger ({@code foreachBatch} needs whole batches, which real time
     * refuses), so both rows measure at the same point: a row handed to the sink. The first third of the run is
     * warm-up and not counted.
     */
    private NexmarkResult latency(NexmarkQuery q, String checkpoint) throws Exception {
        if (!engine.equals("sluice")) {
            throw new IllegalArgumentException("latency mode runs on Sluice only (Spark has no nexmark source)");
        }
        if (q != NexmarkQuery.Q0 && q != NexmarkQuery.Q5 && q != NexmarkQuery.Q7) {
            throw new IllegalArgumentException("latency mode covers q0, q5 and q7");
        }
        Trigger chosen = switch (trigger) {
            case "realtime" -> Trigger.RealTime(checkpointIntervalSeconds * 1000L);
            case "microbatch" -> Trigger.ProcessingTime(0);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--trigger is realtime or microbatch, not " + trigger);
        };
        SluiceSession session = sluiceSession();
        long begin = System.currentTimeMillis();
        // q0: the bid's time (column 3); q5: its window's start (column 1); q7: the bid's time (column 3), whose
        // 10 s tumbling window closes at its end + the watermark delay
        LatencyWriter writer = new LatencyWriter(q == NexmarkQuery.Q5 ? 1 : 3, q == NexmarkQuery.Q7 ? 10_000 : 0,
                q == NexmarkQuery.Q0 ? 0 : 10_000 + NexmarkQuery.WATERMARK_MILLIS, begin + latencySeconds * 1000L / 3);
        try {
            Dataset<Row> events = session.readStream().format("nexmark").option("eventsPerSecond", rate)
                    .option("baseTime", "now").load();
            SluiceNexmark.registerViews(events);
            long cpu = cpuNanos();
            StreamingQuery running = session.sql(q.sql()).writeStream().outputMode(q.outputMode()).trigger(chosen)
                    .option("checkpointLocation", checkpoint).foreach(writer).start();
            running.awaitTermination(latencySeconds * 1000L);
            running.stop();
            double seconds = (System.currentTimeMillis() - begin) / 1e3;
            double cpuSeconds = (cpuNanos() - cpu) / 1e9;
            long[] sorted = writer.sorted();
            if (sorted.length == 0) {
                throw new IllegalStateException(q.id() + ": no output row in the measured part of the run");
            }
            return new NexmarkResult(engine, q.id(), "latency-" + trigger, (long) (seconds * rate), seconds,
                    cpuSeconds, "rows=" + sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                    String.format("%s, %d events/s for %.0f s, %d output rows measured, max %d ms", trigger, rate,
                            seconds, sorted.length, sorted[sorted.length - 1]));
        } finally {
            session.stop();
        }
    }

    /**
     * Records, per output row whose due time (event time or window close) falls after the warm-up, the wall-clock
     * time it reached the sink minus that due time. Rows arrive on the query's thread(s); the list is
     * synchronized.
     */
    static final class LatencyWriter extends ForeachWriter<Row> {
        private final int timeColumn;
        private final long windowMillis;
        private final long closesAfter;
        private final long countFrom;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        /**
         * @param windowMillis when positive, the time column is floored to a tumbling window of that length
         * @param closesAfter  added to the (floored) time: when the row is due at the sink
         */
        LatencyWriter(int timeColumn, long windowMillis, long closesAfter, long countFrom) {
            this.timeColumn = timeColumn;
            this.windowMillis = windowMillis;
            this.closesAfter = closesAfter;
            this.countFrom = countFrom;
        }

        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(Row row) {
            long now = System.currentTimeMillis();
            long time = ((Timestamp) row.get(timeColumn)).getTime();
            long due = (windowMillis > 0 ? Math.floorDiv(time, windowMillis) * windowMillis : time) + closesAfter;
            if (due >= countFrom) {
                latencies.add(now - due);
            }
        }

        @Override
        public void close(Throwable errorOrNull) {
        }

        long[] sorted() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }
    }

    static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
