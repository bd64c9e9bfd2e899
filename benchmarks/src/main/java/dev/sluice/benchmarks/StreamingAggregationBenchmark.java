package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.sum;

import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stateful aggregation path end to end: one invocation is one micro-batch of {@value #ROWS} rows over
 * {@value #KEYS} bigint keys through a running streaming query
 * {@code MemoryStream -> groupBy(key).agg(count("*"), sum("value")) -> noop sink} in update mode, with a
 * checkpoint in a temp folder and {@code spark.sql.shuffle.partitions=5} (5 state stores). Measured per
 * batch: offset log write, source read, partial aggregation, shuffle into 5 partitions, one state get + put
 * per key and partition, state commit of 5 stores (in-memory: delta files; RocksDB: write batch, flush,
 * native checkpoint, SST upload), commit log. Parameterised by the state store provider ({@code hdfs} = the
 * in-memory store, {@code rocksdb}). ops/s = input rows/s.
 *
 * <p>The query and the input rows are built once per trial; every invocation adds the same 100,000 rows
 * (the first batch creates the 20,000 keys, later ones update them, as a steady-state aggregation does).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class StreamingAggregationBenchmark {
    static final int ROWS = 100_000;
    static final int KEYS = 20_000;

    @Param({"hdfs", "rocksdb"})
    public String provider;

    private SluiceSession spark;
    private MemoryStream input;
    private StreamingQuery query;
    private List<Row> rows;
    private Path checkpoint;

    @Setup(Level.Trial)
    public void setUp() throws IOException, java.util.concurrent.TimeoutException {
        spark = Sluice.builder().master("local[2]").config("spark.sql.shuffle.partitions", "5").getOrCreate();
        spark.conf().set("spark.sql.streaming.stateStore.providerClass", provider);
        StructType schema = new StructType().add("key", DataTypes.LongType).add("value", DataTypes.LongType);
        input = MemoryStream.of(spark, schema);
        checkpoint = Files.createTempDirectory("sluice-streaming-agg-bench-");
        query = input.toDF().groupBy(col("key")).agg(count("*"), sum("value")).writeStream().format("noop")
                .outputMode("update").option("checkpointLocation", checkpoint.toString()).start();
        rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(RowFactory.create((i * 7919L) % KEYS, (long) i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long oneMicroBatch() {
        input.addData(rows);
        query.processAllAvailable();
        return query.lastProgress().batchId();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        StateOperatorProgress state = query.lastProgress().stateOperators()[0];
        System.out.printf("%n[%s] after batch %d: %,d keys in state, last commit %d ms, memoryUsedBytes %,d%n", provider,
                query.lastProgress().batchId(), state.numRowsTotal(), state.commitTimeMs(), state.memoryUsedBytes());
        if (state.numRowsTotal() != KEYS) {
            throw new IllegalStateException("expected " + KEYS + " keys in state, got " + state.numRowsTotal());
        }
        query.stop();
        try (Stream<Path> files = Files.walk(checkpoint)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
