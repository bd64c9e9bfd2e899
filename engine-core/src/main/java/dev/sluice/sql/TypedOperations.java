package dev.sluice.sql;

import dev.sluice.api.java.function.FilterFunction;
import dev.sluice.api.java.function.FlatMapFunction;
import dev.sluice.api.java.function.ForeachFunction;
import dev.sluice.api.java.function.ForeachPartitionFunction;
import dev.sluice.api.java.function.MapFunction;
import dev.sluice.api.java.function.MapPartitionsFunction;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.MapPartitions;
import dev.sluice.plan.logical.ObjectFunction;
import dev.sluice.plan.logical.TypedFilter;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Builds the plans of {@link Dataset}'s typed operations: the user function wrapped between the input encoder
 * (rows to objects) and the output encoder (objects to rows), as a {@link MapPartitions} or {@link TypedFilter}
 * node. Stateless.
 */
final class TypedOperations {
    private TypedOperations() {
    }

    static <T, U> Dataset<U> map(Dataset<T> ds, MapFunction<T, U> func, Encoder<U> out) {
        Encoder<T> in = ds.encoder();
        return mapPartitions(ds, "MapElements", rows -> convert(rows, row -> encode(out, func.call(in.fromRow(row)))),
                out);
    }

    static <T, U> Dataset<U> flatMap(Dataset<T> ds, FlatMapFunction<T, U> func, Encoder<U> out) {
        Encoder<T> in = ds.encoder();
        return mapPartitions(ds, "MapPartitions", rows -> {
            List<Row> result = new ArrayList<>();
            while (rows.hasNext()) {
                Iterator<U> values = func.call(in.fromRow(rows.next()));
                while (values != null && values.hasNext()) {
                    result.add(encode(out, values.next()));
                }
            }
            return result.iterator();
        }, out);
    }

    static <T, U> Dataset<U> mapPartitions(Dataset<T> ds, MapPartitionsFunction<T, U> func, Encoder<U> out) {
        Encoder<T> in = ds.encoder();
        return mapPartitions(ds, "MapPartitions", rows -> {
            Iterator<U> values = func.call(lazily(rows, in));
            List<Row> result = new ArrayList<>();
            while (values != null && values.hasNext()) {
                result.add(encode(out, values.next()));
            }
            return result.iterator();
        }, out);
    }

    static <T> LogicalPlan filter(Dataset<T> ds, FilterFunction<T> func) {
        Encoder<T> in = ds.encoder();
        return new TypedFilter(row -> func.call(in.fromRow(row)), ds.deserializer(), ds.logicalPlan());
    }

    static <T> LogicalPlan foreach(Dataset<T> ds, ForeachFunction<T> func) {
        Encoder<T> in = ds.encoder();
        return new MapPartitions("MapPartitions", rows -> {
            while (rows.hasNext()) {
                func.call(in.fromRow(rows.next()));
            }
            return Collections.emptyIterator();
        }, ds.deserializer(), new StructType(), ds.logicalPlan());
    }

    static <T> LogicalPlan foreachPartition(Dataset<T> ds, ForeachPartitionFunction<T> func) {
        Encoder<T> in = ds.encoder();
        return new MapPartitions("MapPartitions", rows -> {
            func.call(lazily(rows, in));
            return Collections.emptyIterator();
        }, ds.deserializer(), new StructType(), ds.logicalPlan());
    }

    private static <T, U> Dataset<U> mapPartitions(Dataset<T> ds, String name, ObjectFunction function,
                                                   Encoder<U> out) {
        MapPartitions node = new MapPartitions(name, function, ds.deserializer(), out.schema(), ds.logicalPlan());
        return ds.withEncoder(node, out);
    }

    /** One row per input row. */
    private static Iterator<Row> convert(Iterator<Row> rows, RowMapper mapper) throws Exception {
        List<Row> result = new ArrayList<>();
        while (rows.hasNext()) {
            result.add(mapper.apply(rows.next()));
        }
        return result.iterator();
    }

    @FunctionalInterface
    private interface RowMapper {
        Row apply(Row row) throws Exception;
    }

    private static <T> Iterator<T> lazily(Iterator<Row> rows, Encoder<T> in) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                return in.fromRow(rows.next());
            }
        };
    }

    /** An object as a row of {@code out}; a null object is a row of one null for a single-value encoder. */
    private static <U> Row encode(Encoder<U> out, U value) {
        Row row = out.toRow(value);
        if (row == null) {
            throw new SluiceException("NOT_NULL_ASSERT_VIOLATION", "NULL value appeared in non-nullable field:\n"
                    + "- root class: \"" + out.clsTag().getName() + "\"\nIf the schema is inferred from a Scala"
                    + " tuple/case class, or a Java bean, please try to use scala.Option[_] or other nullable types"
                    + " (such as java.lang.Integer instead of int/scala.Int).", "42000", null);
        }
        return row;
    }

    /** A user function's failure: runtime exceptions as they are, checked ones wrapped (naming the operation). */
    static RuntimeException failure(String operation, Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("Exception thrown in the function of " + operation + ": " + e, e);
    }
}
