package dev.sluice.benchmarks.compare;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.from_json;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;

import dev.sluice.benchmarks.KafkaPipelineBenchmark;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.DataStreamWriter;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.List;

/** {@link Engine} on Sluice, {@code local[2]}. Not thread-safe. */
final class SluiceEngine implements Engine {
    private final SluiceSession session;

    SluiceEngine(WorkloadOptions options) {
        session = Sluice.builder().master("local[2]").appName("compare")
                .config("spark.sql.shuffle.partitions", options.shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.streaming.checkpoint.fsync", options.sluiceCheckpointFsync).getOrCreate();
    }

    @Override
    public String name() {
        return "sluice";
    }

    @Override
    public Measurement windowedAggregation(WorkloadOptions options, Workload workload, boolean rocksDb,
                                           GroupDigest verify) throws Exception {
        session.conf().set("spark.sql.streaming.stateStore.providerClass", rocksDb ? "rocksdb" : "hdfs");
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
            writer.foreachBatch((batch, id) -> {
                for (Row row : batch.collectAsList()) {
                    verify.add(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3));
                }
            });
        }
        long start = System.nanoTime();
        StreamingQuery query = writer.start();
        query.awaitTermination();
        double seconds = (System.nanoTime() - start) / 1e9;
        return Queries.throughput(name(), workload, options.rows, seconds, progressCheck(query.recentProgress()));
    }

    private static String progressCheck(StreamingQueryProgress[] progress) {
        long input = 0;
        for (StreamingQueryProgress p : progress) {
            input += p.numInputRows();
        }
        StreamingQueryProgress last = progress[progress.length - 1];
        return Queries.aggregationCheck(input, last.stateOperators()[0].numRowsTotal());
    }

    @Override
    public OneRowQuery startOneRowQuery(WorkloadOptions options) throws Exception {
        MemoryStream stream = MemoryStream.of(session, StructType.fromDDL("value BIGINT"));
        StreamingQuery query = stream.toDF().selectExpr(Queries.ONE_ROW_PROJECTION).writeStream().format("noop")
                .option("checkpointLocation", options.checkpointDir(name(), Workload.W3_P50).toString()).start();
        return new OneRowLoop() {
            @Override
            void addRowAndWait(long value) {
                stream.addData(RowFactory.create(value));
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
    public Measurement kafkaPipeline(WorkloadOptions options, String bootstrapServers, String topic) throws Exception {
        Dataset<Row> items = session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", KafkaData.INVOICES).option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger).load()
                .select(from_json(col("value").cast("string"), KafkaPipelineBenchmark.INVOICE).alias("value"))
                .select(col("value.InvoiceNumber"), col("value.StoreID"),
                        explode(col("value.InvoiceLineItems")).alias("LineItem"))
                .selectExpr(Queries.KAFKA_OUTPUT);
        long start = System.nanoTime();
        StreamingQuery query = items.writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrapServers)
                .option("topic", topic).option("deliveryGuarantee", "exactly_once").trigger(Trigger.AvailableNow())
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
