package dev.sluice.sql;

import dev.sluice.analysis.ExpressionResolver;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rollup(...)} and {@code cube(...)} aggregations, with {@code grouping(col)} and {@code grouping_id()}. Spark
 * expands every row once per grouping set and aggregates once; this plans one aggregation per grouping set and a
 * union of them, which gives the same rows for deterministic aggregates: in the rows of a set, the grouping columns
 * left out are null, {@code grouping(c)} is 1 for them (0 otherwise, a TINYINT) and {@code grouping_id()} is the bits
 * of {@code grouping} of every grouping column, first column highest (a BIGINT). Batch only: a streaming Dataset
 * would need one stateful aggregation per set. Stateless.
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

    static Dataset<Row> aggregate(Dataset<?> dataset, List<Expression> grouping, List<List<Integer>> sets,
            List<Expression> aggregates) {
        if (dataset.isStreaming()) {
            throw new AnalysisException("UNSUPPORTED_FEATURE.STREAMING_GROUPING_SETS", "The feature is not"
                    + " supported: rollup and cube on a streaming Dataset.", "0A000");
        }
        ExpressionResolver resolver = new ExpressionResolver(dataset.logicalPlan().output(),
                dataset.sparkSession().functionContext());
        List<Expression> resolvedGrouping = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Expression g : grouping) {
            Expression resolved = resolver.resolve(g);
            resolvedGrouping.add(resolved);
            names.add(ExpressionResolver.autoName(resolved));
        }
        Dataset<Row> union = null;
        for (List<Integer> set : sets) {
            List<Column> groupBy = new ArrayList<>();
            set.forEach(i -> groupBy.add(new Column(grouping.get(i))));
            List<Column> aggregateColumns = new ArrayList<>();
            for (Expression aggregate : aggregates) {
                aggregateColumns.add(new Column(groupingCalls(aggregate, resolver, resolvedGrouping, set)));
            }
            Dataset<Row> aggregated = dataset.groupBy(groupBy.toArray(new Column[0]))
                    .agg(aggregateColumns);
            List<Column> projection = new ArrayList<>();
            for (int i = 0; i < grouping.size(); i++) {
                int position = set.indexOf(i);
                projection.add(position >= 0
                        ? new Column(aggregated.logicalPlan().output().get(position)).as(names.get(i))
                        : new Column(new Literal(null, resolvedGrouping.get(i).dataType())).as(names.get(i)));
            }
            List<dev.sluice.expr.AttributeReference> output = aggregated.logicalPlan().output();
            output.subList(set.size(), output.size()).forEach(a -> projection.add(new Column(a)));
            Dataset<Row> branch = aggregated.select(projection.toArray(new Column[0]));
            union = union == null ? branch : union.union(branch);
        }
        return union;
    }

    /** Replaces {@code grouping(c)} and {@code grouping_id(...)} by their values for grouping set {@code set}. */
    private static Expression groupingCalls(Expression aggregate, ExpressionResolver resolver,
            List<Expression> grouping, List<Integer> set) {
        return aggregate.transformUp(e -> {
            if (!(e instanceof UnresolvedFunction f)) {
                return e;
            }
            if (f.name().equals("grouping")) {
                dev.sluice.expr.FunctionRegistry.checkArity("grouping", f.arguments(), 1, 1);
                int index = indexOf(resolver.resolve(f.arguments().get(0)), grouping);
                if (index < 0) {
                    throw new AnalysisException("GROUPING_COLUMN_MISMATCH", "Column of grouping ("
                            + f.arguments().get(0).sql() + ") can't be found in grouping columns "
                            + String.join(",", grouping.stream().map(Expression::sql).toList()) + ".", "42803");
                }
                return new GroupingValue(new Literal(set.contains(index) ? 0 : 1, DataTypes.ByteType), f.sql());
            }
            if (f.name().equals("grouping_id")) {
                if (!f.arguments().isEmpty() && f.arguments().size() != grouping.size()) {
                    throw groupingIdMismatch(f, grouping);
                }
                for (int i = 0; i < f.arguments().size(); i++) {
                    if (indexOf(resolver.resolve(f.arguments().get(i)), grouping) != i) {
                        throw groupingIdMismatch(f, grouping);
                    }
                }
                long id = 0;
                for (int i = 0; i < grouping.size(); i++) {
                    id = (id << 1) | (set.contains(i) ? 0 : 1);
                }
                return new GroupingValue(Literal.of(id), f.sql());
            }
            return e;
        });
    }

    private static AnalysisException groupingIdMismatch(UnresolvedFunction f, List<Expression> grouping) {
        return new AnalysisException("GROUPING_ID_COLUMN_MISMATCH", "Columns of grouping_id ("
                + String.join(",", f.arguments().stream().map(Expression::sql).toList()) + ") does not match"
                + " grouping columns (" + String.join(",", grouping.stream().map(Expression::sql).toList()) + ").",
                "42803");
    }

    private static int indexOf(Expression column, List<Expression> grouping) {
        for (int i = 0; i < grouping.size(); i++) {
            if (grouping.get(i).semanticEquals(column)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of {@code grouping(c)} or {@code grouping_id()} in one grouping set: a constant that keeps the call's
     * text, so that generated column names are Spark's ({@code grouping(a)}).
     */
    private static final class GroupingValue extends dev.sluice.expr.LeafExpression {
        private final Literal value;
        private final String text;

        GroupingValue(Literal value, String text) {
            this.value = value;
            this.text = text;
        }

        @Override
        public dev.sluice.sql.types.DataType dataType() {
            return value.dataType();
        }

        @Override
        public boolean nullable() {
            return false;
        }

        @Override
        public boolean resolved() {
            return true;
        }

        @Override
        public dev.sluice.batch.ColumnVector eval(dev.sluice.batch.Chunk input) {
            return value.eval(input);
        }

        @Override
        public String sql() {
            return text;
        }
    }
}
