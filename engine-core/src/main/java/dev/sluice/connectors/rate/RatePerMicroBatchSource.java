package dev.sluice.connectors.rate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.Source;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.List;

/**
 * {@code format("rate-micro-batch")}: exactly {@code rowsPerBatch} rows per micro-batch whatever the trigger or
 * the clock, as Spark's {@code RatePerMicroBatchStream}: batch {@code N} (counting batches that read this source)
 * has the values {@code [N * rowsPerBatch, (N + 1) * rowsPerBatch)}, all timestamped
 * {@code startTimestamp + N * advanceMillisPerBatch}. The offset is Spark's JSON
 * {@code {"offset":<next value>,"timestamp":<ms>}}.
 *
 * <p>Deterministic and replayable: rows depend only on the offsets in the log, so a restart re-runs a batch with
 * identical rows and continues from the last offset. With {@code Trigger.AvailableNow} it reads one batch.
 *
 * <p>Threading: used by the query thread only.
 */
final class RatePerMicroBatchSource implements Source {
    private static final JsonFactory JSON = new JsonFactory();

    private final long rowsPerBatch;
    private final int numPartitions;
    private final long startTimestamp;
    private final int advanceMillisPerBatch;
    private boolean availableNow;
    private Position availableNowEnd;

    RatePerMicroBatchSource(long rowsPerBatch, int numPartitions, long startTimestamp, int advanceMillisPerBatch) {
        this.rowsPerBatch = rowsPerBatch;
        this.numPartitions = numPartitions;
        this.startTimestamp = startTimestamp;
        this.advanceMillisPerBatch = advanceMillisPerBatch;
    }

    /** A point in the stream: the next value and the timestamp of the batch starting there. */
    record Position(long offset, long timestamp) implements Offset {
        @Override
        public String json() {
            return "{\"offset\":" + offset + ",\"timestamp\":" + timestamp + "}";
        }

        @Override
        public String toString() {
            return json();
        }
    }

    @Override
    public StructType schema() {
        return RateRows.SCHEMA;
    }

    @Override
    public ReadLimit defaultReadLimit() {
        return ReadLimit.maxRows(rowsPerBatch);
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = true;
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        if (availableNow) {
            if (availableNowEnd == null) {
                availableNowEnd = next(position(start));
            }
            return availableNowEnd;
        }
        return next(position(start));
    }

    private Position next(Position start) {
        long end = start.offset() + rowsPerBatch < start.offset() ? Long.MAX_VALUE : start.offset() + rowsPerBatch;
        return new Position(end, start.timestamp() + advanceMillisPerBatch);
    }

    @Override
    public List<Chunk> read(Offset start, Offset end) {
        Position from = position(start);
        Position to = position(end);
        if (from.offset() > to.offset()) {
            throw new IllegalStateException("startOffset(" + from.offset() + ") > endOffset(" + to.offset() + ")");
        }
        if (from.timestamp() > to.timestamp()) {
            throw new IllegalStateException("startTimestamp(" + from.timestamp() + ") > endTimestamp("
                    + to.timestamp() + ")");
        }
        return RateRows.chunks(from.offset(), to.offset(), numPartitions, from.timestamp(), 0);
    }

    /** {@code offset} as a position; null is the start of the stream. */
    private Position position(Offset offset) {
        if (offset == null) {
            return new Position(0, startTimestamp);
        }
        return offset instanceof Position p ? p : (Position) deserializeOffset(offset.json());
    }

    @Override
    public Offset deserializeOffset(String json) {
        long offset = -1;
        long timestamp = -1;
        boolean sawOffset = false;
        boolean sawTimestamp = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw badOffset(json, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("offset".equals(name)) {
                    offset = p.getLongValue();
                    sawOffset = true;
                } else if ("timestamp".equals(name)) {
                    timestamp = p.getLongValue();
                    sawTimestamp = true;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw badOffset(json, e);
        }
        if (!sawOffset || !sawTimestamp) {
            throw badOffset(json, null);
        }
        return new Position(offset, timestamp);
    }

    private static IllegalStateException badOffset(String json, Exception cause) {
        return new IllegalStateException("Not an offset of the rate-micro-batch source (expected"
                + " {\"offset\":..,\"timestamp\":..}): " + json, cause);
    }

    @Override
    public String description() {
        return "RatePerMicroBatchStream[rowsPerBatch=" + rowsPerBatch + ", numPartitions=" + numPartitions
                + ", startTimestamp=" + startTimestamp + ", advanceMsPerBatch=" + advanceMillisPerBatch + "]";
    }
}
