package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.GenerateOperator;
import dev.sluice.exec.HashAggregator;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hash group-by through the engine's aggregation operator: a fresh {@link HashAggregator} per invocation is
 * fed {@value BenchmarkData#TOTAL_ROWS} rows chunk by chunk and its result is read, exactly as
 * {@code HashAggregateExec} runs an {@code Aggregate} node. Reported ops/s are input rows per second.
 *
 * <p>Why: aggregation ({@code GroupingTable} hashing and probing, per-function accumulators, grouping
 * key and argument evaluation) is the dominant cost of most streaming queries. The
 * {@link AggregationSpec} comes from a real analyzed plan ({@code groupBy(...).agg(count("*"),
 * sum("value"))} on a Dataset), so the measured work includes everything the planner puts in, e.g. the
 * literal argument of {@code count(*)}. Compare with {@link HandWrittenGroupByBaseline} for the distance
 * to a plain-Java loop.
 *
 * <ul>
 *   <li>{@link #countAndSumByKey}: {@code GROUP BY key} with 1,000 and 100,000 distinct bigint keys (the
 *       second one no longer fits the CPU caches).</li>
 *   <li>{@link #countAndSumByWindowAndKey}: {@code GROUP BY window(ts, '1 minute'), key} over an hour of
 *       almost-ordered events and 1,000 keys (about 60,000 groups); includes the {@code Generate} step that
 *       the analyzer plans for the window, as it runs in a streaming aggregation.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
public class GroupByBenchmark {

    /** Input keyed by a bigint and the aggregation over it. */
    @State(Scope.Benchmark)
    public static class ByKey {
        /** Size of the key pool; a few keys of the 100,000 pool may not be drawn (the check allows it). */
        @Param({"1000", "100000"})
        public int distinctKeys;

        List<Chunk> chunks;
        AggregationSpec spec;

        @Setup(Level.Trial)
        public void setUp() {
            chunks = BenchmarkData.keyedChunks(distinctKeys);
            Aggregate aggregate = analyze(BenchmarkData.KEYED_SCHEMA, chunks,
                    df -> df.groupBy(col("key")).agg(count("*"), sum("value")));
            if (!(aggregate.child() instanceof LocalRelation)) {
                throw new IllegalStateException("expected Aggregate over LocalRelation, got\n"
                        + aggregate.treeString());
            }
            spec = new AggregationSpec(aggregate);
            checkGroupCount(run(this), BenchmarkData.distinctCount(chunks, 0));
        }
    }

    /** Input with an event time, aggregated per tumbling window and key. */
    @State(Scope.Benchmark)
    public static class ByWindowAndKey {
        /** Distinct keys; with 60 one-minute windows this gives about 60,000 groups. */
        static final int DISTINCT_KEYS = 1000;

        List<Chunk> chunks;
        GenerateOperator windowGenerator;
        AggregationSpec spec;

        @Setup(Level.Trial)
        public void setUp() {
            chunks = BenchmarkData.windowedChunks(DISTINCT_KEYS);
            Aggregate aggregate = analyze(BenchmarkData.WINDOWED_SCHEMA, chunks,
                    df -> df.groupBy(window(col("ts"), "1 minute"), col("key")).agg(count("*"), sum("value")));
            if (!(aggregate.child() instanceof Generate generate && generate.child() instanceof LocalRelation)) {
                throw new IllegalStateException("expected Aggregate over Generate over LocalRelation, got\n"
                        + aggregate.treeString());
            }
            windowGenerator = new GenerateOperator(generate);
            spec = new AggregationSpec(aggregate);
            // 60 full minutes plus the jitter spilling into a 61st; nearly every key appears in each.
            int groups = run(this).get(0).rowCount();
            if (groups < 59 * DISTINCT_KEYS || groups > 61 * DISTINCT_KEYS) {
                throw new IllegalStateException("unexpected number of (window, key) groups: " + groups);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public List<Chunk> countAndSumByKey(ByKey state) {
        return run(state);
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public List<Chunk> countAndSumByWindowAndKey(ByWindowAndKey state) {
        return run(state);
    }

    static List<Chunk> run(ByKey state) {
        HashAggregator aggregator = new HashAggregator(state.spec);
        for (Chunk chunk : state.chunks) {
            aggregator.add(chunk);
        }
        return aggregator.result();
    }

    static List<Chunk> run(ByWindowAndKey state) {
        HashAggregator aggregator = new HashAggregator(state.spec);
        for (Chunk chunk : state.chunks) {
            aggregator.add(state.windowGenerator.execute(chunk));
        }
        return aggregator.result();
    }

    /** Builds the query on a Dataset over {@code chunks} and returns its analyzed Aggregate node. */
    static Aggregate analyze(StructType schema, List<Chunk> chunks, Function<Dataset<Row>, Dataset<Row>> query) {
        SluiceSession session = Sluice.builder().master("local[1]").getOrCreate();
        Dataset<Row> input = Dataset.ofRows(session, new LocalRelation(SluiceSession.attributes(schema), chunks));
        LogicalPlan plan = query.apply(input).logicalPlan();
        Aggregate aggregate = findAggregate(plan);
        if (aggregate == null) {
            throw new IllegalStateException("no Aggregate node in\n" + plan.treeString());
        }
        return aggregate;
    }

    private static Aggregate findAggregate(LogicalPlan plan) {
        if (plan instanceof Aggregate aggregate) {
            return aggregate;
        }
        for (LogicalPlan child : plan.children()) {
            Aggregate found = findAggregate(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Sanity check run once in setup: one result row per distinct key, counts adding up to the input. */
    static void checkGroupCount(List<Chunk> result, int expectedGroups) {
        int groups = 0;
        long rows = 0;
        for (Chunk chunk : result) {
            groups += chunk.rowCount();
            for (int g = 0; g < chunk.rowCount(); g++) {
                rows += chunk.column(1).getLong(g);
            }
        }
        if (groups != expectedGroups || rows != BenchmarkData.TOTAL_ROWS) {
            throw new IllegalStateException("expected " + expectedGroups + " groups counting "
                    + BenchmarkData.TOTAL_ROWS + " rows, got " + groups + " groups counting " + rows);
        }
    }
}
