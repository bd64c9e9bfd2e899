package dev.sluice.stream.state;

import dev.sluice.exec.RowBytes;
import dev.sluice.exec.tws.TwsLayout;
import dev.sluice.sql.GenericRow;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.KeyValue;
import java.util.Iterator;
import java.util.List;

/**
 * The state data source's view of one state variable of a {@code transformWithState} operator (option
 * {@code stateVarName}), with Spark's flattened columns: a value state gives {@code key, value}, a list state
 * one row per element ({@code key, list_element}), a map state one row per entry
 * ({@code key, user_map_key, user_map_value}), the timers one row per timer ({@code key, expiryTimestampMs}),
 * each followed by {@code partition_id}. Rows are the stored ones, including values whose TTL has passed but
 * which the next batch's TTL pass has not removed yet. Immutable.
 */
final class TwsStateReader {
    /** The operator name {@code transformWithState} records in its metadata. */
    static final String OPERATOR = "transformWithStateExec";

    private final StructType schema;
    private final byte[] prefix;
    private final RowBytes key;
    private final RowBytes first;
    private final RowBytes second;
    private final boolean list;
    private final boolean timers;

    TwsStateReader(OperatorStateMetadata.StoreSchema store) {
        StructType value = store.valueSchema();
        String firstField = value.apply(0).name();
        StructType out = new StructType().add("key", store.keySchema());
        for (var f : value.fields()) {
            out = out.add(f.name(), f.dataType(), f.nullable());
        }
        this.schema = out.add("partition_id", DataTypes.IntegerType);
        this.prefix = TwsLayout.prefix(store.name());
        this.key = new RowBytes(store.keySchema());
        this.timers = firstField.equals("expiryTimestampMs");
        this.list = firstField.equals("list_element");
        this.first = timers ? null : new RowBytes((StructType) value.apply(0).dataType());
        this.second = value.length() > 1 ? new RowBytes((StructType) value.apply(1).dataType()) : null;
    }

    /** The output columns. */
    StructType schema() {
        return schema;
    }

    /** The key prefix of the variable's entries. */
    byte[] prefix() {
        return prefix;
    }

    /** Appends the rows of one partition's entries of this variable ({@link #prefix()}'s scan). */
    void read(Iterator<KeyValue> entries, int partition, List<Row> out) {
        while (entries.hasNext()) {
            KeyValue kv = entries.next();
            Row k = key.decode(TwsLayout.groupingKey(kv.key(), prefix.length));
            if (timers) {
                for (long t : TwsLayout.decodeTimers(kv.value())) {
                    out.add(row(k, t, partition));
                }
            } else if (second != null) {
                for (TwsLayout.Element e : TwsLayout.decodeElements(kv.value(), true)) {
                    out.add(row(k, first.decode(e.first()), second.decode(e.second()), partition));
                }
            } else if (list) {
                for (TwsLayout.Element e : TwsLayout.decodeElements(kv.value(), false)) {
                    out.add(row(k, first.decode(e.first()), partition));
                }
            } else {
                out.add(row(k, first.decode(TwsLayout.decodeValue(kv.value()).first()), partition));
            }
        }
    }

    private Row row(Object... values) {
        return new GenericRow(values, schema);
    }
}
