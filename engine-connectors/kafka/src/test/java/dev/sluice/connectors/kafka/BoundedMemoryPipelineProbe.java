package dev.sluice.connectors.kafka;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;

/**
 * Run by {@link BoundedMemoryPipelineTest} in a JVM with a small heap: the Kafka pipeline of tutorial Cases 3-4
 * (from_json → explode of the line items → to_json) over a whole topic in one {@code AvailableNow} batch, into
 * the exactly-once Kafka sink. Args: bootstrap servers, input topic, output topic, checkpoint folder.
 */
public final class BoundedMemoryPipelineProbe {
    static final StructType INVOICE = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT, StoreID STRING,"
            + " PosID STRING, CustomerType STRING, CustomerCardNo STRING, TotalAmount DOUBLE, DeliveryType STRING,"
            + " InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING, ItemDescription: STRING, ItemPrice: DOUBLE,"
            + " ItemQty: INT, TotalValue: DOUBLE>>");

    private BoundedMemoryPipelineProbe() {
    }

    public static void main(String[] args) throws Exception {
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        Dataset<Row> items = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", args[0]).option("subscribe", args[1])
                .option("startingOffsets", "earliest").load()
                .select(from_json(col("value").cast("string"), INVOICE).alias("value"))
                .select(col("value.InvoiceNumber"), col("value.StoreID"),
                        explode(col("value.InvoiceLineItems")).alias("LineItem"))
                .selectExpr("InvoiceNumber AS key", "to_json(named_struct('StoreID', StoreID, 'ItemCode',"
                        + " LineItem.ItemCode, 'TotalValue', LineItem.TotalValue)) AS value");
        StreamingQuery query = items.writeStream().format("kafka")
                .option("kafka.bootstrap.servers", args[0]).option("topic", args[2])
                .option("deliveryGuarantee", "exactly_once")
                .option("checkpointLocation", args[3]).trigger(Trigger.AvailableNow()).start();
        query.awaitTermination();
        var progress = query.recentProgress();
        System.out.println("BATCHES " + progress.length + " INPUT " + progress[0].numInputRows()
                + " MAXHEAP " + Runtime.getRuntime().maxMemory());
        spark.stop();
    }
}
