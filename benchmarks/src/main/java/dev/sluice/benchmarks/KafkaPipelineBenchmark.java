package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.DataStreamWriter;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import dev.sluice.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput of the tutorial's Kafka shape (Cases 3-4): invoices as JSON from a real Kafka topic
 * → {@code from_json} → {@code explode} of the line items → {@code to_json} → another Kafka topic, with
 * checkpointing on and {@code Trigger.AvailableNow} over a pre-filled topic, with the exactly-once sink (issue 14's
 * W4; {@code -Dguarantee=at_least_once} for the default sink; {@code -Dsink.kafka.<name>=<value>} passes producer
 * setting {@code kafka.<name>} to the sink). Prints input records/s and output rows/s. Not a JMH benchmark: one query run is the unit. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.KafkaPipelineBenchmark [invoices]}.
 */
public final class KafkaPipelineBenchmark {
    /** Schema of {@link #invoice}'s JSON; public for the Spark / Kafka Streams comparison (benchmarks-compare). */
    public static final StructType INVOICE = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT,"
            + " StoreID STRING,"
            + " PosID STRING, CustomerType STRING, CustomerCardNo STRING, TotalAmount DOUBLE, DeliveryType STRING,"
            + " InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING, ItemDescription: STRING, ItemPrice: DOUBLE,"
            + " ItemQty: INT, TotalValue: DOUBLE>>");

    private KafkaPipelineBenchmark() {
    }

    /** Invoice {@code n} as the tutorial's JSON: deterministic, 3 line items, 50 stores. */
    public static String invoice(int n) {
        StringBuilder sb = new StringBuilder("{\"InvoiceNumber\":\"").append(51_000_000 + n)
                .append("\",\"CreatedTime\":").append(1_595_688_900_348L + n)
                .append(",\"StoreID\":\"STR").append(n % 50).append("\",\"PosID\":\"POS").append(n % 900)
                .append("\",\"CustomerType\":\"").append(n % 3 == 0 ? "PRIME" : "NONPRIME")
                .append("\",\"CustomerCardNo\":\"").append(4_000_000_000L + n)
                .append("\",\"TotalAmount\":").append(1000.5 + n % 997).append(",\"DeliveryType\":\"TAKEAWAY\","
                        + "\"InvoiceLineItems\":[");
        for (int item = 0; item < 3; item++) {
            if (item > 0) {
                sb.append(',');
            }
            sb.append("{\"ItemCode\":\"").append(400 + item).append("\",\"ItemDescription\":\"Item ").append(item)
                    .append("\",\"ItemPrice\":").append(100.25 * (item + 1)).append(",\"ItemQty\":").append(item + 1)
                    .append(",\"TotalValue\":").append(100.25 * (item + 1) * (item + 1)).append('}');
        }
        return sb.append("]}").toString();
    }

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("invoices", 2);
            kafka.createTopic("items", 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 20, "batch.size", 262144,
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                for (int i = 0; i < invoices; i++) {
                    producer.send(new ProducerRecord<>("invoices", invoice(i)));
                }
            }
            SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
            Path checkpoint = Files.createTempDirectory("sluice-kafka-bench-");
            Dataset<Row> items = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                    .option("subscribe", "invoices").option("startingOffsets", "earliest")
                    .option("maxOffsetsPerTrigger", 50_000)
                    .load()
                    .select(from_json(col("value").cast("string"), INVOICE).alias("value"))
                    .select(col("value.InvoiceNumber"), col("value.StoreID"), explode(col("value.InvoiceLineItems"))
                            .alias("LineItem"))
                    .selectExpr("InvoiceNumber AS key", "to_json(named_struct('StoreID', StoreID, 'ItemCode',"
                            + " LineItem.ItemCode, 'TotalValue', LineItem.TotalValue)) AS value");
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            DataStreamWriter<Row> writer = items.writeStream().format(System.getProperty("sink", "kafka"))
                    .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", "items")
                    .option("deliveryGuarantee", System.getProperty("guarantee", "exactly_once"))
                    .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow());
            // -Dsink.kafka.linger.ms=100 passes kafka.linger.ms=100 to the sink (producer settings to compare)
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith("sink.kafka.")) {
                    writer.option(name.substring("sink.".length()), System.getProperty(name));
                }
            }
            StreamingQuery query = writer.start();
            query.awaitTermination();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long written = KafkaSinkBenchmark.countCommittedRecords(kafka.bootstrapServers(), "items");
            if (Boolean.getBoolean("verbose")) {
                for (var progress : query.recentProgress()) {
                    System.out.println("batch " + progress.batchId() + ": " + progress.numInputRows() + " rows, "
                            + progress.durationMs());
                }
            }
            System.out.printf("Kafka -> from_json -> explode -> to_json -> Kafka: %d invoices (%d rows out) in %.2f s"
                    + " = %.0f invoices/s, %.0f rows/s; process CPU %.2f s = %.2f us/invoice (broker included)%n",
                    invoices, written, seconds, invoices / seconds, written / seconds, cpuSeconds,
                    cpuSeconds * 1e6 / invoices);
            spark.stop();
        }
    }

    /** CPU time of this whole process (the pipeline, the in-process broker, the JIT and the GC). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
