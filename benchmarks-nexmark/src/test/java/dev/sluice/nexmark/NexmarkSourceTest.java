package dev.sluice.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code format("nexmark")} as a user program sees it: rows, options, pacing, restart and crash replay. */
class NexmarkSourceTest {
    private static SluiceSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").appName("nexmark-source-test")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", 2)
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private Dataset<Row> nexmark(long maxEvents, long perTrigger) {
        return spark.readStream().format("nexmark").option("eventsPerSecond", 1000).option("seed", 42)
                .option("throttle", false).option("maxEvents", maxEvents).option("maxEventsPerTrigger", perTrigger)
                .load();
    }

    /** Each row as "type:id:time" (id: person id, auction id or bid's auction), by batch id. */
    private static String key(Row r) {
        long id = !r.isNullAt(1) ? r.getLong(1) : !r.isNullAt(2) ? r.getLong(2) : r.getLong(3);
        return r.getInt(0) + ":" + id + ":" + ((Timestamp) r.get(4)).getTime();
    }

    private StreamingQuery run(Dataset<Row> events, String checkpoint, Map<Long, List<String>> batches,
                               long failBatch) throws Exception {
        return events.selectExpr("event_type", "person.id", "auction.id", "bid.auction", "dateTime")
                .writeStream().trigger(Trigger.AvailableNow()).option("checkpointLocation", checkpoint)
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    List<String> rows = new ArrayList<>();
                    for (Row r : ds.collectAsList()) {
                        rows.add(key(r));
                    }
                    batches.put(id, rows);
                    if (id == failBatch) {
                        throw new IllegalStateException("injected crash in batch " + id);
                    }
                }).start();
    }

    private static List<String> expected(long from, long to) {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults().withSeed(42)
                .withEventsPerSecond(1000));
        List<String> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            Event e = generator.event(i);
            long id = e.person() != null ? e.person().id() : e.auction() != null ? e.auction().id()
                    : e.bid().auction();
            out.add(e.eventType() + ":" + id + ":" + e.dateTime());
        }
        return out;
    }

    @Test
    void theSchemaIsNexmarksOneStreamForm() {
        StructType schema = nexmark(10, 10).schema();
        assertThat(schema.fieldNames()).containsExactly("event_type", "person", "auction", "bid", "dateTime");
        assertThat(schema).isEqualTo(StructType.fromDDL(NexmarkRows.DDL));
        assertThat(nexmark(10, 10).isStreaming()).isTrue();
    }

    @Test
    void theRowsAreTheGeneratorsEventsInOrderAndBatchesFollowTheLimit() throws Exception {
        Map<Long, List<String>> batches = Collections.synchronizedMap(new TreeMap<>());
        run(nexmark(2_500, 1_000), dir.resolve("cp").toString(), batches, -1).awaitTermination();
        assertThat(batches.keySet()).containsExactly(0L, 1L, 2L);
        assertThat(batches.get(2L)).hasSize(500);
        List<String> all = new ArrayList<>();
        batches.values().forEach(all::addAll);
        assertThat(all).isEqualTo(expected(0, 2_500));
        assertThat(all.get(0)).isEqualTo("0:1000:" + NexmarkConfig.NEXMARK_BASE_TIME);
    }

    @Test
    void aRestartBetweenBatchesEqualsAnUninterruptedRun() throws Exception {
        String checkpoint = dir.resolve("cp").toString();
        Map<Long, List<String>> batches = Collections.synchronizedMap(new TreeMap<>());
        // The first run stops after two batches (only 2000 events exist then); the second continues to 5000.
        run(nexmark(2_000, 1_000), checkpoint, batches, -1).awaitTermination();
        assertThat(batches.keySet()).containsExactly(0L, 1L);
        run(nexmark(5_000, 1_000), checkpoint, batches, -1).awaitTermination();
        assertThat(batches.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L);
        List<String> all = new ArrayList<>();
        batches.values().forEach(all::addAll);
        assertThat(all).isEqualTo(expected(0, 5_000));
    }

    @Test
    void aBatchThatCrashedBeforeItsCommitIsReplayedWithTheSameRows() throws Exception {
        String checkpoint = dir.resolve("cp").toString();
        Map<Long, List<String>> first = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery crashed = run(nexmark(4_000, 1_000), checkpoint, first, 2);
        assertThatThrownBy(crashed::awaitTermination).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash in batch 2");
        assertThat(Path.of(checkpoint, "offsets", "2")).exists();
        assertThat(Path.of(checkpoint, "commits", "2")).doesNotExist();
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "2")))
                .contains("{\"event\":3000,\"baseTime\":" + NexmarkConfig.NEXMARK_BASE_TIME + "}");

        Map<Long, List<String>> second = Collections.synchronizedMap(new TreeMap<>());
        run(nexmark(4_000, 1_000), checkpoint, second, -1).awaitTermination();
        assertThat(second.keySet()).containsExactly(2L, 3L);
        assertThat(second.get(2L)).isEqualTo(first.get(2L)).isEqualTo(expected(2_000, 3_000));
        assertThat(second.get(3L)).isEqualTo(expected(3_000, 4_000));
    }

    @Test
    void throttledEventsBecomeAvailableAtTheConfiguredRate() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        NexmarkOptions options = NexmarkOptions.parse(Map.of("eventsPerSecond", "2000", "baseTime", "now"));
        NexmarkSource source = new NexmarkSource(options, nanos::get, 1_700_000_000_000L);
        assertThat(source.latestOffset(null, ReadLimit.allAvailable())).isNull();
        nanos.addAndGet(250_000_000L);
        Offset first = source.latestOffset(null, ReadLimit.allAvailable());
        assertThat(first.json()).isEqualTo("{\"event\":500,\"baseTime\":1700000000000}");
        nanos.addAndGet(1_000_000_000L);
        assertThat(source.latestOffset(first, ReadLimit.maxRows(100)).json())
                .isEqualTo("{\"event\":600,\"baseTime\":1700000000000}");
        assertThat(source.latestOffset(first, ReadLimit.allAvailable()).json())
                .isEqualTo("{\"event\":2500,\"baseTime\":1700000000000}");
        // baseTime=now: event n happens when it is released, so event time tracks the wall clock.
        List<dev.sluice.batch.Chunk> chunks = source.read(null, first);
        assertThat(chunks.stream().mapToInt(dev.sluice.batch.Chunk::rowCount).sum()).isEqualTo(500);
        assertThat(chunks.get(0).column(4).getLong(499)).isEqualTo((1_700_000_000_000L + 249) * 1000);
        // A restarted source keeps the base time of the logged offset and paces from where it resumes.
        NexmarkSource restarted = new NexmarkSource(options, nanos::get, 1_800_000_000_000L);
        Offset resumed = restarted.deserializeOffset(first.json());
        assertThat(restarted.latestOffset(resumed, ReadLimit.allAvailable())).isEqualTo(resumed);
        nanos.addAndGet(5_000_000L);
        assertThat(restarted.latestOffset(resumed, ReadLimit.allAvailable()).json())
                .isEqualTo("{\"event\":510,\"baseTime\":1700000000000}");
    }

    @Test
    void badOptionsFailLoadNamingTheOption() {
        assertThatThrownBy(() -> spark.readStream().format("nexmark").option("eventsPerSecond", "fast").load())
                .hasMessageContaining("'eventsPerSecond'").hasMessageContaining("fast");
        assertThatThrownBy(() -> spark.readStream().format("nexmark").option("maxEvents", 0).load())
                .hasMessageContaining("'maxEvents'");
        assertThatThrownBy(() -> spark.readStream().format("nexmark").option("throttle", "maybe").load())
                .hasMessageContaining("'throttle'");
        assertThatThrownBy(() -> spark.readStream().format("nexmark").option("throttle", false).load())
                .hasMessageContaining("maxEvents");
        assertThatThrownBy(() -> spark.readStream().format("nexmark").schema("a INT").load())
                .hasMessageContaining("does not support user-specified schema");
    }

    /** {@code Trigger.RealTime}: paced events reach the sink as the throttle releases them, inside one open epoch. */
    @Test
    void realTimeModeDeliversEventsAsTheyAreReleased() throws Exception {
        spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
        Path checkpoint = dir.resolve("rt");
        StreamingQuery q = spark.readStream().format("nexmark").option("eventsPerSecond", 1000).option("seed", 42)
                .option("maxEvents", 600).load()
                .selectExpr("event_type", "person.id", "auction.id", "bid.auction", "dateTime")
                .writeStream().format("memory").queryName("nexmark_rt").trigger(Trigger.RealTime("1 hour"))
                .option("checkpointLocation", checkpoint.toString()).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (spark.table("nexmark_rt").count() < 600 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> rows = new ArrayList<>();
            for (Row r : spark.table("nexmark_rt").collectAsList()) {
                rows.add(key(r));
            }
            assertThat(rows).containsExactlyElementsOf(expected(0, 600));
            assertThat(checkpoint.resolve("offsets/0")).doesNotExist();
        } finally {
            q.stop();
            spark.conf().unset("spark.sql.streaming.realTimeMode.minBatchDuration");
        }
        assertThat(checkpoint.resolve("commits/0")).exists();
        assertThat(q.lastProgress().numInputRows()).isEqualTo(600);
    }

}
