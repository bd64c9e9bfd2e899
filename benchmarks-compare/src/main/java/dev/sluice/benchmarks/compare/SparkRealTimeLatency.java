package dev.sluice.benchmarks.compare;

import dev.sluice.benchmarks.RealTimeLatencyBenchmark;
import dev.sluice.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Apache Spark 4.1's side of {@code RealTimeLatencyBenchmark}'s {@code filter} workload (issue 21): the same
 * Kafka → {@code where} + {@code selectExpr} → Kafka query on an in-process broker, run with Spark's
 * {@code Trigger.RealTime(checkpointInterval)} (Real-Time Mode: Kafka source and sink, update mode, stateless only in
 * 4.1; one long-running task per input partition, so {@code local[N]} needs a slot for each of the topic's two
 * partitions) or with Spark's default micro-batch trigger, measured by the same producer, consumer and percentiles
 * ({@link RealTimeLatencyBenchmark#measure}). Spark's Kafka sink gets {@code linger.ms=0}, as Sluice's real-time sink
 * uses. A benchmark, never a test:
 * {@code java <spark flags> -cp <benchmarks-compare classpath> dev.sluice.benchmarks.compare.SparkRealTimeLatency
 * realtime|microbatch [rate=10000] [seconds=20] [warmup=5] [checkpointIntervalMs=1000] [slots=2]}.
 */
public final class SparkRealTimeLatency {
    private SparkRealTimeLatency() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "realtime";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long intervalMs = args.length > 4 ? Long.parseLong(args[4]) : 1000;
        int slots = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        if (!mode.equals("realtime") && !mode.equals("microbatch")) {
            throw new IllegalArgumentException("mode must be realtime or microbatch, not " + mode);
        }
        Path dir = Files.createTempDirectory("spark-rt-latency-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            RealTimeLatencyBenchmark.createTopics(kafka);
            SparkSession spark = SparkSession.builder().master("local[" + slots + "]").appName("rt-latency")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.streaming.realTimeMode.minBatchDuration", Long.toString(intervalMs))
                    .getOrCreate();
            Dataset<Row> input = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", "in")
                    .option("startingOffsets", "earliest").load()
                    .selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v");
            Dataset<Row> result = input.where(RealTimeLatencyBenchmark.FILTER)
                    .selectExpr(RealTimeLatencyBenchmark.PROJECTION);
            DataStreamWriter<Row> writer = result.writeStream().format("kafka")
                    .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", "out")
                    .option("kafka.linger.ms", "0")
                    .option("checkpointLocation", dir.resolve("cp").toString()).outputMode("update");
            StreamingQuery query = (mode.equals("realtime") ? writer.trigger(Trigger.RealTime(intervalMs)) : writer)
                    .start();
            RealTimeLatencyBenchmark.measure("spark " + mode + " filter, local[" + slots + "]",
                    kafka.bootstrapServers(), false, false, rate, seconds, warmup, intervalMs);
            // how Spark ran it: batches (epochs) and where their time went
            var progress = query.recentProgress();
            System.out.println("Spark progress: " + progress.length + " batches; last: "
                    + (progress.length == 0 ? "none" : progress[progress.length - 1].batchId() + " "
                    + progress[progress.length - 1].durationMs() + ", " + progress[progress.length - 1].numInputRows()
                    + " input rows"));
            query.stop();
            spark.stop();
        }
    }
}
