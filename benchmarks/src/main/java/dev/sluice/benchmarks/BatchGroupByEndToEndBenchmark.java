package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;

import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.util.concurrent.TimeUnit;
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
 * The batch group-by end to end, through the public API: the W1 data already in memory (a Dataset over
 * {@value BenchmarkData#TOTAL_ROWS} rows in chunks) → {@code groupBy(window(ts, "1 minute"), key)
 * .agg(count("*"), sum("value"))} → {@code write().format("noop")}. Planning, the window generator, the
 * parallel partial aggregation and its merge, and the result projection are all inside the measured time.
 * Run with {@code threads} = 1 and 2 (one JVM each: the session's {@code local[N]} is fixed when it is
 * created) and compare with {@link HandWrittenGroupByBaseline} for the per-core distance to a plain loop.
 * Reported ops/s are input rows per second. Five 2 s warm-up iterations: with three, local[1]'s first measured
 * iterations still ran below its steady speed (the JIT's last compilations), which made its error bar as large as
 * its mean; run it with {@code -wi 5} when overriding.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BatchGroupByEndToEndBenchmark {
    /** The session's {@code local[N]}. */
    @Param({"1", "2"})
    public int threads;

    Dataset<Row> query;

    @Setup(Level.Trial)
    public void setUp() {
        SluiceSession session = Sluice.builder().master("local[" + threads + "]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        if (session.parallelism() != threads) {
            throw new IllegalStateException("session has local[" + session.parallelism() + "], wanted " + threads);
        }
        Dataset<Row> input = Dataset.ofRows(session, new LocalRelation(
                SluiceSession.attributes(BenchmarkData.WINDOWED_SCHEMA), BenchmarkData.windowedChunks(1000)));
        query = input.groupBy(window(col("ts"), "1 minute"), col("key")).agg(count("*"), sum("value"));
        long groups = query.count();
        // 60 full minutes plus the jitter spilling into a 61st; nearly every key appears in each.
        if (groups < 59 * 1000 || groups > 61 * 1000) {
            throw new IllegalStateException("unexpected number of (window, key) groups: " + groups);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public void groupByWindowAndKeyToNoop() {
        query.write().format("noop").mode("overwrite").save();
    }
}
