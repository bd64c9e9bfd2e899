package dev.sluice.benchmarks;

import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import dev.sluice.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kafka sink on a real broker: one invocation is one micro-batch of {@value #ROWS} rows
 * {@code (key string, value string)} written by a running streaming query
 * {@code MemoryStream(id bigint) -> key/value strings -> writeStream().format("kafka")} into a 2-partition
 * topic of an in-process KRaft broker (testkit {@link EmbeddedKafka}, one per trial, on 127.0.0.1 and the local
 * disk, default producer settings). Values are ~60-byte JSON strings of the W4 output's shape; keys are the
 * row's id (0-49,999) as text.
 *
 * <p>What the number covers: the whole micro-batch as a query runs it, i.e. the offset log and commit log
 * writes (fsynced), turning the added rows into a chunk ({@link MemoryStream#addData}), the source read, the
 * projection that builds the key and value strings, and the sink
 * (records built from the chunks, sent, {@code flush()}; with {@code exactly_once} also one Kafka transaction
 * per batch with its batch marker committed through {@code sendOffsetsToTransaction}). {@code delivery=noop}
 * runs the same query into the {@code noop} sink, so {@code 1/kafka - 1/noop} is the sink's own time per row.
 * The input is one bigint per row and the query builds the strings, so that {@link MemoryStream} (which keeps
 * every block it was given) holds 8 bytes per row rather than the strings.
 * ops/s = rows written per second.
 *
 * <p>The trial's teardown reads the topic back with {@code isolation.level=read_committed} and fails unless
 * it holds exactly {@value #ROWS} records per committed batch (no loss, no duplicates, transactions
 * committed).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class KafkaSinkBenchmark {
    /** Rows per micro-batch. */
    static final int ROWS = 50_000;
    private static final String TOPIC = "sink-bench";

    /** {@code at_least_once} / {@code exactly_once}: the sink's {@code deliveryGuarantee}; {@code noop}: no Kafka. */
    @Param({"at_least_once", "exactly_once", "noop"})
    public String delivery;

    private EmbeddedKafka kafka;
    private SluiceSession spark;
    private MemoryStream input;
    private StreamingQuery query;
    private Path checkpoint;
    private List<Row> batch;

    @Setup(Level.Trial)
    public void setUp() throws IOException, java.util.concurrent.TimeoutException {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(TOPIC, 2);
        spark = Sluice.builder().master("local[2]").getOrCreate();
        input = MemoryStream.of(spark, new StructType().add("id", DataTypes.LongType, false));
        checkpoint = Files.createTempDirectory("sluice-kafka-sink-bench-");
        var rows = input.toDF().selectExpr(
                "cast(id AS string) AS key",
                "concat('{\"StoreID\":\"STR', cast(id % 50 AS string), '\",\"ItemCode\":\"',"
                        + " cast(400 + id % 3 AS string), '\",\"TotalValue\":', cast(id % 997 AS string), '.25}')"
                        + " AS value");
        boolean noop = delivery.equals("noop");
        var writer = rows.writeStream().format(noop ? "noop" : "kafka")
                .option("checkpointLocation", checkpoint.toString());
        if (!noop) {
            writer = writer.option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", TOPIC)
                    .option("deliveryGuarantee", delivery);
        }
        query = writer.start();
        batch = new ArrayList<>(ROWS);
        for (long i = 0; i < ROWS; i++) {
            batch.add(RowFactory.create(i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long oneMicroBatch() {
        input.addData(batch);
        query.processAllAvailable();
        return query.lastProgress().batchId();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            long batches = query.lastProgress().batchId() + 1;
            long written = query.lastProgress().sink().numOutputRows();
            query.stop();
            if (written != ROWS) {
                throw new IllegalStateException("the last batch wrote " + written + " rows, expected " + ROWS);
            }
            if (!delivery.equals("noop")) {
                long committed = countCommittedRecords(kafka.bootstrapServers(), TOPIC);
                System.out.printf("%n[%s] %d batches, %,d committed records in %s%n", delivery, batches, committed,
                        TOPIC);
                if (committed != batches * ROWS) {
                    throw new IllegalStateException("topic " + TOPIC + " holds " + committed + " committed records, "
                            + "expected " + batches + " batches x " + ROWS);
                }
            }
        } finally {
            spark.stop();
            kafka.close();
            try (Stream<Path> files = Files.walk(checkpoint)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Records of {@code topic} (2 partitions of W4's {@code to_json} output) a {@code read_committed} consumer sees,
     * read up to the end of each partition; also used by {@link KafkaPipelineBenchmark}.
     */
    static long countCommittedRecords(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "isolation.level", "read_committed",
                "enable.auto.commit", "false", "max.poll.records", 10_000,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " back did not reach its end offsets " + end
                            + " within 5 minutes (" + count + " records read)");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (!record.value().startsWith("{\"StoreID\":\"STR")) {
                        throw new IllegalStateException("unexpected value at " + record.topic() + "-"
                                + record.partition() + "@" + record.offset() + ": " + record.value());
                    }
                    count++;
                }
            }
            return count;
        }
    }
}
