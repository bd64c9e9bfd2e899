package dev.sluice.connectors.parquet;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.java.function.VoidFunction2;
import dev.sluice.sql.Column;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.MicroBatchExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Filter pushdown into the streaming Parquet source (Spark pushes a micro-batch's data filters into its FileScan):
 * row groups whose statistics rule a query's filter out are not read, which {@code numInputRows} counts, and the rows
 * are exactly those of the same query without pushdown ({@code spark.sql.parquet.filterPushdown=false}).
 */
class StreamingParquetPushdownTest {
    private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING, n INT");
    private static SluiceSession spark;
    private static Path dir;
    private static Path table;

    /** Three files of one row group each: ids 0-9 (names a0..a9, one null), 100-109 (b...), 200-209 (C...). */
    @BeforeContainer
    static void threeRowGroups() throws Exception {
        spark = Sluice.builder().appName("streaming-parquet-pushdown").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        dir = Files.createTempDirectory("streaming-pushdown");
        table = dir.resolve("t");
        for (int f = 0; f < 3; f++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long id = f * 100L + i;
                String name = f == 0 && i == 5 ? null : "abC".charAt(f) + Long.toString(id);
                rows.add(RowFactory.create(id, name, (int) (id % 7)));
            }
            spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(table.toString());
        }
    }

    @AfterContainer
    static void cleanUp() throws Exception {
        spark.conf().unset(ParquetFormat.FILTER_PUSHDOWN_CONF);
        try (var walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Run(List<String> rows, long inputRows, String plan) {
    }

    /** Streams the table through {@code condition} in one AvailableNow batch; rows sorted, input rows, the plan. */
    private static Run stream(Column condition, boolean pushdown) throws Exception {
        spark.conf().set(ParquetFormat.FILTER_PUSHDOWN_CONF, Boolean.toString(pushdown));
        List<String> rows = Collections.synchronizedList(new ArrayList<>());
        Path checkpoint = Files.createTempDirectory(dir, "cp");
        StreamingQuery q = spark.readStream().schema(SCHEMA).parquet(table.toString()).filter(condition)
                .select("id", "name").writeStream().trigger(Trigger.AvailableNow())
                .option("checkpointLocation", checkpoint.toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (df, id) -> df.collectAsList()
                        .forEach(r -> rows.add(r.toString())))
                .start();
        q.awaitTermination();
        long input = 0;
        for (StreamingQueryProgress p : q.recentProgress()) {
            input += p.numInputRows();
        }
        String plan = ((MicroBatchExecution) q).explainString(false);
        List<String> sorted = new ArrayList<>(rows);
        Collections.sort(sorted);
        return new Run(sorted, input, plan);
    }

    @Property(tries = 1)
    void rowGroupsRuledOutAreNotReadAndTheRowsAreTheSame() throws Exception {
        Run pushed = stream(col("id").gt(150), true);
        Run whole = stream(col("id").gt(150), false);
        assertThat(pushed.rows()).hasSize(10).first().isEqualTo("[200,C200]");
        assertThat(pushed.rows()).isEqualTo(whole.rows());
        // 30 rows in 3 row groups: the two whose ids are all at most 109 are skipped (2 × 10 rows not read)
        assertThat(whole.inputRows()).isEqualTo(30);
        assertThat(pushed.inputRows()).isEqualTo(10);
        assertThat(pushed.plan()).containsPattern("MicroBatchScan\\[id#\\d+, name#\\d+, n#\\d+\\] parquet,"
                + " PushedFilters: \\[GreaterThan\\(id,150\\)\\]\n");
        assertThat(whole.plan()).contains("PushedFilters: [GreaterThan(id,150)]"); // offered, as Spark shows them

        // an OR keeps the row groups of either side; a NOT of a range keeps the others
        assertThat(stream(col("id").lt(3).or(col("name").equalTo("C205")), true).inputRows()).isEqualTo(20);
        assertThat(stream(col("id").geq(100).and(col("id").lt(200)), true).inputRows()).isEqualTo(10);
        assertThat(stream(col("name").isNull(), true).inputRows()).isEqualTo(10);
    }

    @Property(tries = 1)
    void filtersAboveAWatermarkOrANondeterministicStepAreNotPushed() throws Exception {
        spark.conf().set(ParquetFormat.FILTER_PUSHDOWN_CONF, "true");
        Path checkpoint = Files.createTempDirectory(dir, "cp");
        // rand() sees every row before the filter: dropping rows early would change which rows it keeps
        StreamingQuery q = spark.readStream().schema(SCHEMA).parquet(table.toString())
                .withColumn("r", dev.sluice.sql.functions.rand(7)).filter(col("id").gt(150))
                .writeStream().format("noop").trigger(Trigger.AvailableNow())
                .option("checkpointLocation", checkpoint.toString()).start();
        q.awaitTermination();
        assertThat(q.lastProgress().numInputRows()).isEqualTo(30);
        assertThat(((MicroBatchExecution) q).explainString(false)).doesNotContain("PushedFilters");
    }

    @Property(tries = 25)
    void theRowsAreTheSameWithAndWithoutPushdown(@ForAll("conditions") Column condition) throws Exception {
        Run pushed = stream(condition, true);
        Run whole = stream(condition, false);
        assertThat(pushed.rows()).as(condition.toString()).isEqualTo(whole.rows());
        assertThat(pushed.inputRows()).isLessThanOrEqualTo(whole.inputRows());
    }

    @Provide
    Arbitrary<Column> conditions() {
        Arbitrary<Column> leaf = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 215).flatMap(v -> Arbitraries.of(col("id").gt(v), col("id").lt(v),
                        col("id").equalTo(v), col("id").geq(v), col("id").leq(v), col("id").notEqual(v))),
                Arbitraries.integers().between(-1, 7).flatMap(v -> Arbitraries.of(col("n").gt(v), col("n").equalTo(v),
                        col("n").lt(lit(v)))),
                Arbitraries.of("a", "a5", "b105", "C", "C209", "zz", "").flatMap(v -> Arbitraries.of(
                        col("name").lt(v), col("name").equalTo(v), col("name").gt(v))),
                Arbitraries.of(col("name").isNull(), col("name").isNotNull(), col("id").isin(3L, 105L, 999L)));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.flatMap(a -> inner.map(a::and)), inner.flatMap(a -> inner.map(a::or)),
                inner.map(dev.sluice.sql.functions::not)), 0, 2);
    }
}
