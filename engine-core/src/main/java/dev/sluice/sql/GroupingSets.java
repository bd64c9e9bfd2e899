package dev.sluice.sql;

import dev.sluice.analysis.GroupingSetsPlanner;
import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rollup(...)} and {@code cube(...)} aggregations, with {@code grouping(col)} and {@code grouping_id()}: the
 * grouping sets of each, planned by {@link GroupingSetsPlanner} as Spark does (every row expanded once per grouping
 * set, then one aggregation). Stateless.
 */
final class GroupingSets {
    private GroupingSets() {
    }

    /** Spark's {@code ROLLUP}: every prefix of the columns, longest first. */
    static List<List<Integer>> rollup(int columns) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int length = columns; length >= 0; length--) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                set.add(i);
            }
            sets.add(set);
        }
        return sets;
    }

    /** Spark's {@code CUBE}: every subset of the columns. */
    static List<List<Integer>> cube(int columns) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int mask = (1 << columns) - 1; mask >= 0; mask--) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                if ((mask & (1 << (columns - 1 - i))) != 0) {
                    set.add(i);
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /**
     * The Dataset API's {@code rollup/cube(...).agg(...)}: the grouping columns then the aggregates, planned as
     * SQL's {@code GROUPING SETS} (Spark's Expand, then one aggregation over the expanded rows), batch and
     * streaming alike.
     */
    static Dataset<Row> aggregate(Dataset<?> dataset, List<Expression> grouping, List<List<Integer>> sets,
            List<Expression> aggregates) {
        List<Expression> outputs = new ArrayList<>(grouping);
        outputs.addAll(aggregates);
        SluiceSession session = dataset.sparkSession();
        return Dataset.ofRows(session, GroupingSetsPlanner.aggregate(session.planBuilder(), dataset.logicalPlan(),
                grouping, sets, outputs));
    }
}
