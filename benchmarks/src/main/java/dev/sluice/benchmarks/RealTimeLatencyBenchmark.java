package dev.sluice.benchmarks;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.api.java.UDF1;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency of {@code Trigger.RealTime} from a record's arrival to its visibility at the sink (issue 21): a producer
 * sends {@code rate} records per second to an in-process broker (testkit's {@code EmbeddedKafka}) for
 * {@code seconds}; each record carries its send time ({@code System.nanoTime()}, one JVM); a consumer of the output
 * topic ({@code read_committed} for exactly-once) notes when each record's result becomes visible. Percentiles are
 * over the records sent after {@code warmup} seconds. Workloads:
 * <ul>
 *   <li>{@code filter}: Kafka → filter/project → Kafka, at least once; each output record is one input record;</li>
 *   <li>{@code aggregate}: Kafka → {@code groupBy(key).count()} in update mode → Kafka, at least once; an output
 *   {@code (key, count c)} makes the key's first {@code c} records visible;</li>
 *   <li>{@code filter-eo}: {@code filter} with {@code deliveryGuarantee=exactly_once} (one transaction per epoch;
 *   the expectation is p99 ≤ checkpoint interval + 10 ms);</li>
 *   <li>{@code filter-microbatch} / {@code aggregate-microbatch}: the same queries with the default micro-batch
 *   trigger, for comparison.</li>
 * </ul>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.RealTimeLatencyBenchmark
 * filter|aggregate|filter-eo|filter-microbatch|aggregate-microbatch [rate=10000] [seconds=20] [warmup=5]
 * [checkpointIntervalMs=1000] [shufflePartitions=200]}; {@code -Dtimeline=true} adds the per-record timeline of
 * {@link LatencyTimeline} (each stage of the slowest records, and the GC pauses on their path). The producer, the
 * broker, the query and the consumer share the machine: run it on a quiet box and report {@code uptime} with the
 * figures. A benchmark, never a test.
 */
public final class RealTimeLatencyBenchmark {
    private static final int KEYS = 100;
    /** Output records of the filter workloads seen more than once (must stay 0 with exactly once). */
    private static final java.util.concurrent.atomic.AtomicLong DUPLICATES = new java.util.concurrent.atomic.AtomicLong();

    private RealTimeLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "filter";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long intervalMs = args.length > 4 ? Long.parseLong(args[4]) : 1000;
        String shufflePartitions = args.length > 5 ? args[5] : "200";
        boolean aggregate = workload.startsWith("aggregate");
        boolean exactlyOnce = workload.endsWith("-eo");
        boolean microBatch = workload.endsWith("-microbatch");
        Path dir = Files.createTempDirectory("sluice-rt-latency-");
        boolean timeline = Boolean.getBoolean("timeline");
        if (timeline) {
            LatencyTimeline.current = new LatencyTimeline(rate * seconds, KEYS);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            createTopics(kafka);
            SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
            spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
            // state partitions of the aggregation: each is a store committed per epoch (Spark's default 200)
            spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
            var input = spark.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                    .option("subscribe", "in").option("startingOffsets", "earliest").load()
                    .selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v");
            if (timeline) {
                // the timeline's "step" stage: the filter calls it for every record as the step runs it
                spark.udf().register("stamp", (UDF1<String, Boolean>) LatencyTimeline::stepped, DataTypes.BooleanType);
                input = input.where("stamp(v)");
            }
            var result = aggregate ? input.groupBy("k").count().selectExpr("k AS key", "CAST(count AS STRING) AS value")
                    : input.where(FILTER).selectExpr(PROJECTION);
            var writer = result.writeStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                    .option("topic", "out").option("checkpointLocation", dir.resolve("cp").toString())
                    .option("deliveryGuarantee", exactlyOnce ? "exactly_once" : "at_least_once")
                    .options(timeline ? Map.of("kafka.interceptor.classes", LatencyTimeline.SinkStamp.class.getName())
                            : Map.of())
                    .outputMode(aggregate ? "update" : "append");
            StreamingQuery query = (microBatch ? writer : writer.trigger(Trigger.RealTime(intervalMs))).start();
            measure(workload + ", " + shufflePartitions + " shuffle partitions", kafka.bootstrapServers(), exactlyOnce,
                    aggregate, rate, seconds, warmup, intervalMs);
            printCommitPauses(query);
            query.stop();
            spark.stop();
        }
    }

    /**
     * Per epoch (or batch), the parts of its commit that arrivals wait for, from progress: the offset log entry
     * ({@code walCommit}), the sink's commit ({@code addBatch}) and the state's sealing ({@code commitOffsets}).
     */
    private static void printCommitPauses(StreamingQuery query) {
        StringBuilder line = new StringBuilder("commit pauses over ");
        var progress = query.recentProgress();
        line.append(progress.length).append(" epochs/batches (ms, mean / max):");
        for (String phase : List.of("walCommit", "addBatch", "commitOffsets")) {
            long max = 0;
            long sum = 0;
            for (var p : progress) {
                long v = p.durationMs().getOrDefault(phase, 0L);
                max = Math.max(max, v);
                sum += v;
            }
            line.append(String.format(" %s %.1f / %d", phase, progress.length == 0 ? 0.0 : (double) sum / progress.length,
                    max));
        }
        System.out.println(line);
    }

    /** The filter of the {@code filter} workloads (every record passes; the predicate is evaluated per record). */
    public static final String FILTER = "v NOT LIKE 'skip%'";
    /** The projection of the {@code filter} workloads: the output value names its input record. */
    public static final String[] PROJECTION = {"k AS key", "concat('seen:', v) AS value"};

    /**
     * The input topic "in" and the output topic "out", two partitions each; a record's timestamp is the broker's
     * clock when it appended the record ({@code LogAppendTime}), a stage of the timeline.
     */
    public static void createTopics(EmbeddedKafka kafka) throws InterruptedException {
        Map<String, String> config = Map.of("message.timestamp.type", "LogAppendTime");
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("in", 2, (short) 1).configs(config),
                    new NewTopic("out", 2, (short) 1).configs(config))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not create the topics: " + e.getCause(), e);
        }
    }

    /**
     * With a query already running from topic "in" to topic "out" (records {@code k<i % 100>} / {@code i} in,
     * {@code seen:<i>} or {@code (key, count)} out): starts the consumer, sends {@code rate} records per second for
     * {@code seconds}, waits until every result is visible (or a timeout) and prints the percentiles over the
     * records after {@code warmup} seconds, the process's CPU time per record and the load average. Any engine's
     * query can be measured so (the Spark side of {@code benchmarks-compare} uses it too).
     */
    public static void measure(String label, String servers, boolean readCommitted, boolean aggregate, int rate,
                               int seconds, int warmup, long intervalMs) throws InterruptedException {
        int total = rate * seconds;
        long[] sent = new long[total];
        long[] seen = new long[total];
        AtomicBoolean done = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(servers, readCommitted, aggregate, seen, done), "latency-consumer");
        consumer.start();
        Thread.sleep(2000); // the query and the consumer are polling
        String loadBefore = loadAverage();
        long cpuBefore = processCpuNanos();
        long gcBefore = LatencyTimeline.gcMillis();
        produce(servers, rate, total, sent);
        long deadline = System.nanoTime() + Duration.ofSeconds(30 + intervalMs / 1000 * 2).toNanos();
        while (Arrays.stream(seen).anyMatch(t -> t == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long cpu = processCpuNanos() - cpuBefore;
        String loadAfter = loadAverage();
        done.set(true);
        consumer.join();
        report(label, rate, seconds, warmup, intervalMs, sent, seen);
        LatencyTimeline timeline = LatencyTimeline.current;
        if (timeline != null) {
            timeline.sentAll(sent);
            timeline.report(rate * warmup, sent, seen, LatencyTimeline.gcMillis() - gcBefore);
        }
        // the whole process (producer, broker, query, consumer): what the run cost, whatever the box's load
        System.out.printf("CPU time of the process: %.1f s, %.1f µs per record; load average (1, 5, 15 min)"
                + " before: %s, after: %s; %d cores%n", cpu / 1e9, cpu / 1e3 / total, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
    }

    /** Sends {@code total} records at {@code rate}/s: value "i" (record index), key "k<i % KEYS>". */
    private static void produce(String servers, int rate, int total, long[] sent) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent[i] = System.nanoTime();
                LatencyTimeline timeline = LatencyTimeline.current;
                int record = i;
                producer.send(new ProducerRecord<>("in", "k" + (i % KEYS), Integer.toString(i)),
                        timeline == null ? null : (metadata, e) -> {
                            if (metadata != null) {
                                timeline.inputAcked(record, metadata.timestamp());
                            }
                        });
            }
        }
    }

    /** Notes the first time each record's result is visible in "out". */
    private static void consume(String servers, boolean readCommitted, boolean aggregate, long[] seen,
                                AtomicBoolean done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        // the broker answers a fetch at once when data is there, else after this wait: Kafka's 500 ms default
        // would delay what a fetch sent just before a commit (read_committed) could see
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        Map<String, Integer> visibleCount = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = List.of(new TopicPartition("out", 0), new TopicPartition("out", 1));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            LatencyTimeline timeline = LatencyTimeline.current;
            while (!done.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (!aggregate) {
                        int i = Integer.parseInt(value.substring("seen:".length()));
                        if (seen[i] == 0) {
                            seen[i] = now;
                        } else {
                            DUPLICATES.incrementAndGet(); // an output seen twice: at-least-once replays only
                        }
                        if (timeline != null) {
                            timeline.visible(i, now, r.partition(), r.offset(), r.timestamp());
                        }
                        continue;
                    }
                    // key kK with count c: records K, K + KEYS, ..., K + (c - 1) * KEYS are now visible
                    int key = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8).substring(1));
                    int count = Integer.parseInt(value);
                    int from = visibleCount.getOrDefault("k" + key, 0);
                    for (int n = from; n < count; n++) {
                        int i = key + n * KEYS;
                        if (i < seen.length && seen[i] == 0) {
                            seen[i] = now;
                        }
                    }
                    visibleCount.put("k" + key, Math.max(from, count));
                    if (timeline != null && count > from) {
                        timeline.visible(key + (count - 1) * KEYS, now, r.partition(), r.offset(), r.timestamp());
                    }
                }
            }
        }
    }

    private static void report(String label, int rate, int seconds, int warmup, long intervalMs, long[] sent,
                               long[] seen) {
        List<Long> micros = new ArrayList<>();
        int missing = 0;
        for (int i = rate * warmup; i < sent.length; i++) {
            if (seen[i] == 0) {
                missing++;
            } else {
                micros.add((seen[i] - sent[i]) / 1000);
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d msg/s for %d s (first %d s not counted), checkpoint interval %d ms:"
                        + " %d records, arrival -> visible p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms;"
                        + " %d not seen, %d seen twice%n",
                label, rate, seconds, warmup, intervalMs, sorted.length, pct(sorted, 0.50),
                pct(sorted, 0.99),
                pct(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0, missing,
                DUPLICATES.get());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The first three fields of /proc/loadavg (what {@code uptime} shows), or "n/a" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1000.0;
    }
}
