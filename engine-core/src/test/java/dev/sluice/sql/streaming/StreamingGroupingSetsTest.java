package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.grouping_id;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollup}, {@code cube} and SQL {@code GROUPING SETS} on streams, run by Spark through Expand. Every expected
 * row is real Spark 4.1.1's, from a file stream fed the same three batches (one file per trigger) in
 * spark-examples/probes/issue-16-api/Probe2.java; its output is beside it.
 */
class StreamingGroupingSetsTest extends StreamingTestSupport {
    static final StructType SALES = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType)
            .add("x", DataTypes.LongType);
    static final List<List<Row>> BATCHES = List.of(
            List.of(RowFactory.create(1, "p", 10L), RowFactory.create(1, "q", 20L)),
            List.of(RowFactory.create(2, "p", 30L), RowFactory.create(1, "p", 1L)),
            List.of(RowFactory.create(3, null, 5L)));

    @TempDir
    Path dir;

    private static Dataset<Row> rollup(MemoryStream input) {
        return input.toDF().rollup("a", "b").agg(sum("x"), count("*"), grouping_id());
    }

    private Map<Long, List<String>> run(MemoryStream input, Dataset<Row> query, String mode, String checkpoint,
            int from, int to, Map<Long, List<String>> out) throws Exception {
        var writer = query.writeStream().outputMode(mode);
        if (checkpoint != null) {
            writer = writer.option("checkpointLocation", checkpoint);
        }
        StreamingQuery q = writer.foreachBatch((Dataset<Row> ds, Long id) -> out.put(id, sorted(ds.collectAsList())))
                .start();
        for (int i = from; i < to; i++) {
            input.addData(BATCHES.get(i));
            q.processAllAvailable();
        }
        q.stop();
        return out;
    }

    private static List<String> sortedOf(String... rows) {
        List<String> out = new ArrayList<>(List.of(rows));
        out.sort(null);
        return out;
    }

    @Test
    void rollupInCompleteModeHasEverySubtotalEachBatch() throws Exception {
        MemoryStream input = MemoryStream.of(spark, SALES);
        Map<Long, List<String>> out = run(input, rollup(input), "complete", null, 0, 3, new TreeMap<>());
        assertThat(out.get(0L)).isEqualTo(sortedOf("[null,null,30,2,3]", "[1,null,30,2,1]", "[1,p,10,1,0]",
                "[1,q,20,1,0]"));
        assertThat(out.get(1L)).isEqualTo(sortedOf("[null,null,61,4,3]", "[1,null,31,3,1]", "[1,p,11,2,0]",
                "[1,q,20,1,0]", "[2,null,30,1,1]", "[2,p,30,1,0]"));
        assertThat(out.get(2L)).isEqualTo(sortedOf("[null,null,66,5,3]", "[1,null,31,3,1]", "[1,p,11,2,0]",
                "[1,q,20,1,0]", "[2,null,30,1,1]", "[2,p,30,1,0]", "[3,null,5,1,1]", "[3,null,5,1,0]"));
    }

    private static final Map<Long, List<String>> UPDATES = Map.of(
            0L, sortedOf("[null,null,30,2,3]", "[1,null,30,2,1]", "[1,p,10,1,0]", "[1,q,20,1,0]"),
            1L, sortedOf("[null,null,61,4,3]", "[1,null,31,3,1]", "[1,p,11,2,0]", "[2,null,30,1,1]",
                    "[2,p,30,1,0]"),
            2L, sortedOf("[null,null,66,5,3]", "[3,null,5,1,1]", "[3,null,5,1,0]"));

    @Test
    void rollupInUpdateModeEmitsTheChangedGroups() throws Exception {
        MemoryStream input = MemoryStream.of(spark, SALES);
        assertThat(run(input, rollup(input), "update", null, 0, 3, new TreeMap<>())).isEqualTo(UPDATES);
    }

    @Test
    void aRestartBetweenBatchesEqualsAnUninterruptedRun() throws Exception {
        String checkpoint = dir.resolve("rollup").toString();
        MemoryStream input = MemoryStream.of(spark, SALES);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        run(input, rollup(input), "update", checkpoint, 0, 2, out);
        run(input, rollup(input), "update", checkpoint, 2, 3, out);
        assertThat(out).isEqualTo(UPDATES);
    }

    @Test
    void cubeAndSqlGroupingSetsOnAStream() throws Exception {
        MemoryStream input = MemoryStream.of(spark, SALES);
        Map<Long, List<String>> cube = run(input, input.toDF().cube("b").agg(sum("x")), "update", null, 0, 3,
                new TreeMap<>());
        List<String> all = new ArrayList<>();
        cube.values().forEach(all::addAll);
        // Spark's memory sink after the three batches: every update row of every batch
        assertThat(all).containsExactlyInAnyOrder("[p,10]", "[q,20]", "[null,30]", "[p,41]", "[null,61]",
                "[null,5]", "[null,66]");

        MemoryStream again = MemoryStream.of(spark, SALES);
        again.toDF().createOrReplaceTempView("st");
        Map<Long, List<String>> sets = run(again, spark.sql("SELECT a, b, sum(x) s, grouping(a) ga FROM st"
                + " GROUP BY GROUPING SETS ((a), (b), ())"), "complete", null, 0, 3, new TreeMap<>());
        assertThat(sets.get(2L)).isEqualTo(sortedOf("[1,null,31,0]", "[2,null,30,0]", "[3,null,5,0]",
                "[null,null,5,1]", "[null,null,66,1]", "[null,p,41,1]", "[null,q,20,1]"));
    }

    @Test
    void appendModeNeedsAWatermarkAndThenEmitsFinalWindows() throws Exception {
        MemoryStream input = MemoryStream.of(spark, SALES);
        assertThatThrownBy(() -> input.toDF().rollup("a").agg(sum("x")).writeStream().outputMode("append")
                .format("memory").queryName("ap").start())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION")
                .hasMessageContaining("Invalid streaming output mode: append. This output mode is not supported for"
                        + " streaming aggregations without watermark on streaming DataFrames/DataSets.");

        StructType events = new StructType().add("t", DataTypes.TimestampType).add("b", DataTypes.StringType)
                .add("x", DataTypes.LongType);
        MemoryStream timed = MemoryStream.of(spark, events);
        Dataset<Row> query = timed.toDF().withWatermark("t", "10 seconds")
                .rollup(window(col("t"), "10 seconds"), col("b")).agg(sum("x"))
                .select(col("window.start").cast("string"), col("b"), col("sum(x)"));
        List<String> emitted = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = query.writeStream().outputMode("append")
                .foreachBatch((Dataset<Row> ds, Long id) -> emitted.addAll(sorted(ds.collectAsList()))).start();
        timed.addData(List.of(event("00:00:01", "p", 1), event("00:00:03", "q", 2)));
        q.processAllAvailable();
        assertThat(emitted).isEmpty();
        timed.addData(List.of(event("00:00:25", "p", 4)));
        q.processAllAvailable();
        assertThat(emitted).containsExactly("[2024-01-01 00:00:00,null,3]", "[2024-01-01 00:00:00,p,1]",
                "[2024-01-01 00:00:00,q,2]");
        timed.addData(List.of(event("00:00:50", "q", 8)));
        q.processAllAvailable();
        // the grand total has no window, so the watermark never closes it: Spark never emits it either
        assertThat(emitted).containsExactly("[2024-01-01 00:00:00,null,3]", "[2024-01-01 00:00:00,p,1]",
                "[2024-01-01 00:00:00,q,2]", "[2024-01-01 00:00:20,null,4]", "[2024-01-01 00:00:20,p,4]");
    }

    private static Row event(String time, String b, long x) {
        return RowFactory.create(Timestamp.from(Instant.parse("2024-01-01T" + time + "Z")), b, x);
    }
}
