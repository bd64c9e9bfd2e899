package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.expr.AttributeReference;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.state.StateStoreConf;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.state.KeyGroups;
import dev.sluice.stream.state.OperatorStateMetadata;
import dev.sluice.stream.state.PartitionedStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The per-query, mutable instance of one stateful operator of an incremental plan (streaming aggregation,
 * deduplication, limit). Lifecycle: {@link #open} once per query run (binds the state partitions and the
 * version to resume from), then per batch {@link #startBatch} (the batch's two watermarks), {@link #process}
 * with the batch's input rows and {@link #commit}, which makes the state durable as the next version; at
 * the end {@link #close}. Owned by the query's execution thread; never concurrent.
 *
 * <p>After a crash between {@link #commit} and the commit log, the batch is re-run from the previous
 * version, so its updates are applied exactly once.
 */
abstract class StatefulOperator {
    private String multipleEventTimeColumns;
    /** The two watermarks of a batch (epoch ms): late input is filtered with the first, state evicted with the second. */
    record Watermarks(long lateEventsMs, long evictionMs) {
        static final Watermarks NONE = new Watermarks(0, 0);
    }

    private final int operatorId;
    private final LogicalPlan child;
    private final List<AttributeReference> output;
    private PartitionedStateStore state;
    private long version;
    private Watermarks watermarks = Watermarks.NONE;
    private long batchTimestampMs;
    private long rowsUpdated;
    private long rowsRemoved;
    private long rowsDroppedByWatermark;
    private long updateTimeMs;
    private long removalTimeMs;
    private ExecutionContext context;
    private OperatorStateMetadata pendingMetadata;
    private Path checkpointRoot;
    private boolean fsync;
    private java.util.UUID queryId;
    private java.util.UUID runId;

    StatefulOperator(int operatorId, LogicalPlan child, List<AttributeReference> output) {
        this.operatorId = operatorId;
        this.child = child;
        this.output = List.copyOf(output);
    }

    int operatorId() {
        return operatorId;
    }

    /** The input plan (already incrementalized: may contain streaming leaves and other stateful leaves). */
    LogicalPlan child() {
        return child;
    }

    List<AttributeReference> output() {
        return output;
    }

    /** Operator name in progress reports (Spark's: stateStoreSave, dedupe, globalLimit). */
    abstract String name();

    /** The physical operator's name in {@code explain()} (Spark's: StateStoreSave, StreamingDeduplicate, …). */
    abstract String nodeName();

    /** Output columns, key columns or conditions {@code explain()} prints after the name, or an empty string. */
    String argString() {
        return "";
    }

    /** The layout of the operator's state stores (Spark's state schema), recorded in its metadata. */
    abstract List<OperatorStateMetadata.StoreSchema> storeSchemas();

    /** Spark's {@code operatorProperties} JSON of the operator's metadata, or null (all but transformWithState). */
    String operatorProperties() {
        return null;
    }

    /** One store, {@code default}, of {@code keySchema} to {@code valueSchema}. */
    static List<OperatorStateMetadata.StoreSchema> defaultStore(StructType keySchema, StructType valueSchema) {
        return List.of(new OperatorStateMetadata.StoreSchema(OperatorStateMetadata.DEFAULT_STORE, keySchema,
                valueSchema));
    }

    /** What this operator records in {@code state/<id>/_metadata}. */
    final OperatorStateMetadata metadata(int keyGroups, String provider) {
        return new OperatorStateMetadata(operatorId, name(), OperatorStateMetadata.ENCODING_VERSION, keyGroups,
                provider, storeSchemas(), operatorProperties());
    }

    /** State partitions of this operator given the query's (fixed) shuffle partitions. */
    int statePartitions(int shufflePartitions) {
        return shufflePartitions;
    }

    /**
     * Whether a batch without input would do something once the watermark is {@code newWatermarkMs}
     * (Spark's {@code shouldRunAnotherBatch}): emit or evict state.
     */
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        return false;
    }

    /**
     * Spark's {@code _LEGACY_ERROR_TEMP_3077}: more than one event-time column reaches this operator (the columns
     * as Spark lists them), or null. Set by the operators Spark checks; raised while a batch is planned
     * ({@link WatermarkPropagation#check}), so the query fails in its first batch, as Spark's does.
     */
    String multipleEventTimeColumns() {
        return multipleEventTimeColumns;
    }

    /** Records the check above for {@code columns} of {@code plan}'s output (one call per input). */
    final void checkEventTimeColumns(List<? extends dev.sluice.expr.Expression> columns, LogicalPlan plan) {
        if (multipleEventTimeColumns == null) {
            multipleEventTimeColumns = dev.sluice.plan.logical.EventTimeColumns.multiple(columns,
                    dev.sluice.plan.logical.EventTimeColumns.of(plan));
        }
    }

    /**
     * The watermark this operator passes downstream given its input watermark (Spark's
     * {@code produceOutputWatermark}; see {@link WatermarkPropagation}): by default the input watermark itself.
     */
    java.util.OptionalLong outputWatermark(long inputWatermarkMs) {
        return java.util.OptionalLong.of(inputWatermarkMs);
    }

    /**
     * Binds the state partitions, with the checkpoint's number of key-groups (0: a checkpoint from before
     * key-groups, routed as it was written); the next batch reads {@code version} (the state after batch
     * {@code version - 1}, written with {@code previousShufflePartitions}: when that differs, the first batch
     * moves the key-groups to this run's partitions); {@code routingVersion} is the checkpoint's
     * ({@link ResumePoint#ROUTING_VERSION}).
     */
    final void open(Path checkpointRoot, StateStoreConf conf, int shufflePartitions, int previousShufflePartitions,
                    int keyGroups, int routingVersion, long version, boolean fsync) {
        int partitions = statePartitions(shufflePartitions);
        OperatorStateMetadata current = metadata(keyGroups, conf.providerName());
        // written with the first commit of a run: a new query, a checkpoint from before metadata, or a layout
        // that changed compatibly (renamed columns) gets the current description
        this.pendingMetadata = current.equals(OperatorStateMetadata.read(checkpointRoot, operatorId).orElse(null))
                ? null : current;
        this.checkpointRoot = checkpointRoot;
        this.fsync = fsync;
        this.state = new PartitionedStateStore(checkpointRoot, operatorId, new KeyGroups(keyGroups, partitions,
                routing(routingVersion)),
                statePartitions(previousShufflePartitions), conf, "operator " + operatorId + " (" + name() + ")");
        this.version = version;
    }

    /** Takes the query's recorded configs ({@link ResumePoint#queryConf}) before {@link #open}; by default none. */
    void useQueryConf(java.util.Map<String, String> queryConf) {
    }

    /**
     * What part of this operator's state keys decides their partition, in a checkpoint of {@code routingVersion}
     * ({@link ResumePoint#ROUTING_VERSION}): the whole key but for operators whose layout changed with a version.
     */
    KeyGroups.Routing routing(int routingVersion) {
        return KeyGroups.Routing.WHOLE_KEY;
    }

    /**
     * Whether batches should run without new data whatever the watermark does (a processing-time timeout
     * must fire as time passes).
     */
    boolean runsBatchesWithoutData() {
        return false;
    }

    /** Resets the metrics and sets the watermarks of the next batch. */
    final void startBatch(Watermarks batchWatermarks) {
        startBatch(batchWatermarks, 0);
    }

    /** Resets the metrics and sets the watermarks and processing time (epoch ms) of the next batch. */
    final void startBatch(Watermarks batchWatermarks, long batchTimestamp) {
        watermarks = batchWatermarks;
        batchTimestampMs = batchTimestamp;
        rowsUpdated = 0;
        rowsRemoved = 0;
        rowsDroppedByWatermark = 0;
        updateTimeMs = 0;
        removalTimeMs = 0;
    }

    /**
     * Real-time mode: the watermarks and processing time of the next arrival run within the open epoch (same
     * state version), keeping the epoch's metrics.
     */
    final void startStep(Watermarks stepWatermarks, long stepTimestamp) {
        watermarks = stepWatermarks;
        batchTimestampMs = stepTimestamp;
    }

    /** The checkpoint folder of the query (set by {@link #open}). */
    final Path checkpointRoot() {
        return checkpointRoot;
    }

    /** The state version the current batch reads: the batch id (0 for the query's first batch). */
    final long version() {
        return version;
    }

    /** The query's id and this run's id, for operators that show them to user code; set before {@link #open}. */
    final void identify(java.util.UUID queryId, java.util.UUID runId) {
        this.queryId = queryId;
        this.runId = runId;
    }

    final java.util.UUID queryId() {
        return queryId;
    }

    final java.util.UUID runId() {
        return runId;
    }

    /** The processing time of the current batch (epoch ms): its offset log entry's timestamp. */
    final long batchTimestampMs() {
        return batchTimestampMs;
    }

    final Watermarks watermarks() {
        return watermarks;
    }

    /** The plans whose rows this operator consumes each batch, in order: its child (a join: both sides). */
    List<LogicalPlan> inputs() {
        return List.of(child);
    }

    /**
     * Folds one batch's inputs (the rows of each of {@link #inputs()}, in order) into the state and returns
     * this batch's output rows.
     */
    final List<Chunk> process(List<List<Chunk>> inputs, ExecutionContext context) {
        this.context = context;
        if (!state.inBatch()) {
            state.begin(version);
        }
        long start = System.nanoTime();
        List<Chunk> out = processInputs(inputs, state);
        updateTimeMs = (System.nanoTime() - start) / 1_000_000;
        return out;
    }

    /** The execution of the batch being processed: its threads serve the operator's per-row work. */
    final ExecutionContext executionContext() {
        return context;
    }

    /** Processes the batch's inputs; operators with one input implement {@link #processBatch}. */
    List<Chunk> processInputs(List<List<Chunk>> inputs, PartitionedStateStore state) {
        return processBatch(inputs.get(0), state);
    }

    abstract List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state);

    /** Durably records the state after the batch just processed as the next version. */
    final void commit() {
        if (!state.inBatch()) {
            state.begin(version);
        }
        if (pendingMetadata != null) {
            pendingMetadata.write(checkpointRoot, fsync);
            pendingMetadata = null;
        }
        state.commit();
        version++;
    }

    /**
     * Seals the state after the batch just processed as the next version ({@link PartitionedStateStore#seal()}):
     * the next batch may begin at once, while the returned write, on another thread, makes the version durable.
     */
    final Runnable seal() {
        if (!state.inBatch()) {
            state.begin(version);
        }
        if (pendingMetadata != null) {
            pendingMetadata.write(checkpointRoot, fsync);
            pendingMetadata = null;
        }
        Runnable write = state.seal();
        version++;
        return write;
    }

    /** Releases the state stores (an open batch is aborted). */
    final void close() {
        if (state != null) {
            state.close();
        }
    }

    /**
     * The rows of {@code c} whose event time ({@code time}: a timestamp or window column) is after the
     * late-events watermark, or null; the others are counted as dropped by the watermark.
     */
    final Chunk dropLateRows(Chunk c, ColumnVector time) {
        long lateMicros = watermarks.lateEventsMs() * 1000;
        int[] kept = new int[Math.max(c.rowCount(), 1)];
        int count = 0;
        for (int i = 0; i < c.rowCount(); i++) {
            if (time.isNull(i) || StateRows.eventTimeMicros(time, i) > lateMicros) {
                kept[count++] = i;
            }
        }
        addRowsDroppedByWatermark(c.rowCount() - count);
        return count == c.rowCount() ? c : c.take(kept, count);
    }

    /**
     * The stored values of {@code keys} ({@code null} where absent), read one task per state partition, partitions
     * in parallel.
     */
    final byte[][] getAll(PartitionedStateStore state, byte[][] keys) {
        byte[][] values = new byte[keys.length][];
        int[][] byPartition = state.byPartition(identity(keys.length), keys.length, i -> keys[i]);
        executionContext().parallelFor(byPartition.length, p -> {
            for (int i : byPartition[p]) {
                values[i] = state.get(keys[i]);
            }
        });
        return values;
    }

    /**
     * Writes {@code values[i]} under {@code keys[i]} (removes the key where the value is {@code null}), one task per
     * state partition, partitions in parallel; each key at most once.
     */
    final void putAll(PartitionedStateStore state, byte[][] keys, byte[][] values) {
        int[][] byPartition = state.byPartition(identity(keys.length), keys.length, i -> keys[i]);
        executionContext().parallelFor(byPartition.length, p -> {
            for (int i : byPartition[p]) {
                if (values[i] == null) {
                    state.remove(keys[i]);
                } else {
                    state.put(keys[i], values[i]);
                }
            }
        });
    }

    /** {@code 0, 1, ..., n - 1} (at least one slot, for accumulators sized by it). */
    static int[] identity(int n) {
        int[] ids = new int[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    final void addRowsUpdated(long rows) {
        rowsUpdated += rows;
    }

    final void addRowsRemoved(long rows, long timeNanos) {
        rowsRemoved += rows;
        removalTimeMs += timeNanos / 1_000_000;
    }

    final void addRowsDroppedByWatermark(long rows) {
        rowsDroppedByWatermark += rows;
    }

    StateOperatorProgress progress() {
        return new StateOperatorProgress(name(), numRowsTotal(state.numKeys()), rowsUpdated, updateTimeMs,
                rowsRemoved, removalTimeMs, state.commitTimeMs(), state.memoryUsedBytes(), rowsDroppedByWatermark,
                state.partitions(), state.partitions(), customMetrics(state.customMetrics()));
    }

    /** The rows this operator holds, given the store's key count (one row per key unless overridden). */
    long numRowsTotal(long storeKeys) {
        return storeKeys;
    }

    /** The custom metrics of progress: the store's, plus any the operator adds. */
    Map<String, Long> customMetrics(Map<String, Long> storeMetrics) {
        return storeMetrics;
    }
}
