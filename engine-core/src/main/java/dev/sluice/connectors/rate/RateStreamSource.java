package dev.sluice.connectors.rate;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.ConnectorCheckpoints;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code format("rate")}: {@code rowsPerSecond} rows per second of processing time, values counting up from 0,
 * computed as Spark's {@code RateStreamMicroBatchStream}. The offset is the number of whole seconds since the
 * query first started (as JSON); the values of second {@code s} end at
 * {@link #valueAtSecond valueAtSecond(s)}, which ramps the rate up linearly over {@code rampUpTime}; a batch
 * {@code (s1, s2]} holds the values {@code [valueAtSecond(s1), valueAtSecond(s2))}, each timestamped
 * {@code start + s1 seconds + round((value - first value) * (s2 - s1) s / row count)}.
 *
 * <p>Replayable: the start time is written once to the source's checkpoint folder ({@code sources/<n>/0}) and
 * read back on restart, and a batch's rows depend only on its offsets, so a batch re-run after a crash has
 * identical rows. Time comes from the {@link Clock} given (the wall clock in queries).
 *
 * <p>Threading: used by the query thread only.
 */
final class RateStreamSource implements Source, SupportsRealTime {
    /** How often a real-time reader asks for new data while waiting. */
    private static final long REAL_TIME_CHECK_MICROS = 200;

    private static final int START_TIME_VERSION = 1;

    private final long rowsPerSecond;
    private final long rampUpTimeSeconds;
    private final int numPartitions;
    private final Clock clock;
    private final long maxSeconds;
    private final long creationTimeMs;
    private long lastTimeMs;

    /**
     * @param metadataPath the source's checkpoint folder, holding the start time of the query
     * @throws dev.sluice.SluiceIllegalArgumentException when {@code rampUpTimeSeconds} cannot be reached without
     *     overflow (Spark's check, {@link #checkRampUp})
     */
    RateStreamSource(long rowsPerSecond, long rampUpTimeSeconds, int numPartitions, Clock clock, String metadataPath) {
        this.rowsPerSecond = rowsPerSecond;
        this.rampUpTimeSeconds = rampUpTimeSeconds;
        this.numPartitions = numPartitions;
        this.clock = clock;
        this.maxSeconds = checkRampUp(rowsPerSecond, rampUpTimeSeconds);
        this.creationTimeMs = startTime(ConnectorCheckpoints.resolveLocation(metadataPath), clock);
        this.lastTimeMs = creationTimeMs;
    }

    /** The query's start time: read from the checkpoint, or taken from the clock and written there first. */
    private static long startTime(Path folder, Clock clock) {
        Path file = folder.resolve("0");
        if (Files.exists(file)) {
            return Long.parseLong(ConnectorCheckpoints.readText(file, START_TIME_VERSION).trim());
        }
        long now = clock.getTimeMillis();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the rate source's checkpoint folder " + folder, e);
        }
        ConnectorCheckpoints.write(file, START_TIME_VERSION, Long.toString(now));
        return now;
    }

    /**
     * The first value not yet emitted after {@code seconds} seconds: the rate grows by
     * {@code rowsPerSecond / (rampUpTimeSeconds + 1)} (integer division) each second until {@code rampUpTimeSeconds},
     * then stays at {@code rowsPerSecond}. With 10 rows per second and a 4-second ramp-up: 0, 2, 6, 12, 20, 30, 40.
     */
    static long valueAtSecond(long seconds, long rowsPerSecond, long rampUpTimeSeconds) {
        long speedDeltaPerSecond = rowsPerSecond / (rampUpTimeSeconds + 1);
        if (seconds <= rampUpTimeSeconds) {
            // the sum 0 + delta + 2 delta + ... + seconds delta, halving the even factor first against overflow
            return seconds % 2 == 1 ? (seconds + 1) / 2 * speedDeltaPerSecond * seconds
                    : seconds / 2 * speedDeltaPerSecond * (seconds + 1);
        }
        long rampUpPart = valueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds);
        return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond;
    }

    @Override
    public StructType schema() {
        return RateRows.SCHEMA;
    }

    /** The start time of the query, in epoch milliseconds. */
    long creationTimeMs() {
        return creationTimeMs;
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        lastTimeMs = Math.max(lastTimeMs, clock.getTimeMillis());
        long seconds = (lastTimeMs - creationTimeMs) / 1000;
        if (start == null && seconds == 0) {
            return null; // Spark's initial offset is 0 seconds: nothing to read yet
        }
        return Offset.of(Long.toString(seconds));
    }

    @Override
    public Offset reportLatestOffset() {
        return Offset.of(Long.toString((lastTimeMs - creationTimeMs) / 1000));
    }

    /**
     * Spark's overflow check of the options: the last second the offsets can reach, or a
     * {@code SLUICE_INVALID_OPTION_VALUE} naming {@code rampUpTime} when the ramp-up ends past it.
     */
    static long checkRampUp(long rowsPerSecond, long rampUpTimeSeconds) {
        long maxSeconds = Long.MAX_VALUE / rowsPerSecond;
        if (rampUpTimeSeconds > maxSeconds) {
            throw dev.sluice.conf.OptionValues.refused("rampUpTime", "Integer overflow. Max offset with "
                    + rowsPerSecond + " rowsPerSecond is " + maxSeconds + ", but 'rampUpTimeSeconds' is "
                    + rampUpTimeSeconds + ".", null);
        }
        return maxSeconds;
    }

    @Override
    public List<Chunk> read(Offset start, Offset end) {
        long startSeconds = start == null ? 0 : seconds(start);
        long endSeconds = seconds(end);
        if (startSeconds > endSeconds) {
            throw new IllegalStateException("startSeconds(" + startSeconds + ") > endSeconds(" + endSeconds + ")");
        }
        if (endSeconds > maxSeconds) {
            throw new dev.sluice.sql.SluiceException("ARITHMETIC_OVERFLOW", "Integer overflow. Max offset with "
                    + rowsPerSecond + " rowsPerSecond is " + maxSeconds + ", but it's " + endSeconds + " now.",
                    "22003", null);
        }
        // a batch re-run after a restart must not be followed by offsets before its end
        lastTimeMs = Math.max(lastTimeMs, creationTimeMs + endSeconds * 1000);
        long rangeStart = valueAtSecond(startSeconds, rowsPerSecond, rampUpTimeSeconds);
        long rangeEnd = valueAtSecond(endSeconds, rowsPerSecond, rampUpTimeSeconds);
        if (rangeStart == rangeEnd) {
            return List.of();
        }
        long localStartTimeMs = creationTimeMs + startSeconds * 1000;
        double msPerValue = (endSeconds - startSeconds) * 1000.0 / (rangeEnd - rangeStart);
        return RateRows.chunks(rangeStart, rangeEnd, numPartitions, localStartTimeMs, msPerValue);
    }

    @Override
    public Offset deserializeOffset(String json) {
        return Offset.of(Long.toString(Long.parseLong(json.trim())));
    }

    @Override
    public String description() {
        return "RateStreamV2[rowsPerSecond=" + rowsPerSecond + ", rampUpTimeSeconds=" + rampUpTimeSeconds
                + ", numPartitions=" + numPartitions + "]";
    }

    private static long seconds(Offset offset) {
        return Long.parseLong(offset.json().trim());
    }

    /**
     * Real-time mode: {@link RealTimeReader#polling} over this source, whose latest offset is cheap to ask for, so
     * the query sees a second of rows as each second passes (its offsets are seconds, as Spark's); on the wall
     * clock the reader sleeps until the next second is due, on any other clock (tests) it asks every 200 µs.
     */
    @Override
    public RealTimeReader realTimeReader(Offset start) {
        return RealTimeReader.polling(this, start, clock instanceof dev.sluice.stream.SystemClock
                ? RealTimeReader.Arrivals.until(() -> (1000 - Math.floorMod(clock.getTimeMillis() - creationTimeMs, 1000L))
                        * 1_000_000L)
                : RealTimeReader.Arrivals.every(REAL_TIME_CHECK_MICROS * 1000));
    }

}
