package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.session_window;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stateful operator after a stream-stream interval join ({@code cts >= its AND cts <= its + 10 seconds}), batch
 * by batch, in append mode. Spark 4.1 propagates the watermark through the plan: the join outputs the smaller of
 * its two state watermarks, here the global watermark minus 10 seconds, so the operator after it closes its
 * windows one batch later than the global watermark alone would, and the run ends (no further no-data batch)
 * with the last window still open.
 *
 * <p>Expected values: Apache Spark 4.1.1, {@code local[2]}, two shuffle partitions, the same six JSON files read
 * with {@code maxFilesPerTrigger=1} under {@code Trigger.AvailableNow}, each batch collected in
 * {@code foreachBatch} and its rows' {@code toString()} sorted; the program was these queries with Spark's
 * imports (2026-12-07). Batch 6 is the no-data batch that the final global watermark (00:00:57) runs; progress
 * reports the global watermark in every batch.
 */
class JoinThenStatefulOperatorTest extends FileStreamTestSupport {
    private static final List<String> GLOBAL_WATERMARKS = List.of("1970-01-01T00:00:00.000Z",
            "2024-01-01T00:00:06.000Z", "2024-01-01T00:00:17.000Z", "2024-01-01T00:00:26.000Z",
            "2024-01-01T00:00:32.000Z", "2024-01-01T00:00:46.000Z", "2024-01-01T00:00:57.000Z");

    private Path in;
    private final List<String> watermarks = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        in = dir.resolve("in");
        drop(in.resolve("f0.json"), lines("01 i 1", "02 i 2", "05 c 1", "08 i 3"), 0);
        drop(in.resolve("f1.json"), lines("12 c 2", "15 c 3", "16 i 4", "19 i 5"), 1000);
        drop(in.resolve("f2.json"), lines("22 c 4", "27 c 5", "28 i 6"), 2000);
        drop(in.resolve("f3.json"), lines("33 c 6", "34 i 7"), 3000);
        drop(in.resolve("f4.json"), lines("41 c 7", "48 i 8"), 4000);
        drop(in.resolve("f5.json"), lines("59 i 9"), 5000);
    }

    @Test
    void theJoinAloneEmitsEachMatchInTheBatchOfItsClick() throws Exception {
        List<String> batches = run(joined -> joined);
        assertThat(batches).containsExactly(
                "0: [[1,2024-01-01 00:00:01.0,1,2024-01-01 00:00:05.0]]",
                "1: [[2,2024-01-01 00:00:02.0,2,2024-01-01 00:00:12.0], [3,2024-01-01 00:00:08.0,3,2024-01-01 00:00:15.0]]",
                "2: [[4,2024-01-01 00:00:16.0,4,2024-01-01 00:00:22.0], [5,2024-01-01 00:00:19.0,5,2024-01-01 00:00:27.0]]",
                "3: [[6,2024-01-01 00:00:28.0,6,2024-01-01 00:00:33.0]]",
                "4: [[7,2024-01-01 00:00:34.0,7,2024-01-01 00:00:41.0]]",
                "5: []",
                "6: []");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void windowsOfTheClickTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.groupBy(window(col("cts"), "10 seconds")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],1]]",
                "4: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "5: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],2]]",
                "6: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void windowsOfTheImpressionTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.groupBy(window(col("its"), "10 seconds")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],3]]",
                "4: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "5: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],1]]",
                "6: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void sessionsOfTheClickTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.select(expr("cad % 2 AS p"), col("cts"))
                .groupBy(session_window(col("cts"), "5 seconds"), col("p")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:05.0,2024-01-01 00:00:10.0],1,1]]",
                "4: [[[2024-01-01 00:00:12.0,2024-01-01 00:00:17.0],0,1], [[2024-01-01 00:00:15.0,2024-01-01 00:00:20.0],1,1]]",
                "5: [[[2024-01-01 00:00:22.0,2024-01-01 00:00:27.0],0,1], [[2024-01-01 00:00:27.0,2024-01-01 00:00:32.0],1,1]]",
                "6: [[[2024-01-01 00:00:33.0,2024-01-01 00:00:38.0],0,1], [[2024-01-01 00:00:41.0,2024-01-01 00:00:46.0],1,1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    /** A deduplication after the join keeps every match: none is late for the join's output watermark. */
    @Test
    void aDeduplicationOfTheClickTimeKeepsEveryMatch() throws Exception {
        List<String> batches = run(joined -> joined.select("cad", "cts").dropDuplicates("cts"));
        assertThat(batches).containsExactly(
                "0: [[1,2024-01-01 00:00:05.0]]",
                "1: [[2,2024-01-01 00:00:12.0], [3,2024-01-01 00:00:15.0]]",
                "2: [[4,2024-01-01 00:00:22.0], [5,2024-01-01 00:00:27.0]]",
                "3: [[6,2024-01-01 00:00:33.0]]",
                "4: [[7,2024-01-01 00:00:41.0]]",
                "5: []",
                "6: []");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    private List<String> run(Function<Dataset<Row>, Dataset<Row>> query) throws Exception {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("kind", DataTypes.StringType)
                .add("ad", DataTypes.IntegerType);
        Dataset<Row> src = spark.readStream().schema(schema).option("maxFilesPerTrigger", 1).json(in.toString())
                .withWatermark("ts", "2 seconds");
        Dataset<Row> imp = src.filter("kind = 'i'").selectExpr("ad AS iad", "ts AS its");
        Dataset<Row> clk = src.filter("kind = 'c'").selectExpr("ad AS cad", "ts AS cts");
        Dataset<Row> joined = imp.join(clk, expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds"));
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = runAppendAvailableNow(query.apply(joined), batches);
        for (StreamingQueryProgress p : q.recentProgress()) {
            watermarks.add(p.eventTime().get("watermark"));
        }
        return batches;
    }

    /** JSON lines of "second kind ad" triples at 2024-01-01 00:00:second. */
    private static String lines(String... rows) {
        StringBuilder out = new StringBuilder();
        for (String row : rows) {
            String[] p = row.split(" ");
            out.append("{\"ts\":\"2024-01-01 00:00:").append(p[0]).append("\",\"kind\":\"").append(p[1])
                    .append("\",\"ad\":").append(p[2]).append("}\n");
        }
        return out.toString();
    }
}
