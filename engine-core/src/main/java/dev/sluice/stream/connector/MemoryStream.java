package dev.sluice.stream.connector;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A source fed from code, for tests and examples, as Spark's {@code MemoryStream}: each {@link #addData}
 * call appends one block of rows; the offset is the index of the last block ({@code 0} after the first
 * call, as JSON), so a batch reads whole blocks. With {@link #maxRowsPerTrigger} set, a batch takes as
 * many whole blocks as fit (at least one).
 *
 * <p>Thread-safe: data may be added from any thread while queries read. Every query reading it shares the
 * same blocks. Nothing is persisted: after a process crash the data is gone, so exactly-once holds only
 * for restarts within the same JVM (as in Spark).
 */
public final class MemoryStream implements Source, SupportsRealTime {
    /** How often a real-time reader asks for new data while waiting. */
    /** Wakes a real-time reader when {@link #addData} added a block. */
    private final RealTimeReader.Signal arrivals = new RealTimeReader.Signal();

    private final SluiceSession session;
    private final StructType schema;
    private final List<List<Chunk>> blocks = new ArrayList<>();
    private final List<Integer> blockRows = new ArrayList<>();
    private final StreamingRelation relation;
    private volatile long maxRowsPerTrigger = Long.MAX_VALUE;
    private long availableNowEnd = Long.MAX_VALUE;

    private MemoryStream(SluiceSession session, StructType schema) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        var output = SluiceSession.attributes(schema);
        this.relation = new StreamingRelation("MemoryStream[" + String.join(",", schema.fieldNames()) + "]", output,
                metadataPath -> this, true);
    }

    /** A new, empty stream of rows with {@code schema}. */
    public static MemoryStream of(SluiceSession session, StructType schema) {
        return new MemoryStream(session, schema);
    }

    /** Caps each batch at about {@code rows} rows (whole blocks, at least one); returns this stream. */
    public MemoryStream maxRowsPerTrigger(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("maxRowsPerTrigger must be positive, got " + rows);
        }
        this.maxRowsPerTrigger = rows;
        return this;
    }

    /** The streaming DataFrame reading this stream. */
    public Dataset<Row> toDF() {
        return Dataset.ofRows(session, relation);
    }

    /** Appends one block of rows; returns the offset of the block (its JSON is the returned number). */
    public synchronized long addData(List<Row> rows) {
        List<Chunk> chunks = JavaValues.toChunks(rows, schema, session.conf().sessionTimeZone());
        blocks.add(chunks);
        blockRows.add(rows.size());
        arrivals.arrived();
        return blocks.size() - 1;
    }

    public long addData(Row... rows) {
        return addData(Arrays.asList(rows));
    }

    /** Appends a block of single-column rows, one per value. */
    public long addValues(Object... values) {
        List<Row> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(RowFactory.create(v));
        }
        return addData(rows);
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public ReadLimit defaultReadLimit() {
        long max = maxRowsPerTrigger;
        return max == Long.MAX_VALUE ? ReadLimit.allAvailable() : ReadLimit.maxRows(max);
    }

    @Override
    public synchronized void prepareForTriggerAvailableNow() {
        availableNowEnd = blocks.size() - 1;
    }

    @Override
    public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
        long last = Math.min(blocks.size() - 1, availableNowEnd);
        if (last < 0) {
            return null;
        }
        long from = start == null ? 0 : index(start) + 1;
        long end = last;
        if (limit.kind() == ReadLimit.Kind.MAX_ROWS && from <= last) {
            long rows = blockRows.get((int) from);
            end = from;
            while (end + 1 <= last && rows + blockRows.get((int) end + 1) <= limit.max()) {
                end++;
                rows += blockRows.get((int) end);
            }
        }
        return Offset.of(Long.toString(Math.max(end, from - 1)));
    }

    @Override
    public synchronized List<Chunk> read(Offset start, Offset end) {
        long from = start == null ? 0 : index(start) + 1;
        long to = index(end);
        if (to >= blocks.size()) {
            throw new IllegalStateException("offset " + to + " is beyond the " + blocks.size() + " blocks of " + description()
                    + ": its data was lost (MemoryStream keeps data in memory only)");
        }
        List<Chunk> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.addAll(blocks.get((int) i));
        }
        return out;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return Offset.of(Long.toString(Long.parseLong(json.trim())));
    }

    private static long index(Offset offset) {
        return Long.parseLong(offset.json().trim());
    }

    @Override
    public String description() {
        return relation.description();
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * Real-time mode: {@link RealTimeReader#polling} over this source, whose latest offset is cheap to ask for, so
     * the query sees each {@code addData} block as it is added: {@code addData} wakes the reader.
     */
    @Override
    public RealTimeReader realTimeReader(Offset start) {
        return RealTimeReader.polling(this, start, arrivals);
    }

}
