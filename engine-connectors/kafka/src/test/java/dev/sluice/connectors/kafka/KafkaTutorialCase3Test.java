package dev.sluice.connectors.kafka;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.from_json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tutorial Case 3: invoices from Kafka, parsed with from_json, one JSON document per line item in files. */
class KafkaTutorialCase3Test extends KafkaTestSupport {
    @TempDir
    Path dir;

    private static String twoItems(String number) {
        return "{\"InvoiceNumber\":\"" + number + "\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
                + "\"PosID\":\"POS956\",\"CustomerType\":\"PRIME\",\"PaymentMethod\":\"CARD\","
                + "\"DeliveryType\":\"HOME-DELIVERY\",\"DeliveryAddress\":{\"City\":\"Pune\",\"State\":\"Maharashtra\","
                + "\"PinCode\":\"411001\"},\"InvoiceLineItems\":[{\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\","
                + "\"ItemPrice\":1644.0,\"ItemQty\":2,\"TotalValue\":3288.0},{\"ItemCode\":\"283\",\"ItemDescription\":"
                + "\"Portable Lamps\",\"ItemPrice\":2236.0,\"ItemQty\":1,\"TotalValue\":2236.0}]}";
    }

    @Test
    void kafkaInvoicesAreExplodedIntoJsonFiles() throws Exception {
        String facturas = topic("facturas", 1);
        send(facturas, 0, Invoices.FIRST, twoItems("1001"));
        Dataset<Row> kafkaDF = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", facturas).option("startingOffsets", "earliest").load();
        Dataset<Row> valueDF = kafkaDF.select(from_json(col("value").cast("string"), Invoices.SCHEMA).alias("value"));
        Dataset<Row> explodeDF = valueDF.selectExpr("value.InvoiceNumber", "value.CreatedTime", "value.StoreID",
                "value.PosID", "value.CustomerType", "value.PaymentMethod", "value.DeliveryType",
                "value.DeliveryAddress.City", "value.DeliveryAddress.State", "value.DeliveryAddress.PinCode",
                "explode(value.InvoiceLineItems) as LineItem");
        Dataset<Row> limpioDF = explodeDF
                .withColumn("ItemCode", expr("LineItem.ItemCode"))
                .withColumn("ItemDescription", expr("LineItem.ItemDescription"))
                .withColumn("ItemPrice", expr("LineItem.ItemPrice"))
                .withColumn("ItemQty", expr("LineItem.ItemQty"))
                .withColumn("TotalValue", expr("LineItem.TotalValue"))
                .drop("LineItem");
        Path salida = dir.resolve("salida");
        StreamingQuery query = limpioDF.writeStream().format("json").queryName("Facturas Kafka Writer")
                .outputMode("append").option("path", salida.toString())
                .option("checkpointLocation", dir.resolve("chk-point-dir").toString()).start();
        query.processAllAvailable();
        send(facturas, 0, twoItems("1002"));
        query.processAllAvailable();
        query.stop();

        Dataset<Row> written = spark.read().json(salida.toString());
        List<Row> rows = written.orderBy("InvoiceNumber", "ItemCode").collectAsList();
        assertThat(column(rows, "InvoiceNumber")).containsExactly("1001", "1001", "1002", "1002", "51402977", "51402977",
                "51402977", "51402977");
        assertThat(column(rows, "ItemDescription"))
                .containsExactly("Portable Lamps", "Wine glass", "Portable Lamps", "Wine glass", "Portable Lamps", "Wine glass",
                        "Carving knifes", "Oil-lamp clock");
        assertThat(column(rows, "City")).containsExactly("Pune", "Pune", "Pune", "Pune", null, null, null, null);
        assertThat(column(rows, "TotalValue")).containsExactly("2236.0", "3288.0", "2236.0", "3288.0", "2236.0",
                "3288.0", "2848.0", "2742.0");
        try (Stream<Path> files = Files.list(salida)) {
            String first = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow().toString();
            assertThat(Files.readAllLines(Path.of(first)).get(0)).startsWith("{\"InvoiceNumber\":\"")
                    .contains("\"ItemCode\":").doesNotContain("LineItem");
        }
    }
}
