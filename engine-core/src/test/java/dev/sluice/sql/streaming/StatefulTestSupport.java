package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.window;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared by the stateful streaming tests: the state store provider under test (subclasses in engine-state
 * switch to RocksDB) and the watermark example of Spark's programming guide: word counts in 10-minute windows sliding every 5
 * minutes, with a 10-minute watermark, fed four batches of (word, event time). Each expected row below is
 * derived from Spark's rules (SEMANTICS.md):
 * <ul>
 *   <li>a batch filters late rows with the watermark of the previous batch and evicts/emits with its own;</li>
 *   <li>the watermark of a batch is max(event time seen before it) - 10 minutes;</li>
 *   <li>a window is final when {@code window.end <= watermark};</li>
 *   <li>when a batch moves the watermark, a no-data batch follows (batch ids count it).</li>
 * </ul>
 */
abstract class StatefulTestSupport extends StreamingTestSupport {
    static final StructType EVENTS = new StructType().add("word", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** The state store provider under test. */
    String provider() {
        return "hdfs";
    }

    @BeforeEach
    void useProvider() {
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", provider());
    }

    /** Makes the next query fail right after the state commit of batch {@code batch} (before its commit log entry). */
    void crashAfterStateCommit(long batch) {
        spark.streams().setHooks(new dev.sluice.stream.BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == batch) {
                    throw new IllegalStateException("injected crash after the state commit of batch " + batch);
                }
            }
        });
    }

    static Row event(String word, String hhmm) {
        return RowFactory.create(word, Timestamp.from(Instant.parse("2024-01-01T" + hhmm + ":00Z")));
    }

    static String hhmm(Object timestamp) {
        return HH_MM.format(((Timestamp) timestamp).toInstant());
    }

    /** "12:00-12:10 dog 2" for a (window, word, count) row. */
    static String describe(Row r) {
        Row w = (Row) r.get(0);
        return hhmm(w.get(0)) + "-" + hhmm(w.get(1)) + " " + r.getString(1) + " " + r.getLong(2);
    }

    Dataset<Row> windowedCounts(MemoryStream input) {
        return input.toDF().withWatermark("ts", "10 minutes")
                .groupBy(window(col("ts"), "10 minutes", "5 minutes"), col("word")).count();
    }

    static final List<List<Row>> GUIDE_BATCHES = List.of(
            List.of(event("dog", "12:07"), event("owl", "12:08")),
            List.of(event("dog", "12:14"), event("cat", "12:09")),
            List.of(event("cat", "12:15"), event("dog", "12:08"), event("owl", "12:13"), event("owl", "12:21")),
            List.of(event("donkey", "12:04"), event("owl", "12:17")));

    /** Starts the guide's query; every batch's sorted output rows go to {@code out} by batch id. */
    StreamingQuery startGuideQuery(MemoryStream input, String outputMode, String checkpoint,
                                   Map<Long, List<String>> out) throws Exception {
        var writer = windowedCounts(input).writeStream().outputMode(outputMode);
        if (checkpoint != null) {
            writer = writer.option("checkpointLocation", checkpoint);
        }
        return writer.foreachBatch((Dataset<Row> ds, Long id) -> {
            List<String> rows = new ArrayList<>();
            ds.collectAsList().forEach(r -> rows.add(describe(r)));
            rows.sort(null);
            out.put(id, rows);
        }).start();
    }

    /** Runs the guide's four batches; returns the sorted output rows of every batch id (including no-data ones). */
    Map<Long, List<String>> runGuideExample(String outputMode, List<StreamingQuery> started) throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Map<Long, List<String>> out = java.util.Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = startGuideQuery(input, outputMode, null, out);
        started.add(q);
        for (List<Row> batch : GUIDE_BATCHES) {
            input.addData(batch);
            q.processAllAvailable();
        }
        return out;
    }

}
