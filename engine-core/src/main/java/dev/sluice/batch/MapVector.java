package dev.sluice.batch;

import dev.sluice.sql.types.MapType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vector of maps: {@code offsets[row]..offsets[row+1]} index the entries of row {@code row} in a key
 * vector and a value vector. Internal value form: an unmodifiable insertion-ordered {@code Map}.
 */
public final class MapVector extends ColumnVector {
    private int[] offsets;
    private final ColumnVector keys;
    private final ColumnVector values;

    public MapVector(MapType type, int capacity) {
        super(type, capacity);
        offsets = new int[this.capacity + 1];
        keys = allocate(type.keyType(), capacity);
        values = allocate(type.valueType(), capacity);
    }

    private MapVector(MapType type, int rowCount, int[] offsets, boolean[] nulls, ColumnVector keys,
            ColumnVector values) {
        super(type, rowCount);
        if (offsets.length < this.capacity + 1) {
            offsets = Arrays.copyOf(offsets, this.capacity + 1);
        }
        this.offsets = offsets;
        this.keys = keys;
        this.values = values;
        this.size = rowCount;
        setNullsArray(nulls);
    }

    /**
     * A map vector over key and value storage computed in bulk (e.g. by a higher-order function): row {@code i}
     * holds the entries {@code [offsets[i], offsets[i+1])}; {@code nulls} may be null when no row is null. The
     * arguments are taken over, not copied: the caller must not change them afterwards.
     */
    public static MapVector wrap(MapType type, int rowCount, int[] offsets, boolean[] nulls, ColumnVector keys,
            ColumnVector values) {
        return new MapVector(type, rowCount, offsets, nulls, keys, values);
    }

    public ColumnVector keys() {
        return keys;
    }

    public ColumnVector values() {
        return values;
    }

    public int offset(int row) {
        return offsets[row];
    }

    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    @Override
    protected void growTo(int newCapacity) {
        offsets = Arrays.copyOf(offsets, newCapacity + 1);
    }

    @Override
    protected void onAppendNull() {
        offsets[size] = offsets[size - 1];
    }

    /** Closes the row whose entries the caller appended to {@link #keys()} and {@link #values()}. */
    public void endRow() {
        ensureCapacity(size + 1);
        offsets[size + 1] = keys.size();
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = offsets[row]; i < offsets[row + 1]; i++) {
            map.put(keys.getObject(i), values.getObject(i));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
            return;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            keys.appendObject(e.getKey());
            values.appendObject(e.getValue());
        }
        endRow();
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        MapVector m = (MapVector) source;
        for (int i = m.offsets[row]; i < m.offsets[row + 1]; i++) {
            keys.appendFrom(m.keys, i);
            values.appendFrom(m.values, i);
        }
        endRow();
    }

    /**
     * A bulk gather: the kept rows' element ranges are gathered with one {@code take} of the element vector(s)
     * (itself bulk), instead of appending element by element. Null rows keep no elements, as with {@link #appendFrom}.
     */
    @Override
    public ColumnVector take(int[] rows, int count) {
        boolean[] outNulls = gatherNulls(rows, count, Math.max(count, 1));
        int[] offsetsOut = new int[Math.max(count, 1) + 1];
        int[] elementRows = gatherElementRows(offsets, rows, count, offsetsOut);
        int total = elementRows.length;
        ColumnVector keysOut = keys.take(elementRows, total);
        ColumnVector valuesOut = values.take(elementRows, total);
        return new MapVector((MapType) type, count, offsetsOut, outNulls, keysOut, valuesOut);
    }

    @Override
    protected int nonNullHash(int row) {
        int h = 23;
        for (int i = offsets[row]; i < offsets[row + 1]; i++) {
            h += keys.hash(i) ^ values.hash(i);
        }
        return h;
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return getObject(row).equals(other.getObject(otherRow));
    }
}
