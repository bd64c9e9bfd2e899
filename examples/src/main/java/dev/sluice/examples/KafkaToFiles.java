package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Case 3 ("Consumiendo Kafka"): invoices produced to the topic {@code facturas} are read with the Kafka source,
 * parsed with {@code from_json} and the tutorial's schema, exploded into one JSON document per line item
 * (with the delivery address fields) and written to the folder {@code salida}.
 */
public final class KafkaToFiles implements TutorialCase {
    @Override
    public String name() {
        return "kafka-files";
    }

    @Override
    public String description() {
        return "Case 3: Kafka invoices -> from_json -> explode(InvoiceLineItems) -> JSON files";
    }

    /** The Kafka reader of Cases 3 and 4 on {@code topic}, from the earliest offset. */
    static Dataset<Row> kafkaReader(SluiceSession spark, String servers, String topic) {
        return spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", servers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load();
    }

    /** Case 3's transformation: Kafka value → invoice struct → one row per line item. */
    static Dataset<Row> limpioDF(Dataset<Row> kafkaDF) {
        Dataset<Row> valueDF = kafkaDF.select(
                from_json(col("value").cast("string"), TutorialData.INVOICE_SCHEMA).alias("value"));
        Dataset<Row> explodeDF = valueDF.selectExpr("value.InvoiceNumber", "value.CreatedTime",
                "value.StoreID", "value.PosID", "value.CustomerType",
                "value.PaymentMethod", "value.DeliveryType", "value.DeliveryAddress.City",
                "value.DeliveryAddress.State", "value.DeliveryAddress.PinCode",
                "explode(value.InvoiceLineItems) as LineItem");
        return InvoiceFiles.limpio(explodeDF);
    }

    /** Case 3's writer: JSON files in {@code salida}, checkpoint in {@code checkpoint}. */
    static StreamingQuery startFileWriter(Dataset<Row> limpioDF, Path salida, Path checkpoint)
            throws Exception {
        return limpioDF.writeStream()
                .format("json")
                .queryName("Facturas Kafka Writer")
                .outputMode("append")
                .option("path", salida.toString())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.ProcessingTime("1 second"))
                .start();
    }

    /** Prints every line of the JSON files in {@code salida}, file by file in name order. */
    static void printFiles(PrintStream out, Path salida) throws IOException {
        for (String file : ExampleContext.listFiles(salida)) {
            Files.readAllLines(salida.resolve(file)).forEach(out::println);
        }
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        KafkaTopics kafka = context.kafka();
        String facturas = kafka.freshTopic("facturas");
        SluiceSession spark = Sluice.builder().appName("Kafka Streaming").master("local[3]").getOrCreate();

        Dataset<Row> kafkaDF = kafkaReader(spark, kafka.bootstrapServers(), facturas);
        kafkaDF.printSchema();
        Dataset<Row> limpioDF = limpioDF(kafkaDF);
        Path salida = context.folder("kafka-files/salida");
        StreamingQuery facturaWriterQuery = startFileWriter(limpioDF, salida,
                context.folder("kafka-files/chk-point-dir"));

        out.println("producing the tutorial's invoice to " + facturas);
        kafka.produce(facturas, List.of(TutorialData.FIRST_INVOICE));
        facturaWriterQuery.processAllAvailable();
        out.println("salida:");
        printFiles(out, salida);
        context.followUntilStopped("producing 3 invoices", 2_000, round -> {
            kafka.produce(facturas, TutorialData.invoices(100 + 3 * round, 3));
            facturaWriterQuery.processAllAvailable();
            out.println("salida: " + spark.read().json(salida.toString()).count() + " line items");
        });
        facturaWriterQuery.stop();
    }
}
