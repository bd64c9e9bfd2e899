package dev.sluice.exec.physical;

import static dev.sluice.sql.functions.avg;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelAggregation#aggregateResult} (ranges taken by free workers, groups looked up in the earlier ranges
 * in parallel, each range's result computed on its own) against the general path it replaces for batch
 * aggregations, one table merged range after range ({@link ParallelAggregation#aggregate}), and against one thread:
 * the same rows in the same order, exactly (double sums included), for window + key groups (packed struct keys),
 * nullable keys, and string keys (which take the general path), with groups spanning many ranges.
 */
class ParallelAggregationTest {
    private static final StructType SCHEMA = new StructType().add("ts", DataTypes.TimestampType)
            .add("k", DataTypes.IntegerType).add("v", DataTypes.DoubleType).add("s", DataTypes.StringType);
    private static final SluiceSession SESSION = Sluice.builder().master("local[2]")
            .config("spark.sql.session.timeZone", "UTC").getOrCreate();

    @Test
    void theParallelMergeGivesTheRowsOfOneMergedTableInItsOrder() {
        Random random = new Random(7);
        for (int trial = 0; trial < 12; trial++) {
            Dataset<Row> input = Dataset.ofRows(SESSION, new LocalRelation(SluiceSession.attributes(SCHEMA),
                    chunks(random, 1 + random.nextInt(3000), 1 + random.nextInt(200))));
            List<Dataset<Row>> queries = List.of(
                    input.groupBy(window(col("ts"), "1 minute"), col("k"))
                            .agg(count("*"), sum("v"), avg("v"), max("s")),
                    input.groupBy(col("k")).agg(sum("v"), count("s")),
                    input.groupBy(col("s"), col("k")).agg(sum("v")));
            for (Dataset<Row> query : queries) {
                Aggregate aggregate = (Aggregate) query.logicalPlan();
                PhysicalPlan child = PhysicalPlanner.planQuery(aggregate.child());
                AggregationSpec spec = new AggregationSpec(aggregate);
                List<String> one = render(ParallelAggregation.aggregateResult(new ExecutionContext(0, 1), spec,
                        child.morsels(new ExecutionContext(0, 1))), query);
                for (int threads = 2; threads <= 4; threads++) {
                    ExecutionContext context = new ExecutionContext(0, threads);
                    List<String> general = render(ParallelAggregation.aggregate(context, spec,
                            child.morsels(context)).result(), query);
                    List<String> parallel = render(ParallelAggregation.aggregateResult(context, spec,
                            child.morsels(context)), query);
                    assertThat(parallel).as("trial %d, %d threads, %s", trial, threads, aggregate.groupingExpressions())
                            .isEqualTo(general);
                    assertThat(parallel.stream().map(ParallelAggregationTest::withoutDoubles).toList())
                            .isEqualTo(one.stream().map(ParallelAggregationTest::withoutDoubles).toList());
                }
            }
        }
    }

    /**
     * A hash aggregation right over a time window reads the window's starts and ends from arrays reused chunk after
     * chunk ({@link GenerateExec#morselsForTransientConsumer}): the rows must be exactly those of fresh arrays per
     * chunk, for tumbling and sliding windows, null times (the general loop) and chunks without them (the tumbling
     * loop), on 1 to 4 threads.
     */
    @Test
    void aWindowOverReusedArraysGivesTheRowsOfFreshArrays() {
        Random random = new Random(11);
        for (int trial = 0; trial < 12; trial++) {
            Dataset<Row> input = Dataset.ofRows(SESSION, new LocalRelation(SluiceSession.attributes(SCHEMA),
                    chunks(random, 1 + random.nextInt(5000), 1 + random.nextInt(random.nextBoolean() ? 50 : 5000))));
            List<Dataset<Row>> queries = List.of(
                    input.groupBy(window(col("ts"), "1 minute"), col("k")).agg(count("*"), sum("v"), max("s")),
                    input.groupBy(window(col("ts"), "1 minute", "20 seconds"), col("k")).agg(count("*"), avg("v")),
                    input.groupBy(window(col("ts"), "2 minutes")).agg(sum("k")));
            for (Dataset<Row> query : queries) {
                Aggregate aggregate = (Aggregate) query.logicalPlan();
                GenerateExec generate = (GenerateExec) PhysicalPlanner.planQuery(aggregate.child());
                AggregationSpec spec = new AggregationSpec(aggregate);
                int threads = 1 + random.nextInt(4);
                ExecutionContext context = new ExecutionContext(0, threads);
                List<String> fresh = render(ParallelAggregation.aggregateResult(context, spec,
                        generate.morsels(context)), query);
                List<String> reused = render(ParallelAggregation.aggregateResult(context, spec,
                        generate.morselsForTransientConsumer(context)), query);
                assertThat(reused).as("trial %d, %d threads, %s", trial, threads, aggregate.groupingExpressions())
                        .isEqualTo(fresh).isNotEmpty();
            }
        }
    }

    private static List<String> render(List<Chunk> chunks, Dataset<Row> df) {
        return JavaValues.toRows(chunks, df.schema()).stream().map(Row::toString).toList();
    }

    /** A row without its floating-point sums, which one thread adds in another order (keys, counts, max stay). */
    private static String withoutDoubles(String row) {
        return row.replaceAll("-?\\d+\\.\\d+(E-?\\d+)?", "#");
    }

    /** Rows over ten minutes in rough time order, few keys (groups repeat across many chunks), nulls in each column. */
    private static List<Chunk> chunks(Random random, int rows, int chunkSize) {
        List<Row> all = new ArrayList<>();
        long start = 1_748_736_000_000L;
        for (int i = 0; i < rows; i++) {
            long ms = start + (long) i * 600_000 / rows + random.nextInt(90_000);
            all.add(RowFactory.create(random.nextInt(30) == 0 ? null : new Timestamp(ms),
                    random.nextInt(20) == 0 ? null : random.nextInt(8),
                    random.nextInt(20) == 0 ? null : random.nextInt(1000) / 8.0,
                    random.nextInt(20) == 0 ? null : "s" + random.nextInt(5)));
        }
        List<Chunk> out = new ArrayList<>();
        for (int at = 0; at < all.size(); at += chunkSize) {
            out.addAll(JavaValues.toChunks(all.subList(at, Math.min(all.size(), at + chunkSize)), SCHEMA,
                    ZoneOffset.UTC));
        }
        return out;
    }
}
