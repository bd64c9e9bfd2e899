package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark's {@code collect_frequent_items(x)} behind {@code df.stat().freqItems}: the counting algorithm of Karp,
 * Schenker and Papadimitriou with at most {@code size} counters (a new item when all are taken lowers every counter by
 * the smallest one and drops those that reach zero), nulls counted as an item. The result lists the surviving items,
 * which include every item with a frequency above {@code 1 / size} and possibly others (false positives). The order
 * of the items is their first appearance here; Spark lists them in its hash map's order, so compare as sets. Never
 * null. Buffer: the counters as a map (a null item is kept as a map key, internally).
 */
public final class FrequentItems extends AggregateFunction {
    private final int size;

    public FrequentItems(Expression child, int size) {
        super(List.of(child));
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new FrequentItems(newChildren.get(0), size);
    }

    @Override
    public DataType dataType() {
        return new ArrayType(arguments.get(0).dataType(), arguments.get(0).nullable());
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return "collect_frequent_items";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new MapType(arguments.get(0).dataType(), DataTypes.LongType, false));
    }

    @Override
    public Accumulator createAccumulator() {
        return new ObjectAccumulator() {
            @SuppressWarnings("unchecked")
            private Map<Object, Long> counters(int g) {
                if (values[g] == null) {
                    values[g] = new LinkedHashMap<Object, Long>();
                }
                return (Map<Object, Long>) values[g];
            }

            @Override
            protected void accept(int g, Object value) {
                add(counters(g), value, 1);
            }

            @Override
            protected void acceptBuffer(int g, Object value) {
                if (value != null) {
                    Map<Object, Long> map = counters(g);
                    ((Map<?, ?>) value).forEach((k, v) -> add(map, k, (Long) v));
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendObject(counters(g));
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                out.appendObject(new ArrayList<>(counters(group).keySet()));
            }
        };
    }

    private void add(Map<Object, Long> map, Object key, long count) {
        if (map.containsKey(key)) {
            map.put(key, map.get(key) + count);
        } else if (map.size() < size) {
            map.put(key, count);
        } else {
            long minCount = map.values().stream().mapToLong(Long::longValue).min().orElse(0);
            if (count - minCount >= 0) {
                map.put(key, count);
                map.values().removeIf(v -> v <= minCount);
                map.replaceAll((k, v) -> v - minCount);
            } else {
                map.replaceAll((k, v) -> v - count);
            }
        }
    }
}
