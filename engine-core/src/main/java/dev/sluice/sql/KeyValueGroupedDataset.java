package dev.sluice.sql;

import dev.sluice.api.java.function.CoGroupFunction;
import dev.sluice.api.java.function.FlatMapGroupsFunction;
import dev.sluice.api.java.function.FlatMapGroupsWithStateFunction;
import dev.sluice.api.java.function.MapGroupsFunction;
import dev.sluice.api.java.function.MapFunction;
import dev.sluice.api.java.function.MapGroupsWithStateFunction;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.GroupsWithStateFunction;
import dev.sluice.plan.logical.InitialStateSource;
import dev.sluice.plan.logical.TransformWithState;
import dev.sluice.plan.logical.TransformWithStateFunction;
import dev.sluice.sql.streaming.GroupState;
import dev.sluice.sql.streaming.GroupStateTimeout;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.streaming.StatefulProcessor;
import dev.sluice.sql.streaming.StatefulProcessorWithInitialState;
import dev.sluice.sql.streaming.TimeMode;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A Dataset grouped by a key computed per row ({@code Dataset.groupByKey}), as Spark's
 * {@code KeyValueGroupedDataset}: {@link #mapGroupsWithState} and {@link #flatMapGroupsWithState} run a
 * function per key with the key's values and a state kept across the batches of a streaming query (a
 * batch query calls it once per key, with no state); {@link #mapGroups}, {@link #flatMapGroups},
 * {@link #keys()}, {@link #mapValues} and {@link #cogroup} group without state (per micro-batch on a stream, as
 * Spark's {@code MapGroups}; a streaming {@code cogroup} is refused as in Spark); {@link #transformWithState}
 * (Spark 4's stateful processor API) runs on both; {@link #count()} and {@link #reduceGroups} return Sluice's
 * {@link dev.sluice.api.java.Tuple2} where Spark returns {@code scala.Tuple2}. Not in Sluice: {@code agg}.
 * Immutable.
 *
 * <p>Threading: in a streaming query the {@code [flat]MapGroupsWithState} function is called for the keys of
 * different state partitions on different threads at once ({@code local[N]}), as Spark calls it from one task per
 * partition; the calls for one key are never concurrent. A function that keeps mutable fields of its own must
 * synchronize them.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KeyValueGroupedDataset<K, V> {
    /** The grouped Dataset: its rows are exactly the columns of {@link #sourceEncoder}. */
    private final Dataset<?> dataset;
    private final Encoder<Object> sourceEncoder;
    private final MapFunction<Object, K> keyFunction;
    /** The value of a source object ({@link #mapValues} composes it; the identity at first). */
    private final MapFunction<Object, V> valueFunction;
    private final Encoder<K> keyEncoder;
    /** The encoder of the values ({@link #mapValues} replaces it). */
    private final Encoder<V> valueEncoder;

    @SuppressWarnings("unchecked")
    KeyValueGroupedDataset(Dataset<V> dataset, MapFunction<V, K> keyFunction, Encoder<K> keyEncoder,
                           Encoder<V> valueEncoder) {
        this(dataset, (Encoder<Object>) valueEncoder, (MapFunction<Object, K>) keyFunction, v -> (V) v, keyEncoder,
                valueEncoder);
    }

    private KeyValueGroupedDataset(Dataset<?> dataset, Encoder<Object> sourceEncoder,
                                   MapFunction<Object, K> keyFunction, MapFunction<Object, V> valueFunction,
                                   Encoder<K> keyEncoder, Encoder<V> valueEncoder) {
        this.valueEncoder = valueEncoder;
        this.dataset = dataset;
        this.sourceEncoder = sourceEncoder;
        this.keyFunction = keyFunction;
        this.valueFunction = valueFunction;
        this.keyEncoder = keyEncoder;
    }

    /** The same groups with each value turned into {@code func}'s result, as Spark's {@code mapValues}. */
    public <W> KeyValueGroupedDataset<K, W> mapValues(MapFunction<V, W> func, Encoder<W> encoder) {
        MapFunction<Object, V> values = valueFunction;
        return new KeyValueGroupedDataset<>(dataset, sourceEncoder, keyFunction, s -> func.call(values.call(s)),
                keyEncoder, encoder);
    }

    /**
     * The number of values of each key, as Spark's {@code count()}: columns {@code key} (the key, or a struct of
     * a bean key's fields) and {@code count(1)}. An aggregation, so on a stream it keeps counts in state across
     * batches as Spark's does. Spark returns {@code scala.Tuple2}; Sluice its {@link dev.sluice.api.java.Tuple2}.
     */
    @SuppressWarnings("unchecked")
    public Dataset<dev.sluice.api.java.Tuple2<K, Long>> count() {
        MapFunction<Object, K> keys = keyFunction;
        Dataset<K> keyed = ((Dataset<Object>) dataset).map(keys, keyEncoder);
        String[] names = keyed.columns();
        Column key;
        if (TupleEncoder.isFlat(keyEncoder)) {
            key = keyed.col(names[0]).as("key");
        } else {
            Column[] fields = new Column[names.length];
            for (int i = 0; i < names.length; i++) {
                fields[i] = keyed.col(names[i]);
            }
            key = functions.struct(fields).as("key");
        }
        Dataset<Row> counted = keyed.toDF().groupBy(key).agg(functions.count(functions.lit(1)));
        return counted.as(new TupleEncoder<>(keyEncoder, Encoders.LONG(), counted.schema()));
    }

    /**
     * Each key with its values combined by {@code func} (applied in any order, so it should be associative and
     * commutative), as Spark's {@code reduceGroups}: columns {@code key} and {@code value} (Spark names the second
     * after its internal aggregator class). Batch Datasets only.
     *
     * @throws AnalysisException {@code UNSUPPORTED_FEATURE.STREAMING_REDUCE_GROUPS} on a streaming Dataset
     */
    public Dataset<dev.sluice.api.java.Tuple2<K, V>> reduceGroups(dev.sluice.api.java.function.ReduceFunction<V> func) {
        if (dataset.isStreaming()) {
            throw new AnalysisException("UNSUPPORTED_FEATURE.STREAMING_REDUCE_GROUPS", "The feature is not supported:"
                    + " reduceGroups on a streaming Dataset (Sluice runs it on batch Datasets).", "0A000");
        }
        StructType schema = new StructType().add("key", TupleEncoder.columnType(keyEncoder), true)
                .add("value", TupleEncoder.columnType(valueEncoder), true);
        TupleEncoder<K, V> pairs = new TupleEncoder<>(keyEncoder, valueEncoder, schema);
        return mapGroups((key, values) -> {
            V acc = values.next();
            while (values.hasNext()) {
                acc = func.call(acc, values.next());
            }
            return new dev.sluice.api.java.Tuple2<>(key, acc);
        }, pairs);
    }

    /** The distinct keys, as Spark's {@code keys()} (batch Datasets). */
    public Dataset<K> keys() {
        return mapGroups((key, values) -> key, keyEncoder);
    }

    /**
     * One result per key ({@code func} gets the key and all its values), as Spark's {@code mapGroups}. On a
     * streaming Dataset it runs, as in Spark, on each micro-batch's rows alone (a key's groups are not kept
     * across batches; {@link #mapGroupsWithState} keeps them).
     */
    public <U> Dataset<U> mapGroups(MapGroupsFunction<K, V, U> func, Encoder<U> encoder) {
        return flatMapGroups((key, values) -> Collections.singletonList(func.call(key, values)).iterator(), encoder);
    }

    /**
     * Any number of results per key ({@code func} gets the key and all its values), as Spark's
     * {@code flatMapGroups}; per micro-batch on a streaming Dataset, as {@link #mapGroups}.
     */
    public <U> Dataset<U> flatMapGroups(FlatMapGroupsFunction<K, V, U> func, Encoder<U> encoder) {
        Bridge<K, V, Integer, U> bridge = new Bridge<>((key, values, state) -> func.call(key, values), keyFunction,
                valueFunction, keyEncoder, sourceEncoder, Encoders.INT(), encoder, null);
        return new Dataset<>(dataset.sparkSession(),
                FlatMapGroupsWithState.stateless("MapGroups", bridge, dataset.logicalPlan()), encoder);
    }

    /** {@link #mapGroupsWithState(MapGroupsWithStateFunction, Encoder, Encoder, GroupStateTimeout)} without timeout. */
    public <S, U> Dataset<U> mapGroupsWithState(MapGroupsWithStateFunction<K, V, S, U> func, Encoder<S> stateEncoder,
                                                Encoder<U> outputEncoder) {
        return mapGroupsWithState(func, stateEncoder, outputEncoder, GroupStateTimeout.NoTimeout());
    }

    /**
     * Calls {@code func} for each key with data in a batch, and for each key whose timeout expired (with no
     * values); each call returns one output row. A streaming query using it must run in update mode.
     */
    public <S, U> Dataset<U> mapGroupsWithState(MapGroupsWithStateFunction<K, V, S, U> func, Encoder<S> stateEncoder,
                                                Encoder<U> outputEncoder, GroupStateTimeout timeoutConf) {
        return build((key, values, state) -> Collections.singletonList(func.call(key, values, state)).iterator(),
                stateEncoder, outputEncoder, timeoutConf, OutputMode.Update(), true);
    }

    /**
     * {@link #mapGroupsWithState(MapGroupsWithStateFunction, Encoder, Encoder, GroupStateTimeout)} whose state
     * starts from {@code initialState} (a batch Dataset grouped by the same key type, at most one row per key):
     * in the first batch (a batch query: its only run) every key of the initial state is called, with its
     * initial state and its values if any (Spark's default, {@code skipEmittingInitialStateKeys=false}).
     *
     * @throws IllegalArgumentException (when the batch runs) if the initial state has two rows for one key
     */
    public <S, U> Dataset<U> mapGroupsWithState(MapGroupsWithStateFunction<K, V, S, U> func, Encoder<S> stateEncoder,
                                                Encoder<U> outputEncoder, GroupStateTimeout timeoutConf,
                                                KeyValueGroupedDataset<K, S> initialState) {
        return build((key, values, state) -> Collections.singletonList(func.call(key, values, state)).iterator(),
                stateEncoder, outputEncoder, timeoutConf, OutputMode.Update(), true, initialState);
    }

    /**
     * {@link #flatMapGroupsWithState(FlatMapGroupsWithStateFunction, OutputMode, Encoder, Encoder,
     * GroupStateTimeout)} whose state starts from {@code initialState}, as
     * {@link #mapGroupsWithState(MapGroupsWithStateFunction, Encoder, Encoder, GroupStateTimeout,
     * KeyValueGroupedDataset)}.
     */
    public <S, U> Dataset<U> flatMapGroupsWithState(FlatMapGroupsWithStateFunction<K, V, S, U> func,
                                                    OutputMode outputMode, Encoder<S> stateEncoder,
                                                    Encoder<U> outputEncoder, GroupStateTimeout timeoutConf,
                                                    KeyValueGroupedDataset<K, S> initialState) {
        if (outputMode != OutputMode.Update() && outputMode != OutputMode.Append()) {
            throw new IllegalArgumentException("The output mode of function should be append or update");
        }
        return build(func, stateEncoder, outputEncoder, timeoutConf, outputMode, false, initialState);
    }

    /**
     * Calls {@code func} for each key with data in a batch, and for each key whose timeout expired (with no
     * values); each call returns any number of output rows. {@code outputMode} (update or append) must be the
     * streaming query's output mode.
     *
     * @throws IllegalArgumentException for complete mode
     */
    public <S, U> Dataset<U> flatMapGroupsWithState(FlatMapGroupsWithStateFunction<K, V, S, U> func,
                                                    OutputMode outputMode, Encoder<S> stateEncoder,
                                                    Encoder<U> outputEncoder, GroupStateTimeout timeoutConf) {
        if (outputMode != OutputMode.Update() && outputMode != OutputMode.Append()) {
            throw new IllegalArgumentException("The output mode of function should be append or update");
        }
        return build(func, stateEncoder, outputEncoder, timeoutConf, outputMode, false);
    }

    /**
     * Runs {@code statefulProcessor} per grouping key (Spark 4's {@code transformWithState}, the successor of
     * {@code [flat]MapGroupsWithState}): its state variables and timers live in the query's state store,
     * committed with each batch, in either state store provider. A batch Dataset runs the processor once over
     * all rows with a throw-away state. {@code outputMode} is the mode the processor's output is meant for
     * (append or update).
     *
     * @throws IllegalArgumentException for complete mode
     */
    public <U> Dataset<U> transformWithState(StatefulProcessor<K, V, U> statefulProcessor, TimeMode timeMode,
                                             OutputMode outputMode, Encoder<U> outputEncoder) {
        return transformWithState(statefulProcessor, timeMode, outputMode, outputEncoder, null);
    }

    /**
     * {@link #transformWithState(StatefulProcessor, TimeMode, OutputMode, Encoder)} whose first batch starts from
     * {@code initialState} (a batch Dataset grouped by the same key type): each of its rows goes to
     * {@link StatefulProcessorWithInitialState#handleInitialState} before the first batch's input.
     *
     * @throws AnalysisException when {@code initialState} is streaming
     */
    public <U, S> Dataset<U> transformWithState(StatefulProcessorWithInitialState<K, V, U, S> statefulProcessor,
                                                TimeMode timeMode, OutputMode outputMode,
                                                KeyValueGroupedDataset<K, S> initialState, Encoder<U> outputEncoder,
                                                Encoder<S> initialStateEncoder) {
        if (initialState.dataset.isStreaming()) {
            throw new AnalysisException("The initial state of transformWithState must be a batch Dataset, not a"
                    + " streaming one");
        }
        return transformWithState(statefulProcessor, timeMode, outputMode, outputEncoder, initialState);
    }

    /**
     * {@link #transformWithState(StatefulProcessor, TimeMode, OutputMode, Encoder)} in event time whose output
     * column {@code eventTimeColumnName} (a timestamp) carries event time for the operators after it, with the
     * delay of the query's watermark; a batch that emits a row at or before the watermark for late events fails
     * with {@code EMITTING_ROWS_OLDER_THAN_WATERMARK_NOT_ALLOWED}.
     *
     * @throws AnalysisException {@code CANNOT_ASSIGN_EVENT_TIME_COLUMN_WITHOUT_WATERMARK} without a watermark
     */
    public <U> Dataset<U> transformWithState(StatefulProcessor<K, V, U> statefulProcessor, String eventTimeColumnName,
                                             OutputMode outputMode, Encoder<U> outputEncoder) {
        return transformWithState(statefulProcessor, TimeMode.EventTime(), outputMode, outputEncoder, null,
                eventTimeColumnName);
    }

    /**
     * The initial-state overload of {@link #transformWithState(StatefulProcessor, String, OutputMode, Encoder)}
     * (Spark's argument order).
     */
    public <U, S> Dataset<U> transformWithState(StatefulProcessorWithInitialState<K, V, U, S> statefulProcessor,
                                                OutputMode outputMode, KeyValueGroupedDataset<K, S> initialState,
                                                String eventTimeColumnName, Encoder<U> outputEncoder,
                                                Encoder<S> initialStateEncoder) {
        if (initialState.dataset.isStreaming()) {
            throw new AnalysisException("The initial state of transformWithState must be a batch Dataset, not a"
                    + " streaming one");
        }
        return transformWithState(statefulProcessor, TimeMode.EventTime(), outputMode, outputEncoder, initialState,
                eventTimeColumnName);
    }

    private <U> Dataset<U> transformWithState(StatefulProcessor<K, V, U> processor, TimeMode timeMode,
                                              OutputMode outputMode, Encoder<U> outputEncoder,
                                              KeyValueGroupedDataset<K, ?> initialState) {
        return transformWithState(processor, timeMode, outputMode, outputEncoder, initialState, null);
    }

    private <U> Dataset<U> transformWithState(StatefulProcessor<K, V, U> processor, TimeMode timeMode,
                                              OutputMode outputMode, Encoder<U> outputEncoder,
                                              KeyValueGroupedDataset<K, ?> initialState, String eventTimeColumn) {
        if (processor == null || timeMode == null || outputMode == null || outputEncoder == null) {
            throw new IllegalArgumentException("transformWithState needs a processor, a time mode, an output mode"
                    + " and an output encoder");
        }
        if (outputMode != OutputMode.Update() && outputMode != OutputMode.Append()) {
            throw new IllegalArgumentException("The output mode of transformWithState should be append or update");
        }
        TwsBridge<K, V, U> bridge = new TwsBridge<>(processor, keyFunction, valueFunction, keyEncoder, sourceEncoder,
                outputEncoder, initialState);
        TransformWithState node = new TransformWithState(bridge, timeMode, outputMode, eventTimeColumn,
                dataset.logicalPlan());
        return new Dataset<>(dataset.sparkSession(), node, outputEncoder);
    }

    /** A processor seen through the encoders. */
    private record TwsBridge<K, V, U>(StatefulProcessor<K, V, U> typed, MapFunction<Object, K> keyFunction,
                                      MapFunction<Object, V> valueFunction, Encoder<K> keyEncoder,
                                      Encoder<Object> sourceEncoder, Encoder<U> outputEncoder,
                                      KeyValueGroupedDataset<K, ?> initial) implements TransformWithStateFunction {
        @Override
        public StructType keySchema() {
            return keyEncoder.schema();
        }

        @Override
        public StructType outputSchema() {
            return outputEncoder.schema();
        }

        @Override
        @SuppressWarnings("unchecked")
        public StatefulProcessor<Object, Object, Object> processor() {
            return (StatefulProcessor<Object, Object, Object>) (StatefulProcessor<?, ?, ?>) typed;
        }

        @Override
        public Row key(Row input) throws Exception {
            return keyEncoder.toRow(keyFunction.call(sourceEncoder.fromRow(input)));
        }

        @Override
        public Object keyObject(Row key) {
            return keyEncoder.fromRow(key);
        }

        @Override
        public Object value(Row input) throws Exception {
            return valueFunction.call(sourceEncoder.fromRow(input));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Row output(Object out) {
            return outputEncoder.toRow((U) out);
        }

        @Override
        public InitialStateSource initialState() {
            return initial == null ? null : new InitialStates(initial);
        }
    }

    /**
     * One call of {@code func} per key present on either side, with the values of this Dataset and of
     * {@code other} for that key (one side may be empty), as Spark's {@code cogroup}. As in Spark, a streaming
     * side is refused when the query starts ({@code _LEGACY_ERROR_TEMP_3102}, "CoGrouping with a streaming
     * DataFrame/Dataset is not supported").
     */
    public <U, R> Dataset<R> cogroup(KeyValueGroupedDataset<K, U> other, CoGroupFunction<K, V, U, R> func,
                                     Encoder<R> encoder) {
        return CoGroups.cogroup(this, other, func, encoder);
    }

    Dataset<?> dataset() {
        return dataset;
    }

    K key(Row source) throws Exception {
        return keyFunction.call(sourceEncoder.fromRow(source));
    }

    V value(Row source) throws Exception {
        return valueFunction.call(sourceEncoder.fromRow(source));
    }

    Encoder<K> keyEncoder() {
        return keyEncoder;
    }

    private <S, U> Dataset<U> build(FlatMapGroupsWithStateFunction<K, V, S, U> func, Encoder<S> stateEncoder,
                                    Encoder<U> outputEncoder, GroupStateTimeout timeoutConf, OutputMode outputMode,
                                    boolean mapGroups) {
        return build(func, stateEncoder, outputEncoder, timeoutConf, outputMode, mapGroups, null);
    }

    private <S, U> Dataset<U> build(FlatMapGroupsWithStateFunction<K, V, S, U> func, Encoder<S> stateEncoder,
                                    Encoder<U> outputEncoder, GroupStateTimeout timeoutConf, OutputMode outputMode,
                                    boolean mapGroups, KeyValueGroupedDataset<K, S> initialState) {
        Bridge<K, V, S, U> bridge = new Bridge<>(func, keyFunction, valueFunction, keyEncoder, sourceEncoder,
                stateEncoder, outputEncoder, initialState);
        FlatMapGroupsWithState node = new FlatMapGroupsWithState(bridge, timeoutConf, outputMode, mapGroups,
                dataset.logicalPlan());
        return new Dataset<>(dataset.sparkSession(), node, outputEncoder);
    }

    /** The typed function seen through its encoders. */
    private record Bridge<K, V, S, U>(FlatMapGroupsWithStateFunction<K, V, S, U> func,
                                      MapFunction<Object, K> keyFunction, MapFunction<Object, V> valueFunction,
                                      Encoder<K> keyEncoder, Encoder<Object> sourceEncoder, Encoder<S> stateEncoder,
                                      Encoder<U> outputEncoder, KeyValueGroupedDataset<K, S> initial)
            implements GroupsWithStateFunction {
        @Override
        public InitialStateSource initialState() {
            return initial == null ? null : new InitialStates(initial);
        }

        @Override
        public StructType keySchema() {
            return keyEncoder.schema();
        }

        @Override
        public StructType stateSchema() {
            return stateEncoder.schema();
        }

        @Override
        public StructType outputSchema() {
            return outputEncoder.schema();
        }

        @Override
        public Row key(Row input) throws Exception {
            K key = keyFunction.call(sourceEncoder.fromRow(input));
            return keyEncoder.toRow(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Row encodeState(Object state) {
            return stateEncoder.toRow((S) state);
        }

        @Override
        public Object decodeState(Row row) {
            return stateEncoder.fromRow(row);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterator<Row> call(Row key, List<Row> values, GroupState<Object> state) throws Exception {
            List<V> typed = new ArrayList<>(values.size());
            for (Row row : values) {
                typed.add(valueFunction.call(sourceEncoder.fromRow(row)));
            }
            Iterator<U> out = func.call(keyEncoder.fromRow(key), typed.iterator(),
                    (GroupState<S>) (GroupState<?>) state);
            List<Row> rows = new ArrayList<>();
            while (out != null && out.hasNext()) {
                U u = out.next();
                if (u == null) {
                    throw new NullPointerException("Null value appeared in the output of [flat]MapGroupsWithState");
                }
                rows.add(outputEncoder.toRow(u));
            }
            return rows.iterator();
        }
    }
}
