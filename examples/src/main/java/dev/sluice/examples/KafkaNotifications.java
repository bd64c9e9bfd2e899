package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Case 4 ("Produciendo a Kafka"): invoices arrive on the Kafka topic {@code facturas}; each becomes a loyalty
 * notification ({@code to_json(named_struct(...))}, key = InvoiceNumber) on the topic {@code notificaciones}.
 */
public final class KafkaNotifications implements TutorialCase {
    @Override
    public String name() {
        return "kafka-notifications";
    }

    @Override
    public String description() {
        return "Case 4: Kafka invoices -> loyalty-point notifications (to_json(named_struct)) -> Kafka";
    }

    /** The three invoices the case produces (the tutorial's consumer output shows their notifications). */
    static List<String> invoices() {
        return TutorialData.invoices(0, 3);
    }

    /** Case 4's transformation: Kafka value → (key, value) pairs for the notifications topic. */
    static Dataset<Row> kafkaTargetDF(Dataset<Row> kafkaDFS) {
        Dataset<Row> valueDF = kafkaDFS.select(
                from_json(col("value").cast("string"), TutorialData.INVOICE_SCHEMA).alias("value"));
        Dataset<Row> notificationDF = valueDF.select("value.InvoiceNumber", "value.CustomerCardNo",
                        "value.TotalAmount")
                .withColumn("LoyaltyPoints", expr("TotalAmount * 0.2"));
        return notificationDF.selectExpr("InvoiceNumber as key",
                "to_json(named_struct('CustomerCardNo', CustomerCardNo, 'TotalAmount', TotalAmount,"
                        + " 'EarnedLoyaltyPoints', TotalAmount * 0.2)) as value");
    }

    /** Case 4's writer to {@code topic}, checkpoint in {@code checkpoint}. */
    static StreamingQuery startKafkaWriter(Dataset<Row> kafkaTargetDF, String servers, String topic,
            Path checkpoint) throws Exception {
        return kafkaTargetDF.writeStream()
                .queryName("Notificaciones Writer")
                .format("kafka")
                .option("kafka.bootstrap.servers", servers)
                .option("topic", topic)
                .outputMode("append")
                .option("checkpointLocation", checkpoint.toString())
                .start();
    }

    /** Prints the topic as the tutorial's console consumer would, with the keys. */
    static void printTopic(PrintStream out, KafkaTopics kafka, String topic) {
        out.println("topic " + topic + " (key -> value):");
        kafka.readAll(topic).forEach(out::println);
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        KafkaTopics kafka = context.kafka();
        String facturas = kafka.freshTopic("facturas");
        String notificaciones = kafka.freshTopic("notificaciones");
        SluiceSession spark = Sluice.builder().appName("Kafka Streaming Sink").master("local[3]").getOrCreate();

        Dataset<Row> kafkaDFS = KafkaToFiles.kafkaReader(spark, kafka.bootstrapServers(), facturas);
        StreamingQuery notificacionWriterQuery = startKafkaWriter(kafkaTargetDF(kafkaDFS), kafka.bootstrapServers(),
                notificaciones, context.folder("notificaciones-chk-point-dir"));

        List<String> invoices = invoices();
        out.println("producing 1 invoice to " + facturas + ", then 2 more");
        kafka.produce(facturas, invoices.subList(0, 1));
        notificacionWriterQuery.processAllAvailable();
        kafka.produce(facturas, invoices.subList(1, 3));
        notificacionWriterQuery.processAllAvailable();
        context.followUntilStopped("producing 3 invoices", 2_000, round -> {
            kafka.produce(facturas, TutorialData.invoices(100 + 3 * round, 3));
            notificacionWriterQuery.processAllAvailable();
            out.println(notificaciones + ": " + kafka.readAll(notificaciones).size() + " notifications");
        });
        notificacionWriterQuery.stop();
        printTopic(out, kafka, notificaciones);
    }
}
