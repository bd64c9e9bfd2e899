package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
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
 * Stateful operators in a chain (an aggregation over an aggregation, and a stream-stream join of the two), batch by
 * batch, in append mode with a watermark. Spark 4.1 gives each operator in such a chain its own input watermark
 * (its {@code PropagateWatermarkSimulator}); these queries pin the rows each batch emits, so the chain's windows close
 * in the batch Spark closes them.
 *
 * <p>Expected values: Apache Spark 4.1.1, {@code local[2]}, two shuffle partitions, the same four JSON files read
 * with {@code maxFilesPerTrigger=1} under {@code Trigger.AvailableNow}, each batch collected in
 * {@code foreachBatch} and its rows' {@code toString()} sorted; the program was this test's queries with Spark's
 * imports (2026-12-07). Batch 4 is the no-data batch that the final watermark (00:00:40) runs.
 */
class ChainedStatefulOperatorsTest extends FileStreamTestSupport {
    private Path in;

    @BeforeEach
    void files() throws Exception {
        in = dir.resolve("in");
        drop(in.resolve("f0.json"), lines("00:00:01 a", "00:00:02 a", "00:00:03 b", "00:00:12 a"), 0);
        drop(in.resolve("f1.json"), lines("00:00:14 b", "00:00:16 c", "00:00:17 c", "00:00:25 a"), 1000);
        drop(in.resolve("f2.json"), lines("00:00:31 a"), 2000);
        drop(in.resolve("f3.json"), lines("00:00:45 b"), 3000);
    }

    @Test
    void anAggregationOverAnAggregationClosesEachWindowInTheBatchThatClosesItsInput() throws Exception {
        List<String> batches = run(src -> tumblingCounts(src).groupBy(col("window")).agg(max("count").as("maxn")));
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],2], [[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "3: []",
                "4: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],1], [[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]");
    }

    @Test
    void aJoinOfAnAggregationWithItsOwnMaximumPerWindow() throws Exception {
        List<String> batches = run(src -> {
            Dataset<Row> left = tumblingCounts(src).withColumnRenamed("window", "lw");
            Dataset<Row> right = tumblingCounts(src).groupBy(col("window")).agg(max("count").as("maxn"));
            return left.join(right, expr("lw = window AND count >= maxn")).select("lw", "k", "count", "maxn");
        });
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],a,2,2], [[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],c,2,2]]",
                "3: []",
                "4: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],a,1,1], [[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],a,1,1]]");
    }

    /** Nexmark q5's shape in SQL: per sliding window, the keys with the most rows. */
    @Test
    void slidingWindowHotKeysInSql() throws Exception {
        String hop = "window(ts, '10 seconds', '2 seconds')";
        String counts = "SELECT k, " + hop + " AS window, count(*) AS num FROM bid GROUP BY k, " + hop;
        List<String> batches = run(src -> {
            src.createOrReplaceTempView("bid");
            return spark.sql("SELECT AB.k, AB.num, AB.window.start AS starttime FROM (" + counts + ") AS AB"
                    + " INNER JOIN (SELECT CB.window AS window, max(CB.num) AS maxn FROM (" + counts + ") AS CB"
                    + " GROUP BY CB.window) AS MB ON AB.window = MB.window AND AB.num >= MB.maxn");
        });
        assertThat(batches).containsExactly(
                "0: []",
                "1: [[a,1,2023-12-31 23:59:52.0], [a,2,2023-12-31 23:59:54.0], [a,2,2023-12-31 23:59:56.0]]",
                "2: [[a,1,2024-01-01 00:00:02.0], [a,1,2024-01-01 00:00:04.0], [a,1,2024-01-01 00:00:06.0],"
                        + " [a,2,2023-12-31 23:59:58.0], [a,2,2024-01-01 00:00:00.0], [b,1,2024-01-01 00:00:02.0],"
                        + " [b,1,2024-01-01 00:00:06.0], [c,2,2024-01-01 00:00:08.0], [c,2,2024-01-01 00:00:10.0]]",
                "3: [[c,2,2024-01-01 00:00:12.0], [c,2,2024-01-01 00:00:14.0], [c,2,2024-01-01 00:00:16.0]]",
                "4: [[a,1,2024-01-01 00:00:18.0], [a,1,2024-01-01 00:00:20.0], [a,1,2024-01-01 00:00:26.0],"
                        + " [a,1,2024-01-01 00:00:28.0], [a,1,2024-01-01 00:00:30.0], [a,2,2024-01-01 00:00:22.0],"
                        + " [a,2,2024-01-01 00:00:24.0]]");
    }

    private static Dataset<Row> tumblingCounts(Dataset<Row> src) {
        return src.groupBy(window(col("ts"), "10 seconds"), col("k")).count();
    }

    private List<String> run(Function<Dataset<Row>, Dataset<Row>> query) throws Exception {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("k", DataTypes.StringType);
        Dataset<Row> src = spark.readStream().schema(schema).option("maxFilesPerTrigger", 1).json(in.toString())
                .withWatermark("ts", "5 seconds");
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        runAppendAvailableNow(query.apply(src), batches);
        return batches;
    }

    private static String lines(String... timeAndKey) {
        StringBuilder out = new StringBuilder();
        for (String tk : timeAndKey) {
            String[] p = tk.split(" ");
            out.append("{\"ts\":\"2024-01-01 ").append(p[0]).append("\",\"k\":\"").append(p[1]).append("\"}\n");
        }
        return out.toString();
    }
}
