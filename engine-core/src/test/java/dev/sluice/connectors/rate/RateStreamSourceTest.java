package dev.sluice.connectors.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.stream.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rate} source driven by a {@link ManualClock} through the calls the engine makes (latestOffset, read,
 * commit), so values and timestamps are checked exactly, with no sleeping.
 */
class RateStreamSourceTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** "timestampMs:value" for every row of {@code chunks}, in order. */
    static List<String> rows(List<Chunk> chunks) {
        List<String> out = new ArrayList<>();
        for (Chunk c : chunks) {
            for (int i = 0; i < c.rowCount(); i++) {
                out.add(c.column(0).getLong(i) / 1000 + ":" + c.column(1).getLong(i));
            }
        }
        return out;
    }

    @Test
    void valueAtSecondRampsUpLinearlyThenKeepsTheRate() {
        long[] expected = {0, 2, 6, 12, 20, 30, 40};
        for (int s = 0; s < expected.length; s++) {
            assertThat(RateStreamSource.valueAtSecond(s, 10, 4)).as("second %d", s).isEqualTo(expected[s]);
        }
        assertThat(RateStreamSource.valueAtSecond(3, 5, 0)).isEqualTo(15);
        // rowsPerSecond below rampUpTime + 1: the integer speed step is 0, so nothing comes during the ramp-up
        assertThat(RateStreamSource.valueAtSecond(3, 3, 5)).isZero();
        assertThat(RateStreamSource.valueAtSecond(7, 3, 5)).isEqualTo(6);
    }

    @Test
    void offsetsAreWholeSecondsSinceTheStartAndNothingBeforeTheFirstSecond() {
        ManualClock clock = new ManualClock(T0);
        RateStreamSource source = new RateStreamSource(5, 0, 1, clock, dir.toString());
        assertThat(source.latestOffset(null, ReadLimit.allAvailable())).isNull();
        clock.advance(2_999);
        assertThat(source.latestOffset(null, ReadLimit.allAvailable()).json()).isEqualTo("2");
        clock.setTime(T0 + 1_000); // a clock going back never moves the offset back
        assertThat(source.latestOffset(Offset.of("2"), ReadLimit.allAvailable()).json()).isEqualTo("2");
    }

    /** Plays the engine: each trigger moves the manual clock, plans the next batch and reads it. */
    private final class Driver {
        final ManualClock clock = new ManualClock(T0);
        final RateStreamSource source;
        Offset last;

        Driver(long rowsPerSecond, long rampUpSeconds, int partitions) {
            source = new RateStreamSource(rowsPerSecond, rampUpSeconds, partitions, clock, dir.toString());
        }

        /** Advances the clock by {@code ms}, then plans and reads one batch; returns its rows. */
        List<String> trigger(long ms) {
            clock.advance(ms);
            Offset end = source.latestOffset(last, ReadLimit.allAvailable());
            List<String> rows = rows(source.read(last, end));
            last = end;
            return rows;
        }
    }

    @Test
    void valuesAndTimestampsSpreadEvenlyOverEachBatchsSeconds() {
        Driver rate = new Driver(4, 0, 1);
        assertThat(rate.trigger(1_000)).containsExactly(T0 + ":0", (T0 + 250) + ":1", (T0 + 500) + ":2",
                (T0 + 750) + ":3");
        List<String> rows = rate.trigger(2_000);
        assertThat(rate.last.json()).isEqualTo("3");
        assertThat(rows).hasSize(8).startsWith((T0 + 1_000) + ":4", (T0 + 1_250) + ":5").endsWith((T0 + 2_750) + ":11");
    }

    @Test
    void rampUpGivesFewerRowsInTheFirstSeconds() {
        Driver rate = new Driver(10, 4, 1);
        assertThat(rate.trigger(1_000)).containsExactly(T0 + ":0", (T0 + 500) + ":1");
        assertThat(rate.trigger(1_000)).containsExactly((T0 + 1_000) + ":2", (T0 + 1_250) + ":3",
                (T0 + 1_500) + ":4", (T0 + 1_750) + ":5");
        // seconds 2..7 end at values 6, 12, 20, 30, 40, 50: [6, 50) over 5 seconds
        assertThat(rate.trigger(5_000)).hasSize(44).startsWith((T0 + 2_000) + ":6").endsWith(
                (T0 + 2_000 + Math.round(43 * 5_000.0 / 44)) + ":49");
    }

    @Test
    void partitionsSplitTheValuesRoundRobinAndRowsComePartitionAfterPartition() {
        Driver rate = new Driver(5, 0, 2);
        assertThat(rate.trigger(1_000)).containsExactly(T0 + ":0", (T0 + 400) + ":2", (T0 + 800) + ":4",
                (T0 + 200) + ":1", (T0 + 600) + ":3");
    }

    @Test
    void aRestartedSourceReadsTheStartTimeFromTheCheckpointAndRepeatsABatchExactly() {
        ManualClock clock = new ManualClock(T0);
        RateStreamSource first = new RateStreamSource(3, 1, 2, clock, dir.toString());
        clock.advance(4_000);
        Offset end = first.latestOffset(null, ReadLimit.allAvailable());
        List<String> rows = rows(first.read(null, end));

        ManualClock later = new ManualClock(T0 + 60_000);
        RateStreamSource restarted = new RateStreamSource(3, 1, 2, later, dir.toString());
        assertThat(restarted.creationTimeMs()).isEqualTo(T0);
        assertThat(rows(restarted.read(null, restarted.deserializeOffset(end.json())))).isEqualTo(rows);
        assertThat(restarted.latestOffset(end, ReadLimit.allAvailable()).json()).isEqualTo("60");
    }

    @Test
    void overflowOfTheValueCounterIsReported() {
        assertThatThrownBy(() -> new RateStreamSource(Long.MAX_VALUE / 2, 3, 1, new ManualClock(T0), dir.toString()))
                .isInstanceOf(dev.sluice.SluiceIllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] Integer overflow. Max offset with 4611686018427387903"
                        + " rowsPerSecond is 2, but 'rampUpTimeSeconds' is 3. SQLSTATE: 42616");
        RateStreamSource source = new RateStreamSource(Long.MAX_VALUE / 2, 0, 1, new ManualClock(T0), dir.toString());
        assertThatThrownBy(() -> source.read(Offset.of("0"), Offset.of("3")))
                .isInstanceOf(dev.sluice.sql.SluiceException.class)
                .hasMessage("[ARITHMETIC_OVERFLOW] Integer overflow. Max offset with 4611686018427387903 rowsPerSecond"
                        + " is 2, but it's 3 now. SQLSTATE: 22003");
    }
}
