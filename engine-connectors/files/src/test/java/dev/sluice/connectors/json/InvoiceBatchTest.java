package dev.sluice.connectors.json;

import dev.sluice.testkit.TutorialInvoices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.TestRows;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch half of the tutorial's Case 2: invoice JSON → one row per line item → JSON files. */
class InvoiceBatchTest {
    @TempDir
    Path dir;

    @Test
    void explodesInvoiceLineItemsIntoTheTutorialsDocuments() throws IOException {
        SluiceSession spark = TestRows.session();
        Path in = Files.createDirectories(dir.resolve("entrada"));
        Files.writeString(in.resolve("invoices-1.json"), TutorialInvoices.jsonLines(30, 7));
        Dataset<Row> raw = spark.read().format("json").option("path", in.toString()).load();
        Dataset<Row> exploded = raw.selectExpr("InvoiceNumber", "CreatedTime", "StoreID", "PosID", "CustomerType",
                "PaymentMethod", "DeliveryType", "DeliveryAddress.City", "DeliveryAddress.State",
                "DeliveryAddress.PinCode", "explode(InvoiceLineItems) as LineItem");
        Dataset<Row> flat = exploded
                .withColumn("ItemCode", exploded.col("LineItem.ItemCode"))
                .withColumn("ItemDescription", exploded.col("LineItem.ItemDescription"))
                .withColumn("ItemPrice", exploded.col("LineItem.ItemPrice"))
                .withColumn("ItemQty", exploded.col("LineItem.ItemQty"))
                .withColumn("TotalValue", exploded.col("LineItem.TotalValue"))
                .drop("LineItem");
        Path out = dir.resolve("salida");
        flat.write().json(out.toString());

        String firstFile;
        try (Stream<Path> files = Files.list(out)) {
            firstFile = files.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow().toString();
        }
        List<String> lines = Files.readAllLines(Path.of(firstFile));
        assertThat(lines).startsWith(
                "{\"InvoiceNumber\":\"51402977\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\",\"PosID\":\"POS956\","
                        + "\"CustomerType\":\"PRIME\",\"PaymentMethod\":\"CARD\",\"DeliveryType\":\"TAKEAWAY\","
                        + "\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\",\"ItemPrice\":1644.0,\"ItemQty\":2,"
                        + "\"TotalValue\":3288.0}");
        long lineItems = raw.selectExpr("explode(InvoiceLineItems)").count();
        assertThat(spark.read().json(out.toString()).count()).isEqualTo(lineItems).isEqualTo(lines.size());
        assertThat(spark.read().json(out.toString()).filter("City is not null").count()).isPositive();
    }
}
