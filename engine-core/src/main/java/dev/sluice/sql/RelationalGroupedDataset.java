package dev.sluice.sql;

import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/** The result of {@code groupBy(...)}: aggregate it with {@link #agg} or a shortcut such as {@link #count()}. */
public final class RelationalGroupedDataset {
    private final Dataset<?> dataset;
    private final List<Expression> grouping;
    /** The pivot column and its values, or null when not pivoted. */
    private final Column pivotColumn;
    private final List<Object> pivotValues;
    /** The grouping sets of a rollup or cube (indexes into {@link #grouping}), or null for a plain groupBy. */
    private final List<List<Integer>> groupingSets;

    RelationalGroupedDataset(Dataset<?> dataset, List<Expression> grouping) {
        this(dataset, grouping, null, null, null);
    }

    private RelationalGroupedDataset(Dataset<?> dataset, List<Expression> grouping, Column pivotColumn,
            List<Object> pivotValues, List<List<Integer>> groupingSets) {
        this.dataset = dataset;
        this.grouping = List.copyOf(grouping);
        this.pivotColumn = pivotColumn;
        this.pivotValues = pivotValues;
        this.groupingSets = groupingSets;
    }

    /** {@code rollup(cols)}: every prefix of the columns is a grouping set. */
    static RelationalGroupedDataset rollup(Dataset<?> dataset, List<Expression> grouping) {
        return new RelationalGroupedDataset(dataset, grouping, null, null, GroupingSets.rollup(grouping.size()));
    }

    /** {@code cube(cols)}: every subset of the columns is a grouping set. */
    static RelationalGroupedDataset cube(Dataset<?> dataset, List<Expression> grouping) {
        return new RelationalGroupedDataset(dataset, grouping, null, null, GroupingSets.cube(grouping.size()));
    }

    /**
     * Pivots on {@code pivotColumn}: one output column per distinct value (collected and sorted first, a batch
     * action; at most 10000 values) and aggregate. See {@link #pivot(Column, List)}.
     */
    public RelationalGroupedDataset pivot(String pivotColumn) {
        return pivot(dataset.col(pivotColumn));
    }

    /** {@link #pivot(String)} on a column expression. */
    public RelationalGroupedDataset pivot(Column pivotColumn) {
        return pivot(pivotColumn, Pivots.distinctValues(dataset, pivotColumn));
    }

    /** {@link #pivot(Column, List)} on the column named {@code pivotColumn}. */
    public RelationalGroupedDataset pivot(String pivotColumn, List<Object> values) {
        return pivot(dataset.col(pivotColumn), values);
    }

    /**
     * Pivots on {@code pivotColumn} with the given values (literals or literal columns, cast to the column's type):
     * the following aggregation has the grouping columns, then one column per value (named after it) and aggregate
     * (named {@code <value>_<aggregate>} when there are several), as Spark's.
     */
    public RelationalGroupedDataset pivot(Column pivotColumn, List<Object> values) {
        if (this.pivotColumn != null) {
            throw new SluiceException("REPEATED_CLAUSE", "The PIVOT clause may be used at most once per SUBQUERY"
                    + " operation.", "42614", null);
        }
        if (groupingSets != null) {
            throw new SluiceException("UNSUPPORTED_FEATURE.PIVOT_AFTER_GROUP_BY", "The feature is not supported:"
                    + " PIVOT clause following a GROUP BY clause. Consider pushing the GROUP BY into a subquery.",
                    "0A000", null);
        }
        return new RelationalGroupedDataset(dataset, grouping, pivotColumn, new java.util.ArrayList<>(values), null);
    }

    /** Grouping columns followed by the aggregates. */
    public Dataset<Row> agg(Column expr, Column... exprs) {
        List<Expression> aggregates = new ArrayList<>();
        aggregates.add(untyped(expr));
        for (Column c : exprs) {
            aggregates.add(untyped(c));
        }
        return aggregate(aggregates);
    }

    /** {@link #agg(Column, Column...)} of a list, possibly empty (then the distinct groups). */
    Dataset<Row> agg(List<Column> columns) {
        List<Expression> aggregates = new ArrayList<>();
        columns.forEach(c -> aggregates.add(untyped(c)));
        return aggregate(aggregates);
    }

    private Dataset<Row> aggregate(List<Expression> aggregates) {
        if (groupingSets != null) {
            return GroupingSets.aggregate(dataset, grouping, groupingSets, aggregates);
        }
        if (pivotColumn != null) {
            return Pivots.aggregate(dataset, grouping, pivotColumn, pivotValues, aggregates);
        }
        return Dataset.ofRows(dataset.sparkSession(), dataset.sparkSession().planBuilder()
                .aggregate(dataset.logicalPlan(), grouping, aggregates));
    }

    /** A typed column ({@code Aggregator.toColumn()}) reads the grouped Dataset's objects (rows). */
    private Expression untyped(Column c) {
        return c instanceof TypedColumn<?, ?> typed ? typed.over(dataset).expr() : c.expr();
    }

    /** Aggregates given as column name to function name, e.g. {@code {"Amount": "sum"}}. */
    public Dataset<Row> agg(java.util.Map<String, String> exprs) {
        List<Column> columns = new ArrayList<>();
        exprs.forEach((column, function) -> columns.add(functions.call_function(function, functions.col(column))));
        return agg(columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]));
    }

    /** One {@code count} column with the number of rows per group. */
    public Dataset<Row> count() {
        return agg(functions.count(functions.lit(1)).alias("count"));
    }

    public Dataset<Row> sum(String... colNames) {
        return apply("sum", colNames);
    }

    public Dataset<Row> avg(String... colNames) {
        return apply("avg", colNames);
    }

    public Dataset<Row> mean(String... colNames) {
        return apply("avg", colNames);
    }

    public Dataset<Row> min(String... colNames) {
        return apply("min", colNames);
    }

    public Dataset<Row> max(String... colNames) {
        return apply("max", colNames);
    }

    /**
     * {@code function} over each named column, or, with no names, over every numeric column of the Dataset
     * (grouping columns included), as Spark's; a named column that is not numeric fails with Spark's error.
     */
    private Dataset<Row> apply(String function, String... colNames) {
        List<Column> cols = new ArrayList<>();
        if (colNames.length == 0) {
            for (dev.sluice.expr.AttributeReference a : dataset.logicalPlan().output()) {
                if (a.dataType().isNumeric()) {
                    cols.add(functions.call_function(function, new Column(a)));
                }
            }
        } else {
            for (String name : colNames) {
                Column column = dataset.col(name);
                if (!column.expr().dataType().isNumeric()) {
                    throw new AnalysisException("_LEGACY_ERROR_TEMP_1323", "\"" + name + "\" is not a numeric"
                            + " column. Aggregation function can only be applied on a numeric column.", null);
                }
                cols.add(functions.call_function(function, column));
            }
        }
        List<Expression> aggregates = new ArrayList<>();
        cols.forEach(c -> aggregates.add(c.expr()));
        return aggregate(aggregates);
    }
}
