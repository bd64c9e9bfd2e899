package dev.sluice.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Nexmark query on Sluice, over the {@code nexmark} source, matches the plain-Java {@link NexmarkReference}
 * over the same events (row count and order-independent digest). 20 000 events at 200 events/s: 100 s of event
 * time, so 10-second windows close; four micro-batches, so state crosses batches.
 */
class NexmarkQueriesTest {
    private static final long EVENTS = 20_000;
    private static final long RATE = 200;
    private static final long SEED = 5;
    private static SluiceSession spark;
    private static NexmarkReference reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        spark = Sluice.builder().master("local[2]").appName("nexmark-queries-test")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", 2)
                .getOrCreate();
        reference = new NexmarkReference(new NexmarkGenerator(NexmarkConfig.defaults().withSeed(SEED)
                .withEventsPerSecond(RATE)), EVENTS);
    }

    /** The same events as Parquet files (4, written by Sluice's file sink), read back per query. */
    private static Path parquet;

    private static synchronized Path parquetEvents(Path tmp) throws Exception {
        if (parquet == null) {
            Path out = tmp.resolve("events");
            Dataset<Row> events = spark.readStream().format("nexmark").option("eventsPerSecond", RATE)
                    .option("seed", SEED).option("throttle", false).option("maxEvents", EVENTS)
                    .option("maxEventsPerTrigger", EVENTS / 4).load();
            events.writeStream().format("parquet").option("path", out.toString())
                    .option("checkpointLocation", tmp.resolve("cp-write").toString())
                    .trigger(dev.sluice.sql.streaming.Trigger.AvailableNow()).start().awaitTermination();
            parquet = out;
        }
        return parquet;
    }

    @TempDir
    static Path shared;

    /**
     * Over Parquet files the streaming file source reads only the columns and struct fields each query uses
     * (nested column pruning); the results must not change.
     */
    @ParameterizedTest
    @EnumSource(NexmarkQuery.class)
    void matchesThePlainJavaReferenceOverParquetFiles(NexmarkQuery query) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NexmarkQuery.selectedForTests(query),
                "not among -Dnexmark.queries");
        Dataset<Row> events = spark.readStream().schema(NexmarkRows.DDL).option("maxFilesPerTrigger", 1)
                .parquet(parquetEvents(shared).toString());
        QueryRun run = SluiceNexmark.run(spark, events, query, dir.resolve("cp").toString());
        assertThat(run.digest().toString()).as(query.sql()).isEqualTo(reference.expected(query).toString());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest
    @EnumSource(NexmarkQuery.class)
    void matchesThePlainJavaReference(NexmarkQuery query) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NexmarkQuery.selectedForTests(query),
                "not among -Dnexmark.queries");
        Dataset<Row> events = spark.readStream().format("nexmark").option("eventsPerSecond", RATE)
                .option("seed", SEED).option("throttle", false).option("maxEvents", EVENTS)
                .option("maxEventsPerTrigger", EVENTS / 4).load();
        QueryRun run = SluiceNexmark.run(spark, events, query, dir.resolve("cp").toString());
        ResultDigest expected = reference.expected(query);
        assertThat(expected.rows()).as("the reference of %s has rows", query).isPositive();
        assertThat(run.digest().toString()).as(query.sql()).isEqualTo(expected.toString());
    }
}
