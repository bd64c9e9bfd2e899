package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trigger kinds, driven by a manual clock: assertions never depend on sleeping. */
class TriggerTest extends StreamingTestSupport {
    private static final long T0 = 1_700_000_000_000L; // a multiple of 10 s

    private final List<String> batches = Collections.synchronizedList(new ArrayList<>());

    private StreamingQuery start(MemoryStream input, Trigger trigger) throws Exception {
        return input.toDF().writeStream().trigger(trigger)
                .foreachBatch((Dataset<Row> ds, Long id) -> batches.add(id + ":" + sorted(ds.collectAsList())))
                .start();
    }

    @Test
    void processingTimeRunsAtIntervalBoundaries() throws Exception {
        ManualClock clock = new ManualClock(T0 + 3_000);
        spark.streams().setClock(clock);
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = start(input, Trigger.ProcessingTime("10 seconds"));

        // the first trigger runs at start, then the loop waits for the next boundary, T0 + 10 s
        assertThat(clock.awaitWaiter(T0 + 10_000, 5_000)).isEqualTo(T0 + 10_000);
        assertThat(batches).containsExactly("0:[[a]]");

        input.addValues("b");
        clock.advance(6_000); // T0 + 9 s: not yet
        assertThat(clock.awaitWaiter(T0 + 10_000, 5_000)).isEqualTo(T0 + 10_000);
        assertThat(batches).hasSize(1);

        clock.advance(1_000); // T0 + 10 s: the boundary
        assertThat(clock.awaitWaiter(T0 + 20_000, 5_000)).isEqualTo(T0 + 20_000);
        assertThat(batches).containsExactly("0:[[a]]", "1:[[b]]");
        assertThat(q.lastProgress().timestamp()).isEqualTo(ProgressTrackerFormat.of(T0 + 10_000));

        clock.advance(10_000); // no new data: the trigger runs but no batch
        assertThat(clock.awaitWaiter(T0 + 30_000, 5_000)).isEqualTo(T0 + 30_000);
        assertThat(batches).hasSize(2);
        assertThat(q.status().message()).isEqualTo("Waiting for next trigger");
        q.stop();
        assertThat(q.isActive()).isFalse();
        assertThat(q.exception().isEmpty()).isTrue();
    }

    @Test
    void processingTimeRunsALateBatchImmediately() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = input.toDF().writeStream().trigger(Trigger.ProcessingTime(10_000))
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    batches.add(id + ":" + ds.count());
                    if (id == 0) {
                        clock.advance(25_000); // the batch overruns two intervals
                    }
                }).start();
        // the next trigger is due at T0 + 10 s, already past: it runs at once, and the one after that is aligned
        assertThat(clock.awaitWaiter(T0 + 30_000, 5_000)).isEqualTo(T0 + 30_000);
        assertThat(q.recentProgress()).hasSize(1);
        q.stop();
    }

    @Test
    void onceRunsOneBatchWithEverythingAndStops() throws Exception {
        MemoryStream input = lines().maxRowsPerTrigger(1);
        input.addValues("a");
        input.addValues("b");
        StreamingQuery q = start(input, Trigger.Once());
        assertThat(q.awaitTermination(10_000)).isTrue();
        assertThat(batches).containsExactly("0:[[a], [b]]");
        assertThat(q.exception().isEmpty()).isTrue();
    }

    @Test
    void availableNowDrainsWhatWasThereAtStartInReadLimitedBatches() throws Exception {
        MemoryStream input = lines().maxRowsPerTrigger(2);
        input.addValues("a", "b");
        input.addValues("c");
        input.addValues("d");
        input.addValues("e", "f", "g");
        StreamingQuery q = start(input, Trigger.AvailableNow());
        assertThat(q.awaitTermination(10_000)).isTrue();
        assertThat(batches).containsExactly("0:[[a], [b]]", "1:[[c], [d]]", "2:[[e], [f], [g]]");
        assertThat(q.isActive()).isFalse();
    }

    @Test
    void defaultTriggerRunsABatchAsSoonAsDataArrives() throws Exception {
        MemoryStream input = lines();
        StreamingQuery q = start(input, Trigger.defaultTrigger());
        q.processAllAvailable();
        assertThat(batches).isEmpty();
        input.addValues("a");
        q.processAllAvailable();
        input.addValues("b", "c");
        q.processAllAvailable();
        assertThat(batches).containsExactly("0:[[a]]", "1:[[b], [c]]");
    }

    @Test
    void processingTimeParsesIntervals() {
        assertThat(Trigger.ProcessingTime("1 minute").intervalMs()).isEqualTo(60_000);
        assertThat(Trigger.ProcessingTime("interval 2 seconds").intervalMs()).isEqualTo(2_000);
        assertThat(Trigger.ProcessingTime(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Trigger.ProcessingTime(5000));
    }

    /** Spark's progress timestamp format. */
    static final class ProgressTrackerFormat {
        static String of(long ms) {
            return dev.sluice.stream.ProgressEvents.timestamp(ms);
        }
    }
}
