package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.exec.physical.DeduplicateExec;
import dev.sluice.exec.Binder;
import dev.sluice.exec.GroupingTable;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streaming {@code dropDuplicates} (Spark's {@code StreamingDeduplicateExec}): passes only the first row of
 * each key, across batches and within a batch. State entry: the key row, with an empty value. Without a
 * watermark the state grows forever (as in Spark). With one on the input, rows whose event time is at or
 * before the late-events watermark are dropped and counted; when the event-time column is one of the keys,
 * keys at or before the eviction watermark are removed after each batch.
 *
 * <p>{@code dropDuplicatesWithinWatermark} (Spark's {@code StreamingDeduplicateWithinWatermarkExec}) stores
 * with each key when it expires: the first row's event time plus the watermark delay; a key is removed once
 * the eviction watermark reaches that time, whatever its columns.
 */
final class StreamingDeduplication extends StatefulOperator {
    private final String argString;
    private static final byte[] EMPTY = new byte[0];
    private final List<Expression> keys;
    private final List<DataType> keyTypes;
    private final StateRows rows;
    private final Expression eventTime;
    private final int eventTimeKey;
    private final boolean withinWatermark;
    private final boolean watermarked;
    private final long delayMicros;
    private final EvictionBound evictionBound = new EvictionBound();
    private final List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas;

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return storeSchemas;
    }

    StreamingDeduplication(int operatorId, Deduplicate deduplicate, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, deduplicate.output());
        checkEventTimeColumns(deduplicate.child().output(), deduplicate.child());
        this.argString = dev.sluice.exec.physical.PhysicalPlan.list(deduplicate.keys());
        List<AttributeReference> keyAttributes = deduplicate.keys().isEmpty() ? deduplicate.child().output()
                : deduplicate.keys();
        this.keys = Binder.bindAll(keyAttributes, deduplicate.child().output());
        this.keyTypes = keys.stream().map(Expression::dataType).toList();
        this.withinWatermark = deduplicate.withinWatermark();
        this.watermarked = EventTimeColumns.hasWatermark(deduplicate.child());
        this.rows = new StateRows(keyTypes, withinWatermark ? List.of(DataTypes.TimestampType) : List.of());
        this.storeSchemas = defaultStore(StateRows.schema(keyAttributes.stream().map(StateRows::columnName).toList(),
                        keyTypes),
                withinWatermark ? StateRows.schema(List.of("expiresAtMicros"), List.of(DataTypes.TimestampType))
                        : StateRows.schema(List.of()));
        Map<Long, Long> delays = EventTimeColumns.of(deduplicate.child());
        AttributeReference time = EventTimeColumns.find(deduplicate.child().output(), delays);
        this.delayMicros = time == null ? 0 : delays.get(time.exprId()) * 1000;
        this.eventTime = time == null ? null : Binder.bind(time, deduplicate.child().output());
        AttributeReference keyTime = EventTimeColumns.find(keyAttributes, delays);
        this.eventTimeKey = keyTime == null ? -1 : keyAttributes.indexOf(keyTime);
    }

    @Override
    String name() {
        return "dedupe";
    }

    @Override
    String nodeName() {
        return withinWatermark ? "StreamingDeduplicateWithinWatermark" : "StreamingDeduplicate";
    }

    @Override
    String argString() {
        return argString;
    }

    /** As Spark: whenever a watermark upstream moved, even if the keys have no event time. */
    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        return watermarked && newWatermarkMs > watermarks().evictionMs();
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        // 1. the batch's first row of each key (keys are unique across the whole batch from here on)
        GroupingTable batchKeys = new GroupingTable(keyTypes);
        List<Chunk> firsts = new ArrayList<>();
        List<ColumnVector[]> keyColumns = new ArrayList<>();
        List<ColumnVector[]> expiries = new ArrayList<>();
        int total = 0;
        for (Chunk c : input) {
            Chunk f = DeduplicateExec.firstOccurrences(batchKeys, keys, dropLate(c));
            firsts.add(f);
            keyColumns.add(evalKeys(f));
            expiries.add(withinWatermark ? expiry(f) : null);
            total += f.rowCount();
        }
        // 2. which of them the state has not seen: one get (and put) per key, partitions in parallel
        byte[][] keyBytes = new byte[total][];
        int[] chunkOf = new int[total];
        int[] rowOf = new int[total];
        int[] all = new int[Math.max(total, 1)];
        for (int c = 0, g = 0; c < firsts.size(); c++) {
            for (int i = 0; i < firsts.get(c).rowCount(); i++, g++) {
                keyBytes[g] = rows.encodeKey(keyColumns.get(c), i);
                chunkOf[g] = c;
                rowOf[g] = i;
                all[g] = g;
            }
        }
        int[][] byPartition = state.byPartition(all, total, g -> keyBytes[g]);
        boolean[] isNew = new boolean[total];
        executionContext().parallelFor(byPartition.length, p -> {
            for (int g : byPartition[p]) {
                if (state.get(keyBytes[g]) == null) {
                    state.put(keyBytes[g], withinWatermark ? rows.encodeValue(expiries.get(chunkOf[g]), rowOf[g]) : EMPTY);
                    isNew[g] = true;
                }
            }
        });
        // 3. the new rows, in input order
        List<Chunk> out = new ArrayList<>();
        long updated = 0;
        for (int c = 0, g = 0; c < firsts.size(); c++) {
            Chunk f = firsts.get(c);
            int[] selected = new int[Math.max(f.rowCount(), 1)];
            int count = 0;
            for (int i = 0; i < f.rowCount(); i++, g++) {
                if (!isNew[g]) {
                    continue;
                }
                if (withinWatermark) {
                    evictionBound.added(StateRows.eventTimeMicros(expiries.get(c)[0], i));
                } else if (eventTimeKey >= 0) {
                    evictionBound.added(StateRows.eventTimeMicros(keyColumns.get(c)[eventTimeKey], i));
                }
                selected[count++] = i;
            }
            updated += count;
            if (count > 0) {
                out.add(count == f.rowCount() ? f : f.take(selected, count));
            }
        }
        addRowsUpdated(updated);
        evict(state);
        return out;
    }

    private ColumnVector[] evalKeys(Chunk c) {
        ColumnVector[] out = new ColumnVector[keys.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = keys.get(k).eval(c);
        }
        return out;
    }

    /** When each row's key expires: its event time plus the watermark delay. */
    private ColumnVector[] expiry(Chunk c) {
        ColumnVector time = eventTime.eval(c);
        long[] out = new long[Math.max(c.rowCount(), 1)];
        for (int i = 0; i < c.rowCount(); i++) {
            out[i] = time.isNull(i) ? Long.MAX_VALUE : StateRows.eventTimeMicros(time, i) + delayMicros;
        }
        return new ColumnVector[] {LongVector.wrap(DataTypes.TimestampType, out, c.rowCount(), null)};
    }

    /** The rows of {@code c} after the late-events watermark (all of them without a watermark). */
    private Chunk dropLate(Chunk c) {
        if (eventTime == null) {
            return c;
        }
        return dropLateRows(c, eventTime.eval(c));
    }

    private void evict(PartitionedStateStore state) {
        long evictionMicros = watermarks().evictionMs() * 1000;
        if ((withinWatermark ? eventTime == null : eventTimeKey < 0) || !evictionBound.mayExpire(evictionMicros)) {
            return;
        }
        long start = System.nanoTime();
        List<byte[]> removed = new ArrayList<>();
        long[] lowestRemaining = {Long.MAX_VALUE};
        rows.scan(state, e -> {
            for (int i = 0; i < e.count(); i++) {
                long expiresAt = withinWatermark ? StateRows.eventTimeMicros(e.values()[0], i)
                        : StateRows.eventTimeMicros(e.keys()[eventTimeKey], i);
                if (expiresAt <= evictionMicros) {
                    removed.add(e.rawKeys()[i]);
                } else {
                    lowestRemaining[0] = Math.min(lowestRemaining[0], expiresAt);
                }
            }
        });
        removed.forEach(state::remove);
        evictionBound.scanned(lowestRemaining[0]);
        addRowsRemoved(removed.size(), System.nanoTime() - start);
    }
}
