package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.state.KeyValue;
import dev.sluice.state.RowCodec;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Typed access to an operator's {@link PartitionedStateStore}: keys and values are rows of fixed column
 * types encoded with {@link RowCodec}. Immutable; the scans it runs belong to the caller's thread.
 */
final class StateRows {
    private final List<DataType> keyTypes;
    private final List<DataType> valueTypes;
    private final RowCodec keyCodec;
    private final RowCodec valueCodec;

    StateRows(List<DataType> keyTypes, List<DataType> valueTypes) {
        this.keyTypes = List.copyOf(keyTypes);
        this.valueTypes = List.copyOf(valueTypes);
        this.keyCodec = new RowCodec(schema(keyTypes));
        this.valueCodec = new RowCodec(schema(valueTypes));
    }

    /** A row schema of the given column types (names _0, _1, ...): the layout of state keys and values. */
    static StructType schema(List<DataType> types) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(new StructField("_" + i, types.get(i), true));
        }
        return new StructType(fields);
    }

    /** A row schema of the given column names and types (all nullable): the layout recorded in operator metadata. */
    static StructType schema(List<String> names, List<DataType> types) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(new StructField(names.get(i), types.get(i), true));
        }
        return new StructType(fields);
    }

    /** The name of expression {@code e} as a state column: its name when it has one, else its SQL text. */
    static String columnName(dev.sluice.expr.Expression e) {
        return e instanceof dev.sluice.expr.NamedExpression n ? n.name() : e.sql();
    }

    /**
     * The state column names of aggregate buffers: each function's SQL text, suffixed {@code _i} when the
     * function keeps more than one buffer.
     */
    static List<String> bufferNames(dev.sluice.exec.AggregationSpec spec) {
        List<String> names = new ArrayList<>();
        for (var f : spec.functions()) {
            int n = f.bufferTypes().size();
            for (int i = 0; i < n; i++) {
                names.add(n == 1 ? f.sql() : f.sql() + "_" + i);
            }
        }
        return names;
    }

    byte[] encodeKey(ColumnVector[] keys, int row) {
        return keyCodec.encode(keys, row);
    }

    byte[] encodeValue(ColumnVector[] values, int row) {
        return valueCodec.encode(values, row);
    }

    /** Appends the decoded key to one vector per key column. */
    void decodeKey(byte[] key, ColumnVector[] into) {
        keyCodec.decodeInto(key, into);
    }

    ColumnVector[] newKeyVectors(int capacity) {
        return allocate(keyTypes, capacity);
    }

    /** Appends the decoded value to one vector per value column. */
    void decodeValue(byte[] value, ColumnVector[] into) {
        valueCodec.decodeInto(value, into);
    }

    ColumnVector[] newValueVectors(int capacity) {
        return allocate(valueTypes, capacity);
    }

    /** One empty vector per type. */
    static ColumnVector[] allocate(List<DataType> types, int capacity) {
        ColumnVector[] out = new ColumnVector[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ColumnVector.allocate(types.get(i), Math.max(capacity, 1));
        }
        return out;
    }

    /** Decoded state entries: {@code count} rows of key and value columns, and the raw keys (for removal). */
    record Entries(ColumnVector[] keys, ColumnVector[] values, byte[][] rawKeys, int count) {
    }

    /** Decodes every entry of {@code store}, {@link Chunk#DEFAULT_ROWS} at a time, handing each slice to {@code sink}. */
    void scan(PartitionedStateStore store, Consumer<Entries> sink) {
        scan(store.iterator(), sink);
    }

    /**
     * Decodes the entries of {@code it} (a store's, or one partition's), {@link Chunk#DEFAULT_ROWS} at a time,
     * handing each slice to {@code sink}. Thread-safe: the codecs keep no state between calls.
     */
    void scan(Iterator<KeyValue> it, Consumer<Entries> sink) {
        while (it.hasNext()) {
            ColumnVector[] keys = allocate(keyTypes, Chunk.DEFAULT_ROWS);
            ColumnVector[] values = allocate(valueTypes, Chunk.DEFAULT_ROWS);
            byte[][] raw = new byte[Chunk.DEFAULT_ROWS][];
            int n = 0;
            while (n < Chunk.DEFAULT_ROWS && it.hasNext()) {
                KeyValue kv = it.next();
                keyCodec.decodeInto(kv.key(), keys);
                valueCodec.decodeInto(kv.value(), values);
                raw[n++] = kv.key();
            }
            sink.accept(new Entries(keys, values, raw, n));
        }
    }

    /**
     * The event time in microseconds of row {@code row} of an event-time column: the value of a timestamp,
     * the {@code end} of a window struct.
     */
    static long eventTimeMicros(ColumnVector column, int row) {
        ColumnVector v = column instanceof StructVector s ? s.child(1) : column;
        return ((LongVector) v).values()[row];
    }
}
