package dev.sluice.connectors.kafka;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.from_json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tutorial Case 4: invoices from Kafka become loyalty notifications written back to Kafka. */
class KafkaTutorialCase4Test extends KafkaTestSupport {
    @TempDir
    Path dir;

    @Test
    void invoicesBecomeNotificationsKeyedByInvoiceNumber() throws Exception {
        String facturas = topic("facturas", 1);
        String notificaciones = topic("notificaciones", 1);
        Dataset<Row> kafkaDFS = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", servers())
                .option("subscribe", facturas)
                .option("startingOffsets", "earliest")
                .load();
        assertThat(kafkaDFS.schema().simpleString()).isEqualTo("struct<key:binary,value:binary,topic:string,"
                + "partition:int,offset:bigint,timestamp:timestamp,timestampType:int>");

        Dataset<Row> valueDF = kafkaDFS.select(from_json(col("value").cast("string"), Invoices.SCHEMA).alias("value"));
        Dataset<Row> notificationDF = valueDF.select("value.InvoiceNumber", "value.CustomerCardNo", "value.TotalAmount")
                .withColumn("LoyaltyPoints", expr("TotalAmount * 0.2"));
        Dataset<Row> kafkaTargetDF = notificationDF.selectExpr("InvoiceNumber as key",
                "to_json(named_struct('CustomerCardNo', CustomerCardNo, 'TotalAmount', TotalAmount,"
                        + " 'EarnedLoyaltyPoints', TotalAmount * 0.2)) as value");
        StreamingQuery query = kafkaTargetDF.writeStream()
                .queryName("Notificaciones Writer")
                .format("kafka")
                .option("kafka.bootstrap.servers", servers())
                .option("topic", notificaciones)
                .outputMode("append")
                .option("checkpointLocation", dir.resolve("chk-point-dir").toString())
                .start();

        send(facturas, null, Invoices.FIRST);
        query.processAllAvailable();
        send(facturas, null, Invoices.invoice("51402978", "2762345282", 8272.0),
                Invoices.invoice("51402979", "2599848717", 3374.0));
        query.processAllAvailable();
        send(facturas, null, Invoices.FIRST);
        query.processAllAvailable();

        List<ConsumerRecord<byte[], byte[]>> out = readAll(notificaciones, false);
        assertThat(out.stream().map(r -> text(r.value())).toList()).containsExactly(
                "{\"CustomerCardNo\":\"4629185211\",\"TotalAmount\":11114.0,\"EarnedLoyaltyPoints\":2222.8}",
                "{\"CustomerCardNo\":\"2762345282\",\"TotalAmount\":8272.0,\"EarnedLoyaltyPoints\":1654.4}",
                "{\"CustomerCardNo\":\"2599848717\",\"TotalAmount\":3374.0,\"EarnedLoyaltyPoints\":674.8000000000001}",
                "{\"CustomerCardNo\":\"4629185211\",\"TotalAmount\":11114.0,\"EarnedLoyaltyPoints\":2222.8}");
        assertThat(out.stream().map(r -> text(r.key())).toList())
                .containsExactly("51402977", "51402978", "51402979", "51402977");
        assertThat(query.lastProgress().sources()[0].description()).isEqualTo("KafkaV2[Subscribe[" + facturas + "]]");
        assertThat(query.lastProgress().sources()[0].endOffset()).isEqualTo("{\"" + facturas + "\":{\"0\":4}}");
    }
}
