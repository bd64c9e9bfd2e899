package dev.sluice.sql;

import dev.sluice.expr.AttributeReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code except}, {@code exceptAll}, {@code intersect} and {@code intersectAll} as Spark's optimizer rewrites them:
 * the distinct forms are a left anti/semi join on null-safe equality of every column followed by
 * {@code distinct} ({@code ReplaceExceptWithAntiJoin}, {@code ReplaceIntersectWithSemiJoin}); the {@code ALL}
 * forms count each row's copies on both sides (a union tagged by side, grouped by every column) and emit each row
 * as many times as Spark's {@code RewriteExceptAll}/{@code RewriteIntersectAll} do: left minus right copies, or the
 * smaller of both. Columns pair up by position; the result has the left side's names. Stateless.
 */
final class SetOperations {
    private SetOperations() {
    }

    static Dataset<Row> distinct(Dataset<?> left, Dataset<?> right, boolean except) {
        checkColumns(left, right, except ? "EXCEPT" : "INTERSECT");
        List<AttributeReference> l = left.logicalPlan().output();
        List<AttributeReference> r = right.logicalPlan().output();
        Column condition = null;
        for (int i = 0; i < l.size(); i++) {
            Column eq = new Column(l.get(i)).eqNullSafe(new Column(r.get(i)));
            condition = condition == null ? eq : condition.and(eq);
        }
        if (condition == null) {
            condition = functions.lit(true);
        }
        return left.toDF().join(right.toDF(), condition, except ? "left_anti" : "left_semi").distinct();
    }

    static Dataset<Row> all(Dataset<?> left, Dataset<?> right, boolean except) {
        checkColumns(left, right, except ? "EXCEPT ALL" : "INTERSECT ALL");
        int n = left.columns().length;
        Dataset<Row> tagged = tag(left, 1, 0).union(tag(right, 0, 1));
        List<AttributeReference> out = tagged.logicalPlan().output();
        Column[] keys = new Column[n];
        for (int i = 0; i < n; i++) {
            keys[i] = new Column(out.get(i));
        }
        Dataset<Row> counted = tagged.groupBy(keys).agg(functions.sum(new Column(out.get(n))),
                functions.sum(new Column(out.get(n + 1))));
        dev.sluice.sql.types.StructType schema = new dev.sluice.sql.types.StructType(
                java.util.Arrays.copyOf(counted.schema().fields(), n));
        return counted.flatMap((dev.sluice.api.java.function.FlatMapFunction<Row, Row>) row -> {
            long inLeft = row.getLong(n);
            long inRight = row.getLong(n + 1);
            long copies = except ? inLeft - inRight : Math.min(inLeft, inRight);
            if (copies <= 0) {
                return Collections.emptyIterator();
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = row.get(i);
            }
            Row copy = new GenericRow(values, schema);
            return Collections.nCopies((int) copies, copy).iterator();
        }, Encoders.row(schema));
    }

    /** {@code ds}'s columns plus two counters. */
    private static Dataset<Row> tag(Dataset<?> ds, long first, long second) {
        List<AttributeReference> output = ds.logicalPlan().output();
        List<Column> columns = new ArrayList<>();
        for (AttributeReference a : output) {
            columns.add(new Column(a));
        }
        columns.add(functions.lit(first).alias("__l"));
        columns.add(functions.lit(second).alias("__r"));
        return ds.toDF().select(columns.toArray(new Column[0]));
    }

    private static void checkColumns(Dataset<?> left, Dataset<?> right, String operation) {
        int l = left.columns().length;
        int r = right.columns().length;
        if (l != r) {
            throw new AnalysisException("NUM_COLUMNS_MISMATCH", operation + " can only be performed on inputs with"
                    + " the same number of columns, but the first input has " + l + " columns and the second input"
                    + " has " + r + " columns.", "42826");
        }
    }
}
