package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Case 4: invoices arrive on the Kafka topic {@code facturas}; each becomes a loyalty notification
 * ({@code to_json(named_struct(...))}, key = InvoiceNumber) on the topic {@code notificaciones}.
 */
public final class KafkaNotifications implements TutorialCase {
    static final StructType SCHEMA = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT, StoreID STRING,"
            + " PosID STRING, CashierID STRING, CustomerType STRING, CustomerCardNo STRING, TotalAmount DOUBLE,"
            + " NumberOfItems INT, PaymentMethod STRING, CGST DOUBLE, SGST DOUBLE, CESS DOUBLE, DeliveryType STRING,"
            + " DeliveryAddress STRUCT<AddressLine: STRING, City: STRING, State: STRING, PinCode: STRING,"
            + " ContactNumber: STRING>, InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING, ItemDescription: STRING,"
            + " ItemPrice: DOUBLE, ItemQty: INT, TotalValue: DOUBLE>>");

    @Override
    public String name() {
        return "kafka-notifications";
    }

    @Override
    public String description() {
        return "Case 4: Kafka invoices -> loyalty-point notifications (to_json(named_struct)) -> Kafka";
    }

    static String invoice(String number, String card, double total) {
        return "{\"InvoiceNumber\":\"" + number + "\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
                + "\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\",\"CustomerCardNo\":\"" + card
                + "\",\"TotalAmount\":" + total + ",\"NumberOfItems\":1,\"PaymentMethod\":\"CARD\",\"CGST\":1.0,"
                + "\"SGST\":1.0,\"CESS\":0.5,\"DeliveryType\":\"TAKEAWAY\",\"InvoiceLineItems\":[{\"ItemCode\":\"458\","
                + "\"ItemDescription\":\"Wine glass\",\"ItemPrice\":" + total + ",\"ItemQty\":1,\"TotalValue\":" + total
                + "}]}";
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        String servers = context.kafkaBootstrapServers();
        context.createTopic("facturas", 1);
        context.createTopic("notificaciones", 1);
        SluiceSession spark = Sluice.builder().appName("Kafka Notificaciones").master("local[2]").getOrCreate();

        Dataset<Row> kafkaDF = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", servers)
                .option("subscribe", "facturas")
                .option("startingOffsets", "earliest")
                .load();
        Dataset<Row> valueDF = kafkaDF.select(from_json(col("value").cast("string"), SCHEMA).alias("value"));
        Dataset<Row> notificationDF = valueDF.select("value.InvoiceNumber", "value.CustomerCardNo",
                        "value.TotalAmount")
                .withColumn("LoyaltyPoints", expr("TotalAmount * 0.2"));
        Dataset<Row> kafkaTargetDF = notificationDF.selectExpr("InvoiceNumber as key",
                "to_json(named_struct('CustomerCardNo', CustomerCardNo, 'TotalAmount', TotalAmount,"
                        + " 'EarnedLoyaltyPoints', TotalAmount * 0.2)) as value");
        StreamingQuery query = kafkaTargetDF.writeStream()
                .queryName("Notificaciones Writer")
                .format("kafka")
                .option("kafka.bootstrap.servers", servers)
                .option("topic", "notificaciones")
                .outputMode("append")
                .option("checkpointLocation", context.folder("notificaciones-chk-point-dir").toString())
                .start();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            out.println("producing 1 invoice, then 2 more");
            producer.send(new ProducerRecord<>("facturas", invoice("51402977", "4629185211", 11114.0))).get();
            query.processAllAvailable();
            producer.send(new ProducerRecord<>("facturas", invoice("51402978", "2762345282", 8272.0))).get();
            producer.send(new ProducerRecord<>("facturas", invoice("51402979", "2599848717", 3374.0))).get();
            query.processAllAvailable();
        }
        query.stop();
        out.println("topic notificaciones (key -> value):");
        for (String line : readAll(servers, "notificaciones")) {
            out.println(line);
        }
    }

    private static List<String> readAll(String servers, String topic) {
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName(), "auto.offset.reset", "earliest"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    lines.add(r.key() + " -> " + r.value());
                }
            }
        }
        return lines;
    }
}
