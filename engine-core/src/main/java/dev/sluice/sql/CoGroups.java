package dev.sluice.sql;

import dev.sluice.api.java.function.CoGroupFunction;
import dev.sluice.expr.Literal;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.GroupsWithStateFunction;
import dev.sluice.sql.streaming.GroupState;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code KeyValueGroupedDataset.cogroup} as a plan: both sides become rows {@code (l, r)} of one union (each
 * side's row as a struct, the other side null), grouped by the key of whichever side is present, and the user
 * function is called with each group split back into its two sides. Stateless.
 */
final class CoGroups {
    private CoGroups() {
    }

    static <K, V, U, R> Dataset<R> cogroup(KeyValueGroupedDataset<K, V> left, KeyValueGroupedDataset<K, U> right,
                                            CoGroupFunction<K, V, U, R> func, Encoder<R> encoder) {
        Dataset<Row> l = asStruct(left.dataset(), "l");
        Dataset<Row> r = asStruct(right.dataset(), "r");
        DataType leftType = l.schema().apply(0).dataType();
        DataType rightType = r.schema().apply(0).dataType();
        Dataset<Row> union = l.select(functions.col("l"), new Column(new Literal(null, rightType)).alias("r"))
                .union(r.select(new Column(new Literal(null, leftType)).alias("l"), functions.col("r")));
        Bridge<K, V, U, R> bridge = new Bridge<>(left, right, func, encoder);
        FlatMapGroupsWithState node = FlatMapGroupsWithState.stateless("CoGroup", bridge, union.logicalPlan());
        return union.withEncoder(node, encoder);
    }

    /** The rows of {@code ds} as one struct column {@code name}. */
    private static Dataset<Row> asStruct(Dataset<?> ds, String name) {
        String[] names = ds.columns();
        Column[] columns = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = ds.col(names[i]);
        }
        return ds.toDF().select(functions.struct(columns).alias(name));
    }

    private record Bridge<K, V, U, R>(KeyValueGroupedDataset<K, V> left, KeyValueGroupedDataset<K, U> right,
                                      CoGroupFunction<K, V, U, R> func, Encoder<R> encoder)
            implements GroupsWithStateFunction {
        @Override
        public StructType keySchema() {
            return left.keyEncoder().schema();
        }

        @Override
        public StructType stateSchema() {
            return Encoders.INT().schema(); // unused: a batch query keeps no state
        }

        @Override
        public StructType outputSchema() {
            return encoder.schema();
        }

        @Override
        public Row key(Row input) throws Exception {
            Row l = input.getStruct(0);
            return left.keyEncoder().toRow(l != null ? left.key(l) : right.key(input.getStruct(1)));
        }

        @Override
        public Row encodeState(Object state) {
            return null;
        }

        @Override
        public Object decodeState(Row row) {
            return null;
        }

        @Override
        public Iterator<Row> call(Row key, List<Row> values, GroupState<Object> state) throws Exception {
            List<V> lefts = new ArrayList<>();
            List<U> rights = new ArrayList<>();
            for (Row row : values) {
                if (row.getStruct(0) != null) {
                    lefts.add(left.value(row.getStruct(0)));
                } else {
                    rights.add(right.value(row.getStruct(1)));
                }
            }
            Iterator<R> out = func.call(left.keyEncoder().fromRow(key), lefts.iterator(), rights.iterator());
            List<Row> rows = new ArrayList<>();
            while (out != null && out.hasNext()) {
                rows.add(encoder.toRow(out.next()));
            }
            return rows.iterator();
        }
    }
}
