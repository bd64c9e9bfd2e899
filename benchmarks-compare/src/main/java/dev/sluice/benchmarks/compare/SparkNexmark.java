package dev.sluice.benchmarks.compare;

import dev.sluice.nexmark.NexmarkQuery;
import dev.sluice.nexmark.OutputCheck;
import dev.sluice.nexmark.QueryRun;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@link dev.sluice.nexmark.SluiceNexmark}'s twin on Apache Spark: the same watermark, views, SQL text and digest
 * over Spark's classes. Used from one thread.
 */
final class SparkNexmark {
    private SparkNexmark() {
    }

    static SparkSession session(String workDir) {
        return SparkSession.builder().master("local[2]").appName("nexmark")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.local.dir", workDir + "/spark-local")
                .config("spark.sql.warehouse.dir", workDir + "/spark-warehouse")
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    static void registerViews(Dataset<Row> events) {
        Dataset<Row> watermarked = events.withWatermark("dateTime", NexmarkQuery.WATERMARK);
        watermarked.filter("event_type = 0").selectExpr(NexmarkQuery.PERSON_COLUMNS).createOrReplaceTempView("person");
        watermarked.filter("event_type = 1").selectExpr(NexmarkQuery.AUCTION_COLUMNS)
                .createOrReplaceTempView("auction");
        watermarked.filter("event_type = 2").selectExpr(NexmarkQuery.BID_COLUMNS).createOrReplaceTempView("bid");
    }

    /** Runs {@code query} over {@code events} (bounded) with {@code Trigger.AvailableNow}; returns its digest. */
    static QueryRun run(SparkSession session, Dataset<Row> events, NexmarkQuery query, String checkpoint)
            throws Exception {
        registerViews(events);
        // Spark 4.1.1 returns no rows for q5 when it reuses the exchange that the two identical bids-per-auction
        // aggregations share (found by this suite: with reuse off its output equals Sluice's and the reference, batch
        // for batch; benchmarks/README.md "q5 and Spark's exchange reuse"). Off for q5 only, on as by default elsewhere.
        session.conf().set("spark.sql.exchange.reuse", String.valueOf(query != NexmarkQuery.Q5));
        Dataset<Row> result = session.sql(query.sql());
        OutputCheck check = new OutputCheck(query);
        long start = System.nanoTime();
        StreamingQuery running = result.writeStream().outputMode(query.outputMode()).trigger(Trigger.AvailableNow())
                .option("checkpointLocation", checkpoint)
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    check.newBatch();
                    for (Row row : batch.collectAsList()) {
                        check.row(row.length(), row::get);
                    }
                }).start();
        running.awaitTermination();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new QueryRun(check.digest(), seconds);
    }
}
