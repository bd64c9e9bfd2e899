package dev.sluice.stream;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.Binder;
import dev.sluice.exec.JoinOperator;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataType;
import dev.sluice.state.ByteKey;
import dev.sluice.stream.state.PartitionedStateStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A join of two streams (Spark's {@code StreamingSymmetricHashJoinExec}): the rows of both sides are
 * buffered in the state store ({@link JoinSideState}); each batch, the new left rows join the stored right
 * rows and are stored, then the new right rows join the stored left rows (this batch's included), so every
 * pair is produced exactly once. Equi-join keys are required; the other conjuncts are checked on each
 * pair, and those about one side only filter that side's rows before they are joined or stored.
 *
 * <p>State eviction follows Spark's state watermarks: when a join key carries event time, rows of both
 * sides whose key is at or before the eviction watermark go; otherwise a side with an event-time column is
 * evicted by the "state value watermark" that a range condition implies from the other side's watermark
 * ({@link StreamingJoinHelper}). Without either, the side's state grows forever (an inner join without
 * watermarks). An evicted row of the outer side(s) that never matched is emitted with NULLs for the other
 * side (in a no-data batch too, when the watermark advances); a left semi join emits each left row once,
 * on its first match. Rows behind the previous batch's watermark are dropped as late and counted.
 *
 * <p>Progress: {@code numRowsTotal} counts the buffered rows of both sides, and the custom metrics
 * {@code leftNumRowsTotal}/{@code rightNumRowsTotal} each side's. Everything is in the versioned state, so
 * a restart resumes with the rows of the last committed batch. Called by the query's execution thread; its state
 * reads, writes and eviction scans run one task per state partition, partitions in parallel (a join key's entries
 * are routed one by one, so each step groups its entries by partition), in the order a one-thread run has.
 */
final class StreamingSymmetricHashJoin extends StatefulOperator {
    private final String argString;
    private static final byte[] ROW_COUNTS_KEY = {'#'};

    private final Join join;
    private final JoinType joinType;
    private final JoinOperator matcher;
    private final List<DataType> keyTypes;
    private final List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas;
    private final Expression otherCondition;
    private final int keyWatermarkOrdinal;
    private final Side left;
    private final Side right;
    private long[] rowCounts;
    private int layoutVersion = 1;

    /** One input of the join and how its rows are filtered, stored and evicted. */
    private final class Side {
        final boolean isLeft;
        final LogicalPlan plan;
        final List<Expression> keys;
        final Expression preJoinFilter;
        final int timeColumn;
        final boolean preserved;
        final boolean hasStateWatermark;
        JoinSideState state;
        final List<DataType> rowTypes;
        final EvictionBound evictionBound = new EvictionBound();
        /** Where a row's eviction time is read from its stored entry. */
        final JoinSideState.TimeField timeField;
        /** The rows by eviction time, for an evicted side that emits nothing at eviction (not an outer side). */
        final JoinEvictionIndex index;
        OptionalLong stateWatermarkMs = OptionalLong.empty();

        Side(boolean isLeft, LogicalPlan plan, List<Expression> keys, List<Expression> onlyThisSide) {
            this.isLeft = isLeft;
            this.plan = plan;
            this.keys = Binder.bindAll(keys, plan.output());
            Expression filter = JoinOperator.and(onlyThisSide);
            this.preJoinFilter = filter == null ? null : Binder.bind(filter, plan.output());
            AttributeReference time = EventTimeColumns.find(plan.output(), EventTimeColumns.of(plan));
            this.timeColumn = time == null ? -1 : plan.output().indexOf(time);
            this.preserved = isLeft ? joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER
                    : joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
            this.rowTypes = plan.output().stream().map(AttributeReference::dataType).toList();
            this.state = new JoinSideState(isLeft, keyTypes, rowTypes);
            this.hasStateWatermark = keyWatermarkOrdinal >= 0 || timeColumn >= 0 && valueWatermark(0).isPresent();
            this.timeField = new JoinSideState.TimeField(keyWatermarkOrdinal, keyWatermarkOrdinal >= 0 ? -1 : timeColumn);
            this.index = hasStateWatermark && !preserved ? new JoinEvictionIndex() : null;
        }

        Side other() {
            return isLeft ? right : left;
        }

        /** The state value watermark of this side implied by the range condition (Spark's case 2). */
        OptionalLong valueWatermark(long eventWatermarkMs) {
            LogicalPlan otherPlan = isLeft ? join.right() : join.left();
            return StreamingJoinHelper.stateValueWatermark(JoinOperator.ids(plan.output()),
                    JoinOperator.ids(otherPlan.output()), EventTimeColumns.of(otherPlan), otherCondition,
                    eventWatermarkMs);
        }

        /** Sets this batch's state watermark: the eviction watermark for a key with event time, else the value one. */
        void startBatch(long evictionMs) {
            stateWatermarkMs = stateWatermark(evictionMs);
        }

        /** This side's state watermark when the join's input watermark is {@code inputMs}; empty: none. */
        OptionalLong stateWatermark(long inputMs) {
            if (keyWatermarkOrdinal >= 0) {
                return OptionalLong.of(inputMs);
            }
            return timeColumn >= 0 ? valueWatermark(inputMs) : OptionalLong.empty();
        }

        /** The time (µs) that decides a row's eviction: its key's event time, or its own; MAX_VALUE if none. */
        long evictionTime(ColumnVector[] keyColumns, int keyRow, ColumnVector[] rowColumns, int row) {
            ColumnVector v = keyWatermarkOrdinal >= 0 ? keyColumns[keyWatermarkOrdinal]
                    : timeColumn >= 0 ? rowColumns[timeColumn] : null;
            int at = keyWatermarkOrdinal >= 0 ? keyRow : row;
            return v == null || v.isNull(at) ? Long.MAX_VALUE : StateRows.eventTimeMicros(v, at);
        }

        boolean evictable(long timeMicros) {
            return stateWatermarkMs.isPresent() && timeMicros != Long.MAX_VALUE
                    && timeMicros <= stateWatermarkMs.getAsLong() * 1000;
        }
    }

    StreamingSymmetricHashJoin(int operatorId, Join join) {
        super(operatorId, join.left(), join.output());
        checkEventTimeColumns(join.left().output(), join.left());
        checkEventTimeColumns(join.right().output(), join.right());
        JoinOperator.EquiJoinKeys equiKeys = JoinOperator.extractEquiJoinKeys(join);
        this.argString = dev.sluice.exec.physical.PhysicalPlan.list(equiKeys.leftKeys()) + ", "
                + dev.sluice.exec.physical.PhysicalPlan.list(equiKeys.rightKeys()) + ", " + join.joinType();
        this.join = join;
        this.joinType = join.joinType();
        this.matcher = new JoinOperator(join);
        JoinOperator.EquiJoinKeys split = JoinOperator.extractEquiJoinKeys(join);
        this.otherCondition = JoinOperator.and(split.otherConjuncts());
        this.keyWatermarkOrdinal = StreamingJoinHelper.joinKeyOrdinalForWatermark(join);
        List<Expression> leftOnly = new ArrayList<>();
        List<Expression> rightOnly = new ArrayList<>();
        Set<Long> leftIds = JoinOperator.ids(join.left().output());
        Set<Long> rightIds = JoinOperator.ids(join.right().output());
        for (Expression conjunct : split.otherConjuncts()) {
            if (referencesWithin(conjunct, leftIds)) {
                leftOnly.add(conjunct);
            } else if (referencesWithin(conjunct, rightIds)) {
                rightOnly.add(conjunct);
            }
        }
        this.keyTypes = split.leftKeys().stream().map(Expression::dataType).toList();
        this.left = new Side(true, join.left(), split.leftKeys(), leftOnly);
        this.right = new Side(false, join.right(), split.rightKeys(), rightOnly);
        List<String> keyNames = split.leftKeys().stream().map(StateRows::columnName).toList();
        this.storeSchemas = List.copyOf(JoinSideState.storeSchemas(keyNames, keyTypes, join.left().output(),
                join.right().output()));
    }

    /**
     * Takes the checkpoint's join state layout ({@link ResumePoint#JOIN_LAYOUT}): version 1 (Spark's, one entry per
     * row) or 2 ({@link JoinSideStateV2}); any other is refused before a batch runs, naming the operator and the
     * setting, so a layout this build does not know is never misread.
     */
    @Override
    void useQueryConf(Map<String, String> queryConf) {
        String version = queryConf.getOrDefault(ResumePoint.JOIN_LAYOUT, "1").trim();
        if (version.equals("1") || version.equals("2")) {
            layoutVersion = Integer.parseInt(version);
            for (Side side : List.of(left, right)) {
                side.state = layoutVersion == 1 ? new JoinSideState(side.isLeft, keyTypes, side.rowTypes)
                        : new JoinSideStateV2(side.isLeft, keyTypes, side.rowTypes);
            }
            return;
        }
        throw new dev.sluice.checkpoint.CheckpointException("INCOMPATIBLE_STATE", "The state of operator "
                + operatorId() + " (" + name() + ") has join state layout version " + version + " ("
                + ResumePoint.JOIN_LAYOUT + "), which this build cannot read: it reads versions 1 and 2."
                + " Run the query with the build that wrote the checkpoint, or start it with a new checkpoint", null);
    }

    /** The join state layout this operator reads and writes (1 until {@link #useQueryConf}). */
    int layoutVersion() {
        return layoutVersion;
    }

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return storeSchemas;
    }

    private static boolean referencesWithin(Expression e, Set<Long> ids) {
        List<AttributeReference> refs = new ArrayList<>();
        e.collect(AttributeReference.class, refs);
        return refs.stream().allMatch(a -> ids.contains(a.exprId()));
    }

    @Override
    String name() {
        return "symmetricHashJoin";
    }

    @Override
    String nodeName() {
        return "StreamingSymmetricHashJoin";
    }

    @Override
    String argString() {
        return argString;
    }

    @Override
    List<LogicalPlan> inputs() {
        return List.of(join.left(), join.right());
    }

    /** As Spark: when a side's state is evicted by the watermark and the watermark moved. */
    /** Spark's rule: the smallest of the two sides' state watermarks and the input watermark. */
    @Override
    OptionalLong outputWatermark(long inputWatermarkMs) {
        long out = inputWatermarkMs;
        for (Side side : List.of(left, right)) {
            OptionalLong s = side.stateWatermark(inputWatermarkMs);
            if (s.isPresent()) {
                out = Math.min(out, s.getAsLong());
            }
        }
        return OptionalLong.of(out);
    }

    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        return (left.hasStateWatermark || right.hasStateWatermark) && newWatermarkMs > watermarks().evictionMs();
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        throw new UnsupportedOperationException("a join has two inputs");
    }

    /** The store's many-entry reads and writes for {@link JoinSideState}, partitions in parallel. */
    private JoinSideState.Bulk bulk(PartitionedStateStore state) {
        return new JoinSideState.Bulk() {
            @Override
            public byte[][] getAll(byte[][] keys) {
                return StreamingSymmetricHashJoin.this.getAll(state, keys);
            }

            @Override
            public void putAll(byte[][] keys, byte[][] values) {
                StreamingSymmetricHashJoin.this.putAll(state, keys, values);
            }

            @Override
            public void parallelFor(int count, java.util.function.IntConsumer body) {
                executionContext().parallelFor(count, body);
            }
        };
    }

    @Override
    List<Chunk> processInputs(List<List<Chunk>> inputs, PartitionedStateStore state) {
        byte[] stored = state.get(ROW_COUNTS_KEY);
        long[] storedCounts = stored == null ? new long[2] : new long[] {ByteBuffer.wrap(stored).getLong(0),
                ByteBuffer.wrap(stored).getLong(8)};
        // the in-memory counts and indexes describe the state this batch reads unless it was reverted or restored
        boolean current = rowCounts != null && java.util.Arrays.equals(rowCounts, storedCounts);
        rowCounts = storedCounts;
        long evictionMs = watermarks().evictionMs();
        left.startBatch(evictionMs);
        right.startBatch(evictionMs);
        List<Chunk> out = new ArrayList<>();
        Chunk leftRows = preJoinFilter(left, dropLate(left, inputs.get(0)), out);
        Chunk rightRows = preJoinFilter(right, dropLate(right, inputs.get(1)), out);
        JoinSideState.Bulk bulk = bulk(state);
        for (Side side : List.of(left, right)) {
            if (side.index != null && (!current || !side.index.validAt(version()))) {
                side.state.rebuildIndex(state, bulk, keyTypes, side.timeField, side.index);
            }
        }
        joinAndStore(left, leftRows, bulk, out);
        joinAndStore(right, rightRows, bulk, out);
        long start = System.nanoTime();
        long removed = evict(left, state, bulk, out) + evict(right, state, bulk, out);
        addRowsRemoved(removed, System.nanoTime() - start);
        // the per-side row counts live in the state too, so progress is right after a restart
        state.put(ROW_COUNTS_KEY, ByteBuffer.allocate(16).putLong(rowCounts[0]).putLong(rowCounts[1]).array());
        for (Side side : List.of(left, right)) {
            if (side.index != null) {
                side.index.synced(version());
            }
        }
        out.removeIf(c -> c.rowCount() == 0);
        return out;
    }

    /** This side's rows of the batch without those behind the late-events watermark (counted as dropped). */
    private Chunk dropLate(Side side, List<Chunk> input) {
        Chunk rows = Chunks.gather(input, side.plan.output());
        if (side.timeColumn < 0) {
            return rows;
        }
        return dropLateRows(rows, rows.column(side.timeColumn));
    }

    /**
     * The rows passing the conjuncts about this side only; the others can never match, so they are not
     * stored, and an outer side emits them at once with NULLs.
     */
    private Chunk preJoinFilter(Side side, Chunk rows, List<Chunk> out) {
        if (side.preJoinFilter == null || rows.rowCount() == 0) {
            return rows;
        }
        ColumnVector mask = side.preJoinFilter.eval(rows);
        Chunk passing = Chunks.select(rows, mask);
        if (side.preserved && passing.rowCount() < rows.rowCount()) {
            boolean[] values = ((BooleanVector) mask).values();
            JoinOperator.Pairs failing = new JoinOperator.Pairs();
            for (int i = 0; i < rows.rowCount(); i++) {
                if (!values[i] || mask.isNull(i)) {
                    failing.add(side.isLeft ? i : -1, side.isLeft ? -1 : i);
                }
            }
            out.add(side.isLeft ? matcher.pairChunk(rows, empty(right), failing)
                    : matcher.pairChunk(empty(left), rows, failing));
        }
        return passing;
    }

    private static Chunk empty(Side side) {
        return Chunks.gather(List.of(), side.plan.output());
    }

    /** Joins {@code rows} (new rows of {@code side}) with the other side's stored rows, then stores them. */
    private void joinAndStore(Side side, Chunk rows, JoinSideState.Bulk state, List<Chunk> out) {
        int n = rows.rowCount();
        if (n == 0) {
            return;
        }
        Side other = side.other();
        ColumnVector[] keyColumns = JoinOperator.evalAll(side.keys, rows);
        byte[][] keys = new byte[n][];
        boolean[] nullKey = new boolean[n];
        JoinSideState.Rows stored = other.state.newRows();
        Set<ByteKey> fetched = new HashSet<>();
        List<byte[]> toFetch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys[i] = side.state.encodeKey(keyColumns, i);
            nullKey[i] = matcher.hasNullKey(keyColumns, i);
            if (!nullKey[i] && fetched.add(new ByteKey(keys[i]))) {
                toFetch.add(keys[i]);
            }
        }
        other.state.getAll(state, toFetch, stored);
        // a left semi join emits a left row once: stored left rows that already matched are skipped
        boolean skipMatched = joinType == JoinType.LEFT_SEMI && !side.isLeft;
        int[] candidates = new int[Math.max(stored.size(), 1)];
        int candidateCount = 0;
        for (int r = 0; r < stored.size(); r++) {
            if (!skipMatched || !stored.matched(r)) {
                candidates[candidateCount++] = r;
            }
        }
        Chunk storedChunk = stored.chunk().take(candidates, candidateCount);
        JoinOperator.Pairs pairs = side.isLeft ? matcher.matches(rows, storedChunk) : matcher.matches(storedChunk, rows);
        boolean[] matched = new boolean[n];
        boolean[] storedNewlyMatched = new boolean[Math.max(candidateCount, 1)];
        boolean[] storedFlags = ((BooleanVector) stored.columns[stored.columns.length - 1]).values();
        int[] flagged = new int[Math.max(candidateCount, 1)];
        int flaggedCount = 0;
        for (int p = 0; p < pairs.count(); p++) {
            int mine = side.isLeft ? pairs.left(p) : pairs.right(p);
            int theirs = side.isLeft ? pairs.right(p) : pairs.left(p);
            matched[mine] = true;
            int storedRow = candidates[theirs];
            if (!storedFlags[storedRow]) {
                storedFlags[storedRow] = true;
                storedNewlyMatched[theirs] = true;
                flagged[flaggedCount++] = storedRow;
            }
        }
        other.state.updateAll(state, stored, flagged, flaggedCount);
        out.add(output(side, rows, storedChunk, pairs, matched, storedNewlyMatched, candidateCount));
        store(side, rows, keys, keyColumns, nullKey, matched, state);
    }

    private Chunk output(Side side, Chunk rows, Chunk storedChunk, JoinOperator.Pairs pairs, boolean[] matched,
                         boolean[] storedNewlyMatched, int storedCount) {
        if (joinType != JoinType.LEFT_SEMI) {
            return side.isLeft ? matcher.pairChunk(rows, storedChunk, pairs) : matcher.pairChunk(storedChunk, rows, pairs);
        }
        // left semi: new left rows with a match, or stored left rows matched for the first time
        boolean[] emit = side.isLeft ? matched : storedNewlyMatched;
        Chunk from = side.isLeft ? rows : storedChunk;
        int size = side.isLeft ? rows.rowCount() : storedCount;
        int[] selected = new int[Math.max(size, 1)];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (emit[i]) {
                selected[count++] = i;
            }
        }
        return from.take(selected, count);
    }

    /**
     * Stores the new rows as Spark does: every left row (even one this batch's eviction will remove, since
     * the right rows of the batch have yet to see it) except a left semi join's matched ones; a right row
     * only when this batch does not evict it anyway, unless it is an unmatched row of an outer right side
     * (its NULL row is emitted at eviction). Rows with a NULL {@code =} key never match: only an outer side keeps
     * them (a NULL {@code <=>} key is an ordinary key value).
     */
    private void store(Side side, Chunk rows, byte[][] keys, ColumnVector[] keyColumns, boolean[] nullKey,
                       boolean[] matched, JoinSideState.Bulk state) {
        int n = rows.rowCount();
        ColumnVector[] withFlag = new ColumnVector[rows.columnCount() + 1];
        System.arraycopy(rows.columns(), 0, withFlag, 0, rows.columnCount());
        withFlag[rows.columnCount()] = BooleanVector.wrap(matched, n, null);
        List<byte[]> appendKeys = new ArrayList<>();
        int[] appendRows = new int[n];
        long[] appendTimes = new long[n];
        int added = 0;
        for (int i = 0; i < n; i++) {
            long time = side.evictionTime(keyColumns, i, rows.columns(), i);
            boolean add;
            if (side.isLeft) {
                add = !(joinType == JoinType.LEFT_SEMI && matched[i]);
            } else {
                add = !side.evictable(time) || side.preserved && !matched[i];
            }
            if (add && (!nullKey[i] || side.preserved)) {
                appendKeys.add(keys[i]);
                appendTimes[added] = time;
                appendRows[added++] = i;
                side.evictionBound.added(time);
                if (side.index != null) {
                    side.index.add(time, new ByteKey(keys[i]));
                }
            }
        }
        side.state.appendAll(state, appendKeys, withFlag, appendRows, appendTimes, added);
        rowCounts[side.isLeft ? 0 : 1] += added;
        addRowsUpdated(added);
    }

    /** Removes this side's rows at or before its state watermark; an outer side emits the unmatched ones. */
    private long evict(Side side, PartitionedStateStore state, JoinSideState.Bulk bulk, List<Chunk> out) {
        if (side.stateWatermarkMs.isEmpty() || !side.evictionBound.mayExpire(side.stateWatermarkMs.getAsLong() * 1000)) {
            return 0;
        }
        if (side.index != null) {
            long removedCount = side.state.removeIndexed(bulk, keyTypes, side.timeField, side.index,
                    side.stateWatermarkMs.getAsLong() * 1000);
            rowCounts[side.isLeft ? 0 : 1] -= removedCount;
            return removedCount;
        }
        // only an outer side emits its evicted rows; an inner side's are counted, not read
        JoinSideState.Rows removed = side.preserved ? side.state.newRows() : null;
        long[] lowestRemaining = new long[state.partitions()]; // one slot per partition's task
        java.util.Arrays.fill(lowestRemaining, Long.MAX_VALUE);
        long removedCount = side.state instanceof JoinSideStateV2 v2
                ? v2.removeExpired(state, bulk, keyTypes, side.timeField, side.stateWatermarkMs.getAsLong() * 1000,
                        removed, lowestRemaining)
                : side.state.removeWhere(state, bulk, keyTypes, keyWatermarkOrdinal >= 0,
                (partition, keyColumns, rowColumns, row) -> {
            long time = side.evictionTime(keyColumns, row, rowColumns, row);
            if (side.evictable(time)) {
                return true;
            }
            lowestRemaining[partition] = Math.min(lowestRemaining[partition], time);
            return false;
        }, removed);
        side.evictionBound.scanned(java.util.Arrays.stream(lowestRemaining).min().orElse(Long.MAX_VALUE));
        rowCounts[side.isLeft ? 0 : 1] -= removedCount;
        if (removed != null) {
            JoinOperator.Pairs unmatched = new JoinOperator.Pairs();
            for (int i = 0; i < removed.size(); i++) {
                if (!removed.matched(i)) {
                    unmatched.add(side.isLeft ? i : -1, side.isLeft ? -1 : i);
                }
            }
            if (unmatched.count() > 0) {
                Chunk rows = removed.chunk();
                out.add(side.isLeft ? matcher.pairChunk(rows, empty(right), unmatched)
                        : matcher.pairChunk(empty(left), rows, unmatched));
            }
        }
        return removedCount;
    }

    @Override
    long numRowsTotal(long storeKeys) {
        return rowCounts == null ? 0 : rowCounts[0] + rowCounts[1];
    }

    @Override
    Map<String, Long> customMetrics(Map<String, Long> storeMetrics) {
        Map<String, Long> out = new HashMap<>(storeMetrics);
        out.put("leftNumRowsTotal", rowCounts == null ? 0 : rowCounts[0]);
        out.put("rightNumRowsTotal", rowCounts == null ? 0 : rowCounts[1]);
        return out;
    }
}
