package dev.sluice.sql;

import static dev.sluice.sql.functions.first;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.when;

import dev.sluice.analysis.ExpressionResolver;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.expr.aggregate.FirstLast;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code groupBy(...).pivot(column[, values]).agg(...)} as Spark's {@code ResolvePivot} plans it. One output column
 * per pivot value and aggregate, named after the value (followed by {@code _<aggregate name>} when there are several
 * aggregates). When every aggregate has a numeric or boolean type, Spark aggregates per group and pivot value first
 * and then spreads the results, so a value missing from a group gives null (even for {@code count}); otherwise each
 * aggregate reads only the rows with that value ({@code agg(if(pivot <=> value, x, null))}, {@code first}/{@code last}
 * then skip nulls), so for example {@code collect_list} gives an empty array. Values are cast to the pivot column's
 * type. Without a list of values, the distinct values are collected first, sorted (Spark's
 * {@code spark.sql.pivotMaxValues}, 10000, caps them). Stateless.
 */
final class Pivots {
    static final int MAX_VALUES = 10_000;

    private Pivots() {
    }

    /** The sorted distinct values of {@code pivot} over {@code dataset} (a batch action). */
    static List<Object> distinctValues(Dataset<?> dataset, Column pivot) {
        if (dataset.isStreaming()) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_3063", "pivot is not supported on a streaming"
                    + " DataFrames/Datasets", null);
        }
        List<Row> rows = dataset.toDF().select(pivot.as("__pivot_col")).distinct().limit(MAX_VALUES + 1)
                .sort(functions.col("__pivot_col")).collectAsList();
        if (rows.size() > MAX_VALUES) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1324", "The pivot column " + pivot + " has more than "
                    + MAX_VALUES + " distinct values, this could indicate an error. If this was intended, set"
                    + " spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.",
                    null);
        }
        List<Object> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.get(0)));
        return values;
    }

    static Dataset<Row> aggregate(Dataset<?> dataset, List<Expression> grouping, Column pivot, List<Object> values,
            List<Expression> aggregates) {
        SluiceSession session = dataset.sparkSession();
        ExpressionResolver resolver = new ExpressionResolver(dataset.logicalPlan().output(),
                session.functionContext());
        Expression pivotColumn = resolver.resolve(pivot.expr());
        DataType pivotType = pivotColumn.dataType();
        if (!ValueOrdering.isOrderable(pivotType)) {
            throw new AnalysisException("INCOMPARABLE_PIVOT_COLUMN", "Invalid pivot column `"
                    + pivotColumn.sql() + "`. Pivot columns must be comparable.", "42818");
        }
        List<Literal> pivotValues = new ArrayList<>();
        for (Object value : values) {
            Expression literal = value instanceof Column c ? resolver.resolve(c.expr())
                    : dev.sluice.analysis.JavaValues.literal(value);
            if (!literal.foldable() && !(literal instanceof Literal)) {
                throw new AnalysisException("NON_LITERAL_PIVOT_VALUES", "Literal expressions required for pivot"
                        + " values, found \"" + literal.sql() + "\".", "42K08");
            }
            if (!Cast.canCast(literal.dataType(), pivotType)) {
                throw new AnalysisException("PIVOT_VALUE_DATA_TYPE_MISMATCH", "Invalid pivot value '" + literal.sql()
                        + "': value data type " + literal.dataType().simpleString() + " does not match pivot column"
                        + " data type " + pivotType.catalogString() + ".", "42K09");
            }
            pivotValues.add(castValue(literal, pivotType, session));
        }
        List<Column> groups = new ArrayList<>();
        grouping.forEach(g -> groups.add(new Column(g)));
        List<Column> aggregateColumns = new ArrayList<>();
        aggregates.forEach(a -> aggregateColumns.add(new Column(a)));
        // The plain aggregate gives each aggregate's type and its name (its alias or Spark's generated text).
        List<Column> bigGroup = new ArrayList<>(groups);
        bigGroup.add(new Column(pivotColumn).as("__pivot_col"));
        Dataset<Row> perValue = dataset.groupBy(bigGroup.toArray(new Column[0]))
                .agg(aggregateColumns);
        List<AttributeReference> output = perValue.logicalPlan().output();
        int groupCount = groups.size();
        List<AttributeReference> aggregated = output.subList(groupCount + 1, output.size());
        boolean single = aggregated.size() == 1;
        boolean spread = aggregated.stream().allMatch(a -> spreadable(a.dataType()));
        List<Column> pivoted = new ArrayList<>();
        for (Literal value : pivotValues) {
            String valueName = value.value() == null ? "null" : castValue(value, DataTypes.StringType, session)
                    .value().toString();
            for (int i = 0; i < aggregated.size(); i++) {
                String name = single ? valueName : valueName + "_" + aggregated.get(i).name();
                if (spread) {
                    Column matches = new Column(output.get(groupCount)).eqNullSafe(new Column(value));
                    pivoted.add(first(when(matches, new Column(aggregated.get(i))), true).as(name));
                } else {
                    pivoted.add(new Column(onlyMatching(resolver.resolve(aggregates.get(i)), pivotColumn, value,
                            session)).as(name));
                }
            }
        }
        if (spread) {
            List<Column> groupAttributes = new ArrayList<>();
            output.subList(0, groupCount).forEach(a -> groupAttributes.add(new Column(a)));
            return perValue.groupBy(groupAttributes.toArray(new Column[0]))
                    .agg(pivoted);
        }
        return dataset.groupBy(groups.toArray(new Column[0]))
                .agg(pivoted);
    }

    /** Spark's {@code PivotFirst} types: the aggregates spread per value from a first aggregation. */
    private static boolean spreadable(DataType type) {
        return type instanceof DoubleType || type instanceof IntegerType || type instanceof LongType
                || type instanceof FloatType || type instanceof BooleanType || type instanceof ShortType
                || type instanceof ByteType || type instanceof DecimalType;
    }

    /** {@code aggregate} with every aggregate function reading {@code if(pivot <=> value, arg, null)}. */
    private static Expression onlyMatching(Expression aggregate, Expression pivot, Literal value,
            SluiceSession session) {
        FunctionRegistry registry = FunctionRegistry.builtin();
        var context = session.functionContext();
        Expression matches = registry.build("<=>", List.of(pivot, value), context);
        return aggregate.transformUp(e -> {
            if (e instanceof FirstLast f) {
                Expression input = registry.build("if", List.of(matches, f.children().get(0), Literal.NULL), context);
                return new FirstLast(input, f.prettyName().equals("last"), true);
            }
            if (e instanceof AggregateFunction a) {
                List<Expression> inputs = new ArrayList<>();
                for (Expression child : a.children()) {
                    inputs.add(registry.build("if", List.of(matches, child, Literal.NULL), context));
                }
                return a.withNewChildren(inputs);
            }
            return e;
        });
    }

    private static Literal castValue(Expression value, DataType type, SluiceSession session) {
        Expression cast = Cast.castIfNeeded(value, type, session.functionContext());
        Object result = cast.eval(new dev.sluice.batch.Chunk(1)).getObject(0);
        return new Literal(result, type);
    }
}
