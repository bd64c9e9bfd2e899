package dev.sluice.benchmarks.compare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import dev.sluice.benchmarks.KafkaPipelineBenchmark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link Engine} on Apache Spark, {@code local[2]}, UI off, every server on 127.0.0.1 and every local dir
 * under the work dir. The queries are the same text as {@link SluiceEngine}'s. Not thread-safe.
 */
final class SparkEngine implements Engine {
    private static final String HDFS_PROVIDER =
            "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider";
    private static final String ROCKSDB_PROVIDER =
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
    private final SparkSession session;

    SparkEngine(WorkloadOptions options) {
        String work = options.workDir.toAbsolutePath().toString();
        session = SparkSession.builder().master("local[2]").appName("compare")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.local.dir", work + "/spark-local")
                .config("spark.sql.warehouse.dir", work + "/spark-warehouse")
                .config("spark.sql.shuffle.partitions", options.shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Measurement windowedAggregation(WorkloadOptions options, Workload workload, boolean rocksDb,
                                           GroupDigest verify) throws Exception {
        session.conf().set("spark.sql.streaming.stateStore.providerClass", rocksDb ? ROCKSDB_PROVIDER : HDFS_PROVIDER);
        Dataset<Row> result = session.readStream().schema(Queries.EVENT_SCHEMA)
                .option("maxFilesPerTrigger", options.filesPerTrigger).json(options.eventsDir().toString())
                .withWatermark("ts", Queries.WATERMARK)
                .groupBy(window(col("ts"), Queries.WINDOW), col("key"))
                .agg(count(lit(1)).alias("cnt"), sum("value").alias("total"))
                .selectExpr(Queries.AGGREGATE_OUTPUT);
        DataStreamWriter<Row> writer = result.writeStream().outputMode("update").trigger(Trigger.AvailableNow())
                .option("checkpointLocation", options.checkpointDir(name(), workload).toString());
        if (verify == null) {
            writer.format("noop");
        } else {
            writer.foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                for (Row row : batch.collectAsList()) {
                    verify.add(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3));
                }
            });
        }
        long start = System.nanoTime();
        StreamingQuery query = writer.start();
        query.awaitTermination();
        double seconds = (System.nanoTime() - start) / 1e9;
        StreamingQueryProgress[] progress = query.recentProgress();
        long input = 0;
        for (StreamingQueryProgress p : progress) {
            input += p.numInputRows();
        }
        long stateRows = progress[progress.length - 1].stateOperators()[0].numRowsTotal();
        return Queries.throughput(name(), workload, options.rows, seconds, Queries.aggregationCheck(input, stateRows));
    }

    @Override
    public long jsonFolderToParquet(WorkloadOptions options, java.nio.file.Path input) throws Exception {
        StreamingQuery query = session.readStream().schema(Queries.EVENT_SCHEMA).json(input.toString()).writeStream()
                .format("parquet").option("path", options.workDir.resolve("w6-out-" + System.nanoTime())
                        .toAbsolutePath().toString())
                .option("checkpointLocation", options.checkpointDir(name(), Workload.W6).toString()).start();
        try {
            query.processAllAvailable();
            return query.lastProgress().numInputRows();
        } finally {
            query.stop();
        }
    }

    @Override
    public OneRowQuery startOneRowQuery(WorkloadOptions options) throws Exception {
        MemoryStream<Long> stream = MemoryStream.apply(Encoders.LONG(), session);
        StreamingQuery query = stream.toDF().selectExpr(Queries.ONE_ROW_PROJECTION).writeStream().format("noop")
                .option("checkpointLocation", options.checkpointDir(name(), Workload.W3_P50).toString()).start();
        return new OneRowLoop() {
            @Override
            void addRowAndWait(long value) {
                stream.addData(CollectionConverters.asScala(List.of(value)));
                query.processAllAvailable();
            }

            @Override
            List<long[]> recentProgress() {
                List<long[]> reports = new ArrayList<>();
                for (StreamingQueryProgress p : query.recentProgress()) {
                    reports.add(new long[] {p.batchId(), p.numInputRows(), p.durationMs().get("triggerExecution")});
                }
                return reports;
            }

            @Override
            public void close() throws Exception {
                query.stop();
            }
        };
    }

    @Override
    public Measurement kafkaPipeline(WorkloadOptions options, String bootstrapServers, String topic) throws Exception {
        StructType invoice = StructType.fromDDL(KafkaPipelineBenchmark.INVOICE.toDDL());
        Dataset<Row> items = session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", KafkaData.INVOICES).option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger).load()
                .select(from_json(col("value").cast("string"), invoice).alias("value"))
                .select(col("value.InvoiceNumber"), col("value.StoreID"),
                        explode(col("value.InvoiceLineItems")).alias("LineItem"))
                .selectExpr(Queries.KAFKA_OUTPUT);
        long start = System.nanoTime();
        StreamingQuery query = items.writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrapServers)
                .option("topic", topic).trigger(Trigger.AvailableNow())
                .option("checkpointLocation", options.checkpointDir(name(), Workload.W4).toString()).start();
        query.awaitTermination();
        double seconds = (System.nanoTime() - start) / 1e9;
        return Queries.throughput(name(), Workload.W4, options.invoices, seconds, "");
    }

    @Override
    public void close() {
        session.stop();
    }
}
