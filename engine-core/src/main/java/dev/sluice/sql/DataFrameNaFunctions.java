package dev.sluice.sql;

import static dev.sluice.sql.functions.coalesce;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.nanvl;
import static dev.sluice.sql.functions.when;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.StringType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Missing-data functions of a Dataset ({@code df.na()}), as Spark's {@code DataFrameNaFunctions}: {@code drop}
 * rows with too few values, {@code fill} nulls (and NaN in DOUBLE/FLOAT columns) with a value, {@code replace}
 * values by others. Each returns a new {@code Dataset<Row>} with the same columns in the same order; nothing runs
 * until an action. Immutable and thread-safe.
 *
 * <p>Spark's rules kept here: a fill or replace value only applies to columns of its kind (a number to numeric
 * columns, cast to each column's type; a string to STRING columns; a boolean to BOOLEAN columns), except in
 * {@link #fill(Map)}, whose values are cast to the named columns' types; NaN counts as missing for {@code drop}.
 * Bad arguments fail with {@link IllegalArgumentException} and Spark's texts, as Spark's do.
 */
public final class DataFrameNaFunctions {
    private final Dataset<Row> df;

    DataFrameNaFunctions(Dataset<Row> df) {
        this.df = df;
    }

    // ---- drop

    /** Drops the rows with a null or NaN in any column. */
    public Dataset<Row> drop() {
        return drop("any");
    }

    /** {@code "any"}: drops rows with a null or NaN in any column; {@code "all"}: only rows with nothing else. */
    public Dataset<Row> drop(String how) {
        return drop(minNonNulls(how, df.columns().length), (String[]) null);
    }

    /** Spark's {@code how}: "any" needs every column, "all" at least one. */
    private static int minNonNulls(String how, int columns) {
        return switch (how.toLowerCase(Locale.ROOT)) {
            case "any" -> columns;
            case "all" -> 1;
            default -> throw new IllegalArgumentException("how (" + how + ") must be 'any' or 'all'");
        };
    }

    /** Drops the rows with a null or NaN in any of {@code cols}. */
    public Dataset<Row> drop(String[] cols) {
        return drop(cols.length, cols);
    }

    /** {@link #drop(String)} over {@code cols} only. */
    public Dataset<Row> drop(String how, String[] cols) {
        return drop(minNonNulls(how, cols.length), cols);
    }

    /** Keeps the rows with at least {@code minNonNulls} values that are neither null nor NaN. */
    public Dataset<Row> drop(int minNonNulls) {
        return drop(minNonNulls, (String[]) null);
    }

    /** {@link #drop(int)} counting only {@code cols} ({@code null}: all columns). */
    public Dataset<Row> drop(int minNonNulls, String[] cols) {
        Column present = lit(0);
        for (AttributeReference attribute : attributes(cols)) {
            Column value = new Column(attribute);
            Column known = value.isNotNull();
            if (isFloating(attribute.dataType())) {
                known = known.and(functions.not(functions.isnan(value)));
            }
            present = present.plus(when(known, 1).otherwise(0));
        }
        return df.filter(present.geq(minNonNulls));
    }

    // ---- fill

    /** Replaces nulls (and NaN) in numeric columns with {@code value}, cast to each column's type. */
    public Dataset<Row> fill(long value) {
        return fillValue(value, null);
    }

    /** Replaces nulls (and NaN) in numeric columns with {@code value}, cast to each column's type. */
    public Dataset<Row> fill(double value) {
        return fillValue(value, null);
    }

    /** Replaces nulls in STRING columns with {@code value}. */
    public Dataset<Row> fill(String value) {
        return fillValue(value, null);
    }

    /** Replaces nulls in BOOLEAN columns with {@code value}. */
    public Dataset<Row> fill(boolean value) {
        return fillValue(value, null);
    }

    public Dataset<Row> fill(long value, String[] cols) {
        return fillValue(value, cols);
    }

    public Dataset<Row> fill(double value, String[] cols) {
        return fillValue(value, cols);
    }

    public Dataset<Row> fill(String value, String[] cols) {
        return fillValue(value, cols);
    }

    public Dataset<Row> fill(boolean value, String[] cols) {
        return fillValue(value, cols);
    }

    /**
     * Replaces nulls per column: each value (Integer, Long, Float, Double, Boolean or String) is cast to its
     * column's type.
     */
    public Dataset<Row> fill(Map<String, Object> valueMap) {
        Map<Long, Object> byAttribute = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : valueMap.entrySet()) {
            AttributeReference attribute = topLevel(entry.getKey());
            Object value = entry.getValue();
            if (!(value instanceof Double || value instanceof Float || value instanceof Integer
                    || value instanceof Long || value instanceof Boolean || value instanceof String)) {
                throw unsupported(value);
            }
            byAttribute.put(attribute.exprId(), value);
        }
        List<Column> projections = new ArrayList<>();
        for (AttributeReference attribute : df.logicalPlan().output()) {
            Object value = byAttribute.get(attribute.exprId());
            projections.add(value == null ? new Column(attribute) : fillColumn(attribute, value));
        }
        return df.select(projections.toArray(new Column[0]));
    }

    private Dataset<Row> fillValue(Object value, String[] cols) {
        List<AttributeReference> targets = attributes(cols);
        List<Column> projections = new ArrayList<>();
        for (AttributeReference attribute : df.logicalPlan().output()) {
            DataType type = attribute.dataType();
            boolean matches = value instanceof String ? type instanceof StringType
                    : value instanceof Boolean ? type instanceof BooleanType : type.isNumeric();
            projections.add(matches && targets.contains(attribute) ? fillColumn(attribute, value)
                    : new Column(attribute));
        }
        return df.select(projections.toArray(new Column[0]));
    }

    private static Column fillColumn(AttributeReference attribute, Object value) {
        Column column = new Column(attribute);
        if (isFloating(attribute.dataType())) {
            column = nanvl(column, lit(null));
        }
        return coalesce(column, lit(value).cast(attribute.dataType())).as(attribute.name());
    }

    // ---- replace

    /**
     * Replaces values of column {@code col} ({@code "*"}: every column) that equal a key of {@code replacement}
     * with its value. The first key's kind picks the columns: numbers apply to numeric columns (compared as
     * DOUBLE), strings to STRING columns, booleans to BOOLEAN columns; a null value replaces with null.
     */
    public <T> Dataset<Row> replace(String col, Map<T, T> replacement) {
        if (col.equals("*")) {
            return replace(df.logicalPlan().output(), replacement);
        }
        return replace(new String[] {col}, replacement);
    }

    /** {@link #replace(String, Map)} over several columns. */
    public <T> Dataset<Row> replace(String[] cols, Map<T, T> replacement) {
        List<AttributeReference> targets = new ArrayList<>();
        for (String name : cols) {
            targets.add(topLevel(name));
        }
        return replace(targets, replacement);
    }

    private <T> Dataset<Row> replace(List<AttributeReference> targets, Map<T, T> replacement) {
        if (replacement.isEmpty() || targets.isEmpty()) {
            return df;
        }
        Object firstKey = replacement.keySet().iterator().next();
        boolean numeric = firstKey instanceof Double || firstKey instanceof Float || firstKey instanceof Integer
                || firstKey instanceof Long;
        Map<Object, Object> normalized = new LinkedHashMap<>();
        for (Map.Entry<T, T> entry : replacement.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            // Spark's rules: string and boolean values keep their key; a null value keeps a string or boolean key;
            // otherwise numbers become DOUBLE.
            if (value instanceof String || value instanceof Boolean
                    || value == null && (key instanceof String || key instanceof Boolean)) {
                normalized.put(key, value);
            } else {
                normalized.put(toDouble(key), value == null ? null : toDouble(value));
            }
        }
        List<Column> projections = new ArrayList<>();
        for (AttributeReference attribute : df.logicalPlan().output()) {
            DataType type = attribute.dataType();
            boolean matches = numeric ? type.isNumeric() : firstKey instanceof Boolean ? type instanceof BooleanType
                    : type instanceof StringType;
            projections.add(matches && targets.contains(attribute) ? replaceColumn(attribute, normalized)
                    : new Column(attribute));
        }
        return df.select(projections.toArray(new Column[0]));
    }

    private static Column replaceColumn(AttributeReference attribute, Map<Object, Object> replacement) {
        // Spark's CaseKeyWhen: CASE col WHEN k1 THEN CAST(v1 AS type) ... ELSE col END
        Column column = new Column(attribute);
        Column result = null;
        for (Map.Entry<Object, Object> entry : replacement.entrySet()) {
            Column target = lit(entry.getValue()).cast(attribute.dataType());
            Column condition = column.equalTo(lit(entry.getKey()));
            result = result == null ? when(condition, target) : result.when(condition, target);
        }
        return result.otherwise(column).as(attribute.name());
    }

    // ---- helpers

    /** The top-level columns named {@code cols}; {@code null}: every column. */
    private List<AttributeReference> attributes(String[] cols) {
        if (cols == null) {
            return df.logicalPlan().output();
        }
        List<AttributeReference> out = new ArrayList<>();
        for (String name : cols) {
            Expression resolved = df.col(name).expr();
            if (resolved instanceof AttributeReference attribute) {
                out.add(attribute);
            }
        }
        return out;
    }

    private AttributeReference topLevel(String name) {
        Expression resolved = df.col(name).expr();
        if (!(resolved instanceof AttributeReference attribute)) {
            throw new SluiceException("UNSUPPORTED_FEATURE.REPLACE_NESTED_COLUMN", "The feature is not supported:"
                    + " The replace function does not support nested column `" + name + "`.", "0A000", null);
        }
        return attribute;
    }

    private static boolean isFloating(DataType type) {
        return type instanceof DoubleType || type instanceof FloatType;
    }

    private static double toDouble(Object value) {
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l.doubleValue();
        }
        if (value instanceof Integer i) {
            return i.doubleValue();
        }
        throw unsupported(value);
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("Unsupported value type "
                + (value == null ? "null" : value.getClass().getName()) + " (" + value + ").");
    }

    @Override
    public String toString() {
        return "DataFrameNaFunctions(" + Arrays.toString(df.columns()) + ")";
    }
}
