package dev.sluice.sql;

import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in functions of the Dataset API with Spark's Java names ({@code functions.col},
 * {@code functions.window}, ...). Every function builds an unresolved call; types are checked when the
 * column is used in a Dataset. The string, math and collection functions ({@link FunctionsCollections}) and the
 * date/time, map and statistics ones ({@link FunctionsTemporal}) are declared in two package-private superclasses
 * and inherited, so that Spark's one large {@code functions} object stays a set of files of readable size while
 * {@code functions.upper(...)} and {@code import static dev.sluice.sql.functions.*} work as in Spark. Stateless.
 */
@SuppressWarnings({"checkstyle:MethodName", "unused"})
public final class functions extends FunctionsTemporal {
    private functions() {
    }

    // ---- columns, literals, expressions

    public static Column col(String colName) {
        return new Column(colName);
    }

    public static Column column(String colName) {
        return new Column(colName);
    }

    /** A literal column; a Column argument is returned as is. */
    public static Column lit(Object literal) {
        return literal instanceof Column c ? c : new Column(Column.toExpression(literal));
    }

    /** Parses a SQL expression, e.g. {@code expr("case when Type == 'BUY' then Amount else 0 end")}. */
    public static Column expr(String expr) {
        return Column.parse(expr);
    }

    public static Column when(Column condition, Object value) {
        return new Column(new UnresolvedFunction("casewhen", List.of(condition.expr(), Column.toExpression(value)), false));
    }

    public static Column not(Column e) {
        return call("not", e);
    }

    public static Column negate(Column e) {
        return call("negative", e);
    }

    public static Column coalesce(Column... e) {
        return callColumns("coalesce", e);
    }

    public static Column isnull(Column e) {
        return call("isnull", e);
    }

    public static Column greatest(Column... e) {
        return callColumns("greatest", e);
    }

    public static Column least(Column... e) {
        return callColumns("least", e);
    }

    /** Sorts by {@code columnName} ascending (nulls first), as Spark's {@code functions.asc}. */
    public static Column asc(String columnName) {
        return new Column(columnName).asc();
    }

    public static Column asc_nulls_first(String columnName) {
        return new Column(columnName).asc_nulls_first();
    }

    public static Column asc_nulls_last(String columnName) {
        return new Column(columnName).asc_nulls_last();
    }

    /** Sorts by {@code columnName} descending (nulls last), as Spark's {@code functions.desc}. */
    public static Column desc(String columnName) {
        return new Column(columnName).desc();
    }

    public static Column desc_nulls_first(String columnName) {
        return new Column(columnName).desc_nulls_first();
    }

    public static Column desc_nulls_last(String columnName) {
        return new Column(columnName).desc_nulls_last();
    }

    // ---- aggregates

    public static Column count(Column e) {
        return call("count", e.expr() instanceof dev.sluice.expr.UnresolvedStar ? lit(1) : e);
    }

    public static Column count(String columnName) {
        return count(columnName.equals("*") ? lit(1) : col(columnName));
    }

    public static Column countDistinct(Column expr, Column... exprs) {
        List<Expression> args = new ArrayList<>();
        args.add(expr.expr());
        for (Column c : exprs) {
            args.add(c.expr());
        }
        return new Column(new UnresolvedFunction("count", args, true));
    }

    public static Column countDistinct(String columnName, String... columnNames) {
        Column[] rest = new Column[columnNames.length];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = col(columnNames[i]);
        }
        return countDistinct(col(columnName), rest);
    }

    public static Column count_distinct(Column expr, Column... exprs) {
        return countDistinct(expr, exprs);
    }

    public static Column sum(Column e) {
        return call("sum", e);
    }

    public static Column sum(String columnName) {
        return sum(col(columnName));
    }

    public static Column sum_distinct(Column e) {
        return new Column(new UnresolvedFunction("sum", List.of(e.expr()), true));
    }

    public static Column avg(Column e) {
        return call("avg", e);
    }

    public static Column avg(String columnName) {
        return avg(col(columnName));
    }

    public static Column mean(Column e) {
        return call("mean", e);
    }

    public static Column mean(String columnName) {
        return mean(col(columnName));
    }

    public static Column min(Column e) {
        return call("min", e);
    }

    public static Column min(String columnName) {
        return min(col(columnName));
    }

    public static Column max(Column e) {
        return call("max", e);
    }

    public static Column max(String columnName) {
        return max(col(columnName));
    }

    public static Column first(Column e) {
        return call("first", e);
    }

    public static Column first(Column e, boolean ignoreNulls) {
        return call("first", e, ignoreNulls);
    }

    public static Column first(String columnName) {
        return first(col(columnName));
    }

    public static Column last(Column e) {
        return call("last", e);
    }

    public static Column last(Column e, boolean ignoreNulls) {
        return call("last", e, ignoreNulls);
    }

    public static Column last(String columnName) {
        return last(col(columnName));
    }

    public static Column collect_list(Column e) {
        return call("collect_list", e);
    }

    public static Column collect_list(String columnName) {
        return collect_list(col(columnName));
    }

    public static Column collect_set(Column e) {
        return call("collect_set", e);
    }

    public static Column collect_set(String columnName) {
        return collect_set(col(columnName));
    }

    // ---- window functions

    public static Column row_number() {
        return call("row_number");
    }

    public static Column rank() {
        return call("rank");
    }

    public static Column dense_rank() {
        return call("dense_rank");
    }

    public static Column lag(Column e, int offset) {
        return call("lag", e, offset);
    }

    public static Column lag(String columnName, int offset) {
        return lag(col(columnName), offset);
    }

    public static Column lag(Column e, int offset, Object defaultValue) {
        return call("lag", e, offset, defaultValue);
    }

    public static Column lead(Column e, int offset) {
        return call("lead", e, offset);
    }

    public static Column lead(String columnName, int offset) {
        return lead(col(columnName), offset);
    }

    public static Column lead(Column e, int offset, Object defaultValue) {
        return call("lead", e, offset, defaultValue);
    }

    // ---- event-time windows

    /** Tumbling window of {@code windowDuration} (e.g. "10 minutes") over a timestamp column. */
    public static Column window(Column timeColumn, String windowDuration) {
        return call("window", timeColumn, windowDuration);
    }

    /**
     * Session window: a session starts at an event and ends {@code gapDuration} (e.g. "10 minutes") after the
     * last event of the session; used as a grouping column.
     */
    public static Column session_window(Column timeColumn, String gapDuration) {
        return call("session_window", timeColumn, gapDuration);
    }

    /** Session window whose gap is evaluated per row (an interval string such as "5 minutes"; NULL or {@code <= 0} drops the row). */
    public static Column session_window(Column timeColumn, Column gapDuration) {
        return callColumns("session_window", timeColumn, gapDuration);
    }

    /** Sliding window. */
    public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
        return call("window", timeColumn, windowDuration, slideDuration);
    }

    /** Sliding window whose starts are offset by {@code startTime}. */
    public static Column window(Column timeColumn, String windowDuration, String slideDuration, String startTime) {
        return call("window", timeColumn, windowDuration, slideDuration, startTime);
    }

    // ---- generators

    public static Column explode(Column e) {
        return call("explode", e);
    }

    public static Column explode_outer(Column e) {
        return call("explode_outer", e);
    }

    public static Column posexplode(Column e) {
        return call("posexplode", e);
    }

    public static Column posexplode_outer(Column e) {
        return call("posexplode_outer", e);
    }

    // ---- higher-order functions: Java lambdas over Columns, as Spark's functions.transform etc.

    /** {@code transform(column, x -> ...)}: the lambda applied to every element of the array. */
    public static Column transform(Column column, java.util.function.Function<Column, Column> f) {
        return callColumns("transform", column, Lambdas.of(f));
    }

    /** {@code transform(column, (x, i) -> ...)}: the lambda applied to every element and its 0-based index. */
    public static Column transform(Column column, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("transform", column, Lambdas.of(f));
    }

    /** Whether the predicate is true for some element (null if it is null for some and true for none). */
    public static Column exists(Column column, java.util.function.Function<Column, Column> f) {
        return callColumns("exists", column, Lambdas.of(f));
    }

    /** Whether the predicate is true for every element (null if it is null for some and false for none). */
    public static Column forall(Column column, java.util.function.Function<Column, Column> f) {
        return callColumns("forall", column, Lambdas.of(f));
    }

    /** The elements for which the predicate is true. */
    public static Column filter(Column column, java.util.function.Function<Column, Column> f) {
        return callColumns("filter", column, Lambdas.of(f));
    }

    /** The elements for which the predicate of the element and its 0-based index is true. */
    public static Column filter(Column column, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("filter", column, Lambdas.of(f));
    }

    /** Folds the elements into {@code initialValue} with {@code merge}, then applies {@code finish}. */
    public static Column aggregate(Column expr, Column initialValue,
            java.util.function.BiFunction<Column, Column, Column> merge,
            java.util.function.Function<Column, Column> finish) {
        return callColumns("aggregate", expr, initialValue, Lambdas.of(merge), Lambdas.of(finish));
    }

    /** Folds the elements into {@code initialValue} with {@code merge}. */
    public static Column aggregate(Column expr, Column initialValue,
            java.util.function.BiFunction<Column, Column, Column> merge) {
        return aggregate(expr, initialValue, merge, c -> c);
    }

    /** Same as {@link #aggregate(Column, Column, java.util.function.BiFunction, java.util.function.Function)}. */
    public static Column reduce(Column expr, Column initialValue,
            java.util.function.BiFunction<Column, Column, Column> merge,
            java.util.function.Function<Column, Column> finish) {
        return callColumns("reduce", expr, initialValue, Lambdas.of(merge), Lambdas.of(finish));
    }

    /** Same as {@link #aggregate(Column, Column, java.util.function.BiFunction)}. */
    public static Column reduce(Column expr, Column initialValue,
            java.util.function.BiFunction<Column, Column, Column> merge) {
        return reduce(expr, initialValue, merge, c -> c);
    }

    /** Merges two arrays element-wise with {@code f}; the shorter is padded with nulls. */
    public static Column zip_with(Column left, Column right, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("zip_with", left, right, Lambdas.of(f));
    }

    /** A map whose keys are {@code f(key, value)} (new keys must be unique and non-null). */
    public static Column transform_keys(Column expr, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("transform_keys", expr, Lambdas.of(f));
    }

    /** A map whose values are {@code f(key, value)}. */
    public static Column transform_values(Column expr, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("transform_values", expr, Lambdas.of(f));
    }

    /** The entries for which {@code f(key, value)} is true. */
    public static Column map_filter(Column expr, java.util.function.BiFunction<Column, Column, Column> f) {
        return callColumns("map_filter", expr, Lambdas.of(f));
    }

    /** Merges two maps key by key with {@code f(key, value1, value2)}; a missing side is null. */
    public static Column map_zip_with(Column left, Column right,
            dev.sluice.api.java.function.Function3<Column, Column, Column, Column> f) {
        return callColumns("map_zip_with", left, right, Lambdas.of(f));
    }


    // --- partition-dependent functions (rand, randn, ids); see docs/ARCHITECTURE.md, "Partitions" ---

    /** Uniform random values in [0, 1): partition {@code p} draws from Spark's {@code XORShiftRandom(seed + p)}. */
    public static Column rand(long seed) {
        return call("rand", lit(seed));
    }

    /** {@code rand} with a seed chosen at random when the column is built (the name shows it, as Spark's). */
    public static Column rand() {
        return rand(dev.sluice.expr.random.RandomFunctions.randomSeed());
    }

    /** Standard normal values: partition {@code p} draws from Spark's {@code XORShiftRandom(seed + p)}. */
    public static Column randn(long seed) {
        return call("randn", lit(seed));
    }

    /** {@code randn} with a seed chosen at random when the column is built (the name shows it, as Spark's). */
    public static Column randn() {
        return randn(dev.sluice.expr.random.RandomFunctions.randomSeed());
    }

    /**
     * Ids unique across the Dataset and increasing within a partition: the partition index in the upper 31 bits,
     * the row's position in its partition in the lower 33 bits (Spark's {@code MonotonicallyIncreasingID}).
     */
    public static Column monotonically_increasing_id() {
        return call("monotonically_increasing_id");
    }

    /** The index of the partition a row belongs to (Spark's {@code SparkPartitionID}). */
    public static Column spark_partition_id() {
        return call("spark_partition_id");
    }
}
