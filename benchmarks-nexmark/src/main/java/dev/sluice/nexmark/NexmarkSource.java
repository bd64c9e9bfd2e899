package dev.sluice.nexmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@code nexmark} streaming source: the events of a {@link NexmarkGenerator} stream, in order, as rows of
 * {@link NexmarkRows#SCHEMA}. The offset is the number of events before it plus the stream's base time,
 * {@code {"event":<n>,"baseTime":<ms>}}.
 *
 * <p>Crash guarantee (exactly-once): event {@code i} is a pure function of the options and {@code i}, and the base
 * time travels in the offsets of the write-ahead log, so the range between two logged offsets yields the same rows
 * in any process, any number of times: a query restarted from its checkpoint re-runs its last planned batch with
 * the same rows and continues where it stopped, and its output equals an uninterrupted run's. (With
 * {@code baseTime=now}, the time is taken when the query first starts and then read back from the log; a
 * checkpoint with no logged offset yet takes a new one.)
 *
 * <p>Pacing: throttled (the default), events become available at {@code eventsPerSecond} in wall-clock time from
 * the moment this run started, continuing from the run's first offset; with {@code throttle=false} all
 * {@code maxEvents} are available at once. {@code maxEventsPerTrigger} (or a trigger's row limit) caps a batch.
 * {@code Trigger.AvailableNow} reads what is available when it starts.
 *
 * <p>Threading: called from the query's execution thread; the iterator of {@link #readChunks} from one worker at a
 * time, as the SPI says. The generator is immutable, so nothing is shared mutably.
 */
final class NexmarkSource implements Source, SupportsRealTime {
    /** How often a real-time reader asks for new data while waiting. */
    private static final long REAL_TIME_CHECK_MICROS = 200;

    private static final JsonFactory JSON = new JsonFactory();

    private final NexmarkOptions options;
    private final LongSupplier nanoClock;
    private final long startedNanos;
    private final long firstBaseTime;
    private long runFirstEvent = -1;
    private boolean availableNow;
    private long availableNowEnd = -1;
    private NexmarkGenerator generator;

    NexmarkSource(NexmarkOptions options, LongSupplier nanoClock, long wallClockMillis) {
        this.options = options;
        this.nanoClock = nanoClock;
        this.startedNanos = nanoClock.getAsLong();
        this.firstBaseTime = options.baseTimeIsNow() ? wallClockMillis : options.config().baseTimeMillis();
    }

    /** A point in the stream: the next event's index and the stream's base time. */
    record Position(long event, long baseTime) implements Offset {
        @Override
        public String json() {
            return "{\"event\":" + event + ",\"baseTime\":" + baseTime + "}";
        }

        @Override
        public String toString() {
            return json();
        }
    }

    @Override
    public StructType schema() {
        return NexmarkRows.SCHEMA;
    }

    @Override
    public ReadLimit defaultReadLimit() {
        return options.maxEventsPerTrigger() == Long.MAX_VALUE ? ReadLimit.allAvailable()
                : ReadLimit.maxRows(options.maxEventsPerTrigger());
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = true;
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        Position from = position(start);
        if (runFirstEvent < 0) {
            runFirstEvent = from.event();
        }
        long end = available();
        if (availableNow) {
            if (availableNowEnd < 0) {
                availableNowEnd = end;
            }
            end = availableNowEnd;
        }
        long cap = limit.kind() == ReadLimit.Kind.MAX_ROWS ? limit.max() : Long.MAX_VALUE;
        cap = Math.min(cap, options.maxEventsPerTrigger());
        end = Math.max(from.event(), Math.min(end, saturatedAdd(from.event(), cap)));
        if (start == null && end == 0) {
            return null;
        }
        return new Position(end, from.baseTime());
    }

    /** How many events exist now: paced by the wall clock when throttled, never more than {@code maxEvents}. */
    private long available() {
        if (!options.throttle()) {
            return options.maxEvents();
        }
        long elapsed = nanoClock.getAsLong() - startedNanos;
        double released = elapsed / 1e9 * options.config().eventsPerSecond();
        long events = released >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) released;
        return Math.min(options.maxEvents(), saturatedAdd(runFirstEvent, events));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public List<Chunk> read(Offset start, Offset end) {
        List<Chunk> out = new ArrayList<>();
        readChunks(start, end).forEachRemaining(out::add);
        return out;
    }

    @Override
    public Iterator<Chunk> readChunks(Offset start, Offset end) {
        Position from = position(start);
        Position to = position(end);
        if (from.event() > to.event()) {
            throw new IllegalStateException("nexmark source: start offset " + from + " is after end offset " + to);
        }
        return NexmarkRows.chunks(generator(to.baseTime()), from.event(), to.event());
    }

    private NexmarkGenerator generator(long baseTime) {
        if (generator == null || generator.config().baseTimeMillis() != baseTime) {
            generator = new NexmarkGenerator(options.config().withBaseTimeMillis(baseTime));
        }
        return generator;
    }

    /** {@code offset} as a position; null is the start of the stream, at this run's base time. */
    private Position position(Offset offset) {
        if (offset == null) {
            return new Position(0, firstBaseTime);
        }
        return offset instanceof Position p ? p : (Position) deserializeOffset(offset.json());
    }

    @Override
    public Offset deserializeOffset(String json) {
        long event = -1;
        long baseTime = Long.MIN_VALUE;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw badOffset(json, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("event".equals(name)) {
                    event = p.getLongValue();
                } else if ("baseTime".equals(name)) {
                    baseTime = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw badOffset(json, e);
        }
        if (event < 0 || baseTime == Long.MIN_VALUE) {
            throw badOffset(json, null);
        }
        return new Position(event, baseTime);
    }

    private static IllegalStateException badOffset(String json, Exception cause) {
        return new IllegalStateException("Not an offset of the nexmark source"
                + " (expected {\"event\":..,\"baseTime\":..}): " + json, cause);
    }

    @Override
    public String description() {
        NexmarkConfig c = options.config();
        return "NexmarkSource[eventsPerSecond=" + c.eventsPerSecond() + ", seed=" + c.seed() + ", maxEvents="
                + (options.maxEvents() == Long.MAX_VALUE ? "unbounded" : options.maxEvents())
                + ", outOfOrderGroupSize=" + c.outOfOrderGroupSize() + ", throttle=" + options.throttle() + "]";
    }

    /**
     * Real-time mode: {@link RealTimeReader#polling} over this source, whose latest offset is cheap to ask for, so
     * the query sees events as the throttle releases them.
     */
    @Override
    public RealTimeReader realTimeReader(Offset start) {
        if (!options.throttle()) {
            return RealTimeReader.polling(this, start, REAL_TIME_CHECK_MICROS);
        }
        // throttled: the next event is due one event interval after the last one released
        double perEventNanos = 1e9 / options.config().eventsPerSecond();
        return RealTimeReader.polling(this, start, RealTimeReader.Arrivals.until(() -> {
            long elapsed = nanoClock.getAsLong() - startedNanos;
            return (long) (perEventNanos - elapsed % perEventNanos) + 1;
        }));
    }

}
