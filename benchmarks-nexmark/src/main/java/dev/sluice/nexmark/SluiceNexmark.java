package dev.sluice.nexmark;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;

/**
 * Runs a {@link NexmarkQuery} on Sluice over a stream of Nexmark events (the {@code nexmark} source or files of
 * its rows): watermark, the three views, the query's SQL, and a {@code foreachBatch} sink that folds every output
 * row into a {@link ResultDigest}. The Spark runner in benchmarks-compare does the same with Spark's classes. Used
 * from one thread.
 */
public final class SluiceNexmark {
    private SluiceNexmark() {
    }

    /** Registers the {@code person}, {@code auction} and {@code bid} views over {@code events}. */
    public static void registerViews(Dataset<Row> events) {
        Dataset<Row> watermarked = events.withWatermark("dateTime", NexmarkQuery.WATERMARK);
        watermarked.filter("event_type = 0").selectExpr(NexmarkQuery.PERSON_COLUMNS).createOrReplaceTempView("person");
        watermarked.filter("event_type = 1").selectExpr(NexmarkQuery.AUCTION_COLUMNS)
                .createOrReplaceTempView("auction");
        watermarked.filter("event_type = 2").selectExpr(NexmarkQuery.BID_COLUMNS).createOrReplaceTempView("bid");
    }

    /**
     * Runs {@code query} over {@code events} (a bounded stream) with {@code Trigger.AvailableNow} to its end.
     */
    public static QueryRun run(SluiceSession session, Dataset<Row> events, NexmarkQuery query, String checkpoint)
            throws Exception {
        registerViews(events);
        Dataset<Row> result = session.sql(query.sql());
        OutputCheck check = new OutputCheck(query);
        long start = System.nanoTime();
        StreamingQuery running = result.writeStream().outputMode(query.outputMode()).trigger(Trigger.AvailableNow())
                .option("checkpointLocation", checkpoint).foreachBatch((Dataset<Row> batch, Long id) -> {
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
