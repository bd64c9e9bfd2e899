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
 * The date and time, map and statistics functions of {@link functions}, inherited by it (see
 * {@link FunctionsCollections} for why the class is split). Stateless.
 */
@SuppressWarnings({"checkstyle:MethodName", "unused"})
abstract class FunctionsTemporal extends FunctionsCollections {
    FunctionsTemporal() {
    }

    // ---- dates and times

    public static Column to_timestamp(Column s) {
        return call("to_timestamp", s);
    }

    public static Column to_timestamp(Column s, String fmt) {
        return call("to_timestamp", s, fmt);
    }

    /** Microseconds since 1970-01-01T00:00:00Z of a timestamp, as Spark's {@code unix_micros}. */
    public static Column unix_micros(Column e) {
        return call("unix_micros", e);
    }

    /** Milliseconds since the epoch (rounded down), as Spark's {@code unix_millis}. */
    public static Column unix_millis(Column e) {
        return call("unix_millis", e);
    }

    /** Seconds since the epoch (rounded down), as Spark's {@code unix_seconds}. */
    public static Column unix_seconds(Column e) {
        return call("unix_seconds", e);
    }

    /** Days since 1970-01-01 of a date, as Spark's {@code unix_date}. */
    public static Column unix_date(Column e) {
        return call("unix_date", e);
    }

    /** A string read as a {@code timestamp_ntz} (a wall-clock date-time), or a date/timestamp cast to one. */
    public static Column to_timestamp_ntz(Column timestamp) {
        return call("to_timestamp_ntz", timestamp);
    }

    /** {@link #to_timestamp_ntz(Column)} with a datetime pattern such as {@code yyyy-MM-dd HH:mm}. */
    public static Column to_timestamp_ntz(Column timestamp, Column format) {
        return call("to_timestamp_ntz", timestamp, format);
    }

    /** The query's start time as a wall-clock {@code timestamp_ntz} in the session time zone. */
    public static Column localtimestamp() {
        return call("localtimestamp");
    }

    /** Spark's HLL++ estimate of the number of distinct non-null values (relative error 0.05). */
    public static Column approx_count_distinct(Column e) {
        return call("approx_count_distinct", e);
    }

    public static Column approx_count_distinct(String columnName) {
        return approx_count_distinct(new Column(columnName));
    }

    /** {@link #approx_count_distinct(Column)} with at most {@code rsd} relative standard deviation. */
    public static Column approx_count_distinct(Column e, double rsd) {
        return call("approx_count_distinct", e, rsd);
    }

    public static Column approx_count_distinct(String columnName, double rsd) {
        return approx_count_distinct(new Column(columnName), rsd);
    }

    /** Spark's 64-bit xxHash of the columns, seed 42. */
    public static Column xxhash64(Column... cols) {
        return new Column(new UnresolvedFunction("xxhash64", java.util.Arrays.stream(cols).map(Column::expr).toList(),
                false));
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

    /**
     * {@code timestamp} truncated to {@code format}'s unit in the session time zone: {@code year}/{@code yyyy}/
     * {@code yy}, {@code quarter}, {@code month}/{@code mon}/{@code mm}, {@code week} (Monday), {@code day}/{@code dd},
     * {@code hour}, {@code minute}, {@code second}, {@code millisecond}, {@code microsecond}; NULL for other formats.
     */
    public static Column date_trunc(String format, Column timestamp) {
        return call("date_trunc", format, timestamp);
    }

    /** {@code date} truncated to its {@code week}, {@code month}/{@code mon}/{@code mm}, {@code quarter} or {@code year}. */
    public static Column trunc(Column date, String format) {
        return call("trunc", date, format);
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
     * call it on columns with {@code apply(new Column(...))}. One overload per arity, 0 to 10.
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
     * {@code df.groupBy("k").agg(udaf(new MyAverage(), Encoders.LONG()).apply(new Column("v")))}; register it with
     * {@code session.udf().register(name, ...)} to call it from SQL text.
     */
    public static <IN, BUF, OUT> dev.sluice.sql.expressions.UserDefinedFunction udaf(
            dev.sluice.sql.expressions.Aggregator<IN, BUF, OUT> agg, Encoder<IN> inputEncoder) {
        return dev.sluice.sql.expressions.UserDefinedFunction.ofAggregator(agg, inputEncoder);
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
        return stddev(new Column(columnName));
    }

    public static Column std(Column e) {
        return callColumns("std", e);
    }

    public static Column stddev_samp(Column e) {
        return callColumns("stddev_samp", e);
    }

    public static Column stddev_samp(String columnName) {
        return stddev_samp(new Column(columnName));
    }

    /** Population standard deviation. */
    public static Column stddev_pop(Column e) {
        return callColumns("stddev_pop", e);
    }

    public static Column stddev_pop(String columnName) {
        return stddev_pop(new Column(columnName));
    }

    /** Sample variance (null for fewer than two values). */
    public static Column variance(Column e) {
        return callColumns("variance", e);
    }

    public static Column variance(String columnName) {
        return variance(new Column(columnName));
    }

    public static Column var_samp(Column e) {
        return callColumns("var_samp", e);
    }

    public static Column var_samp(String columnName) {
        return var_samp(new Column(columnName));
    }

    /** Population variance. */
    public static Column var_pop(Column e) {
        return callColumns("var_pop", e);
    }

    public static Column var_pop(String columnName) {
        return var_pop(new Column(columnName));
    }

    /** Pearson correlation coefficient of two columns. */
    public static Column corr(Column column1, Column column2) {
        return callColumns("corr", column1, column2);
    }

    public static Column corr(String columnName1, String columnName2) {
        return corr(new Column(columnName1), new Column(columnName2));
    }

    /** Sample covariance of two columns. */
    public static Column covar_samp(Column column1, Column column2) {
        return callColumns("covar_samp", column1, column2);
    }

    public static Column covar_samp(String columnName1, String columnName2) {
        return covar_samp(new Column(columnName1), new Column(columnName2));
    }

    /** Population covariance of two columns. */
    public static Column covar_pop(Column column1, Column column2) {
        return callColumns("covar_pop", column1, column2);
    }

    public static Column covar_pop(String columnName1, String columnName2) {
        return covar_pop(new Column(columnName1), new Column(columnName2));
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
        return grouping(new Column(columnName));
    }

    /** In a rollup or cube: the bits of {@code grouping} of the grouping columns, first column highest. */
    public static Column grouping_id(Column... cols) {
        return callColumns("grouping_id", cols);
    }

    public static Column grouping_id(String colName, String... colNames) {
        Column[] cols = new Column[colNames.length + 1];
        cols[0] = new Column(colName);
        for (int i = 0; i < colNames.length; i++) {
            cols[i + 1] = new Column(colNames[i]);
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
