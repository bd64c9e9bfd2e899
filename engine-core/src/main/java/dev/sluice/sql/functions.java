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
 * column is used in a Dataset. Stateless.
 */
@SuppressWarnings({"checkstyle:MethodName", "unused"})
public final class functions {
    private functions() {
    }

    private static Column call(String name, Object... arguments) {
        List<Expression> args = new ArrayList<>();
        for (Object a : arguments) {
            args.add(Column.toExpression(a));
        }
        return new Column(new UnresolvedFunction(name, args, false));
    }

    private static Column callColumns(String name, Column first, Column... rest) {
        List<Expression> args = new ArrayList<>();
        args.add(first.expr());
        for (Column c : rest) {
            args.add(c.expr());
        }
        return new Column(new UnresolvedFunction(name, args, false));
    }

    private static Column callColumns(String name, Column[] columns) {
        List<Expression> args = new ArrayList<>();
        for (Column c : columns) {
            args.add(c.expr());
        }
        return new Column(new UnresolvedFunction(name, args, false));
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

    // ---- strings

    public static Column split(Column str, String pattern) {
        return call("split", str, pattern);
    }

    public static Column split(Column str, String pattern, int limit) {
        return call("split", str, pattern, limit);
    }

    public static Column lower(Column e) {
        return call("lower", e);
    }

    public static Column upper(Column e) {
        return call("upper", e);
    }

    public static Column trim(Column e) {
        return call("trim", e);
    }

    public static Column ltrim(Column e) {
        return call("ltrim", e);
    }

    public static Column rtrim(Column e) {
        return call("rtrim", e);
    }

    public static Column concat(Column... exprs) {
        return callColumns("concat", exprs);
    }

    public static Column concat_ws(String sep, Column... exprs) {
        Object[] args = new Object[exprs.length + 1];
        args[0] = sep;
        System.arraycopy(exprs, 0, args, 1, exprs.length);
        return call("concat_ws", args);
    }

    public static Column length(Column e) {
        return call("length", e);
    }

    public static Column substring(Column str, int pos, int len) {
        return call("substring", str, pos, len);
    }

    public static Column regexp_replace(Column e, String pattern, String replacement) {
        return call("regexp_replace", e, pattern, replacement);
    }

    public static Column regexp_extract(Column e, String exp, int groupIdx) {
        return call("regexp_extract", e, exp, groupIdx);
    }

    public static Column initcap(Column e) {
        return call("initcap", e);
    }

    public static Column lpad(Column str, int len, String pad) {
        return call("lpad", str, len, pad);
    }

    public static Column rpad(Column str, int len, String pad) {
        return call("rpad", str, len, pad);
    }

    // ---- math

    public static Column abs(Column e) {
        return call("abs", e);
    }

    public static Column round(Column e) {
        return call("round", e, 0);
    }

    public static Column round(Column e, int scale) {
        return call("round", e, scale);
    }

    public static Column sqrt(Column e) {
        return call("sqrt", e);
    }

    public static Column floor(Column e) {
        return call("floor", e);
    }

    public static Column ceil(Column e) {
        return call("ceil", e);
    }

    public static Column pow(Column l, Object r) {
        return call("pow", l, r);
    }

    // ---- structs, arrays, JSON

    /** {@code named_struct(name1, value1, ...)}: names are string literals. */
    public static Column named_struct(Column... nameValuePairs) {
        return callColumns("named_struct", nameValuePairs);
    }

    public static Column struct(Column... cols) {
        return callColumns("struct", cols);
    }

    public static Column struct(String colName, String... colNames) {
        Column[] cols = new Column[colNames.length + 1];
        cols[0] = col(colName);
        for (int i = 0; i < colNames.length; i++) {
            cols[i + 1] = col(colNames[i]);
        }
        return struct(cols);
    }

    public static Column array(Column... cols) {
        return callColumns("array", cols);
    }

    public static Column size(Column e) {
        return call("size", e);
    }

    public static Column array_contains(Column column, Object value) {
        return call("array_contains", column, value);
    }

    public static Column element_at(Column column, Object value) {
        return call("element_at", column, value);
    }

    /** Parses JSON text into a value of {@code schema}. */
    public static Column from_json(Column e, DataType schema) {
        return new Column(new UnresolvedFunction("from_json", List.of(e.expr(), new Literal(schema.simpleString(),
                dev.sluice.sql.types.DataTypes.StringType)), false));
    }

    public static Column from_json(Column e, StructType schema) {
        return from_json(e, (DataType) schema);
    }

    /**
     * Parses JSON text into a value of {@code schema} with Spark's from_json options: {@code mode}
     * (PERMISSIVE/FAILFAST) and the read limits {@code maxStringLen}, {@code maxNumLen}, {@code maxNestingDepth}.
     */
    public static Column from_json(Column e, DataType schema, Map<String, String> options) {
        return from_json(e, schema.simpleString(), options);
    }

    /** Parses JSON text with a DDL schema string, e.g. {@code "a INT, b STRING"}, and from_json's options. */
    public static Column from_json(Column e, String schema, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return call("from_json", e, schema);
        }
        List<Column> entries = new ArrayList<>();
        options.forEach((k, v) -> {
            entries.add(lit(k));
            entries.add(lit(v));
        });
        return call("from_json", e, schema, map(entries.toArray(new Column[0])));
    }

    public static Column to_json(Column e) {
        return call("to_json", e);
    }

    // ---- dates and times

    public static Column to_timestamp(Column s) {
        return call("to_timestamp", s);
    }

    public static Column to_timestamp(Column s, String fmt) {
        return call("to_timestamp", s, fmt);
    }

    public static Column to_date(Column e) {
        return call("to_date", e);
    }

    public static Column to_date(Column e, String fmt) {
        return call("to_date", e, fmt);
    }

    public static Column date_format(Column dateExpr, String format) {
        return call("date_format", dateExpr, format);
    }

    public static Column current_timestamp() {
        return call("current_timestamp");
    }

    public static Column current_date() {
        return call("current_date");
    }

    public static Column unix_timestamp() {
        return call("unix_timestamp");
    }

    public static Column unix_timestamp(Column s) {
        return call("unix_timestamp", s);
    }

    public static Column unix_timestamp(Column s, String p) {
        return call("unix_timestamp", s, p);
    }

    public static Column from_unixtime(Column ut) {
        return call("from_unixtime", ut);
    }

    public static Column from_unixtime(Column ut, String f) {
        return call("from_unixtime", ut, f);
    }

    public static Column year(Column e) {
        return call("year", e);
    }

    public static Column month(Column e) {
        return call("month", e);
    }

    public static Column dayofmonth(Column e) {
        return call("dayofmonth", e);
    }

    public static Column hour(Column e) {
        return call("hour", e);
    }

    public static Column minute(Column e) {
        return call("minute", e);
    }

    public static Column second(Column e) {
        return call("second", e);
    }

    public static Column date_add(Column start, int days) {
        return call("date_add", start, days);
    }

    public static Column date_sub(Column start, int days) {
        return call("date_sub", start, days);
    }

    public static Column datediff(Column end, Column start) {
        return call("datediff", end, start);
    }

    /** Calls any registered function by name. */
    public static Column call_function(String funcName, Column... cols) {
        return callColumns(funcName, cols);
    }

    /** Calls a registered user-defined (or built-in) function by name, as Spark's deprecated {@code callUDF}. */
    public static Column callUDF(String udfName, Column... cols) {
        return callColumns(udfName, cols);
    }

    /** Calls a registered user-defined (or built-in) function by name, as Spark's {@code call_udf}. */
    public static Column call_udf(String udfName, Column... cols) {
        return callColumns(udfName, cols);
    }

    /**
     * A user-defined function of {@code f} returning {@code returnType}, as Spark's {@code udf(UDFn, DataType)};
     * call it on columns with {@code apply(col(...))}. One overload per arity, 0 to 10.
     */
    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF0<?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF1<?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF2<?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF3<?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF4<?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF5<?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF6<?, ?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF7<?, ?, ?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF8<?, ?, ?, ?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF9<?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    public static dev.sluice.sql.expressions.UserDefinedFunction udf(dev.sluice.sql.api.java.UDF10<?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f,
                                                                   DataType returnType) {
        return Udfs.of(f, returnType);
    }

    /**
     * An untyped aggregate function of {@code agg}, as Spark's {@code udaf}: its arguments make the input object
     * through {@code inputEncoder} (one column for a single-value encoder, the bean's columns in order), e.g.
     * {@code df.groupBy("k").agg(udaf(new MyAverage(), Encoders.LONG()).apply(col("v")))}; register it with
     * {@code session.udf().register(name, ...)} to call it from SQL text.
     */
    public static <IN, BUF, OUT> dev.sluice.sql.expressions.UserDefinedFunction udaf(
            dev.sluice.sql.expressions.Aggregator<IN, BUF, OUT> agg, Encoder<IN> inputEncoder) {
        return dev.sluice.sql.expressions.UserDefinedFunction.ofAggregator(agg, inputEncoder);
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

    // ---- maps

    /** A map of the interleaved keys and values {@code (k1, v1, k2, v2, ...)}; keys must be unique and non-null. */
    public static Column map(Column... cols) {
        return callColumns("map", cols);
    }

    /** A map of the elements of two arrays of equal length, as keys and values. */
    public static Column map_from_arrays(Column keys, Column values) {
        return callColumns("map_from_arrays", keys, values);
    }

    /** The keys of a map, as an array in entry order. */
    public static Column map_keys(Column e) {
        return callColumns("map_keys", e);
    }

    /** The values of a map, as an array in entry order. */
    public static Column map_values(Column e) {
        return callColumns("map_values", e);
    }

    /** True when the value is NaN; false for null. */
    public static Column isnan(Column e) {
        return callColumns("isnan", e);
    }

    /** {@code col1} unless it is NaN, then {@code col2}. */
    public static Column nanvl(Column col1, Column col2) {
        return callColumns("nanvl", col1, col2);
    }

    // ---- statistics

    /** Sample standard deviation (null for fewer than two values). */
    public static Column stddev(Column e) {
        return callColumns("stddev", e);
    }

    public static Column stddev(String columnName) {
        return stddev(col(columnName));
    }

    public static Column std(Column e) {
        return callColumns("std", e);
    }

    public static Column stddev_samp(Column e) {
        return callColumns("stddev_samp", e);
    }

    public static Column stddev_samp(String columnName) {
        return stddev_samp(col(columnName));
    }

    /** Population standard deviation. */
    public static Column stddev_pop(Column e) {
        return callColumns("stddev_pop", e);
    }

    public static Column stddev_pop(String columnName) {
        return stddev_pop(col(columnName));
    }

    /** Sample variance (null for fewer than two values). */
    public static Column variance(Column e) {
        return callColumns("variance", e);
    }

    public static Column variance(String columnName) {
        return variance(col(columnName));
    }

    public static Column var_samp(Column e) {
        return callColumns("var_samp", e);
    }

    public static Column var_samp(String columnName) {
        return var_samp(col(columnName));
    }

    /** Population variance. */
    public static Column var_pop(Column e) {
        return callColumns("var_pop", e);
    }

    public static Column var_pop(String columnName) {
        return var_pop(col(columnName));
    }

    /** Pearson correlation coefficient of two columns. */
    public static Column corr(Column column1, Column column2) {
        return callColumns("corr", column1, column2);
    }

    public static Column corr(String columnName1, String columnName2) {
        return corr(col(columnName1), col(columnName2));
    }

    /** Sample covariance of two columns. */
    public static Column covar_samp(Column column1, Column column2) {
        return callColumns("covar_samp", column1, column2);
    }

    public static Column covar_samp(String columnName1, String columnName2) {
        return covar_samp(col(columnName1), col(columnName2));
    }

    /** Population covariance of two columns. */
    public static Column covar_pop(Column column1, Column column2) {
        return callColumns("covar_pop", column1, column2);
    }

    public static Column covar_pop(String columnName1, String columnName2) {
        return covar_pop(col(columnName1), col(columnName2));
    }

    /** The value at {@code percentage} (a number or an array of numbers) of the sorted values. */
    public static Column percentile_approx(Column e, Column percentage, Column accuracy) {
        return callColumns("percentile_approx", e, percentage, accuracy);
    }

    /** Same as {@link #percentile_approx}. */
    public static Column approx_percentile(Column e, Column percentage, Column accuracy) {
        return callColumns("approx_percentile", e, percentage, accuracy);
    }

    /** In a rollup or cube: 1 when {@code e} is rolled up (null in the row because of it), else 0. */
    public static Column grouping(Column e) {
        return callColumns("grouping", e);
    }

    public static Column grouping(String columnName) {
        return grouping(col(columnName));
    }

    /** In a rollup or cube: the bits of {@code grouping} of the grouping columns, first column highest. */
    public static Column grouping_id(Column... cols) {
        return callColumns("grouping_id", cols);
    }

    public static Column grouping_id(String colName, String... colNames) {
        Column[] cols = new Column[colNames.length + 1];
        cols[0] = col(colName);
        for (int i = 0; i < colNames.length; i++) {
            cols[i + 1] = col(colNames[i]);
        }
        return grouping_id(cols);
    }

    /** The array sorted ascending, NaN greatest, nulls last. */
    public static Column array_sort(Column e) {
        return callColumns("array_sort", e);
    }

    /** The array sorted with {@code comparator(left, right)}: negative, 0 or positive, as Java's. */
    public static Column array_sort(Column e, java.util.function.BiFunction<Column, Column, Column> comparator) {
        return callColumns("array_sort", e, Lambdas.of(comparator));
    }
}
