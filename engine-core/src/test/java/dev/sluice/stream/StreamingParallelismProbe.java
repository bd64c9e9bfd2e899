package dev.sluice.stream;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run by {@link StreamingParallelismTest} in a fresh JVM per {@code local[N]}: the same micro-batches (many
 * chunks each, late rows, a moving watermark) through a windowed aggregation in append mode, an update-mode
 * aggregation and a deduplication; prints every batch's output rows in the order the sink received them.
 */
public final class StreamingParallelismProbe {
    private StreamingParallelismProbe() {
    }

    public static void main(String[] args) throws Exception {
        SluiceSession spark = Sluice.builder().master("local[" + args[0] + "]")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "7")
                .getOrCreate();
        StructType schema = new StructType().add("key", DataTypes.IntegerType).add("v", DataTypes.LongType)
                .add("ts", DataTypes.TimestampType);
        MemoryStream input = MemoryStream.of(spark, schema);
        Dataset<Row> events = input.toDF().withWatermark("ts", "2 minutes");
        List<String> out = new ArrayList<>();
        List<StreamingQuery> queries = List.of(
                events.groupBy(window(col("ts"), "1 minute"), col("key")).agg(count("*"), sum("v"))
                        .writeStream().outputMode("append").foreachBatch((Dataset<Row> ds, Long id) ->
                                record(out, "windowed", id, ds)).start(),
                input.toDF().groupBy(col("key")).agg(count("*"), sum("v"))
                        .writeStream().outputMode("update").foreachBatch((Dataset<Row> ds, Long id) ->
                                record(out, "update", id, ds)).start(),
                events.dropDuplicates("key", "ts")
                        .writeStream().foreachBatch((Dataset<Row> ds, Long id) -> record(out, "dedup", id, ds)).start());
        Random random = new Random(7);
        long base = 1_700_000_000_000L;
        for (int batch = 0; batch < 5; batch++) {
            // one addData per batch (so batch boundaries do not depend on timing), several chunks each
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 4 * dev.sluice.batch.Chunk.DEFAULT_ROWS + 500; i++) {
                long minute = batch * 3L + random.nextInt(4) - (random.nextInt(10) == 0 ? 5 : 0); // some late
                rows.add(RowFactory.create(random.nextInt(300), (long) random.nextInt(1000),
                        new Timestamp(base + minute * 60_000L + random.nextInt(60_000))));
            }
            input.addData(rows);
            for (StreamingQuery q : queries) {
                q.processAllAvailable();
            }
        }
        for (StreamingQuery q : queries) {
            q.stop();
        }
        synchronized (out) {
            out.forEach(System.out::println);
        }
        spark.stop();
    }

    private static void record(List<String> out, String query, long batchId, Dataset<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            lines.add(query + " " + batchId + " " + r);
        }
        synchronized (out) {
            out.addAll(lines);
        }
    }
}
