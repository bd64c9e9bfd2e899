package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.isnull;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.when;

import dev.sluice.expr.aggregate.FrequentItems;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistic functions of a Dataset ({@code df.stat()}), as Spark's {@code DataFrameStatFunctions}:
 * {@code approxQuantile}, {@code corr}, {@code cov}, {@code crosstab} and {@code freqItems}. The ones returning
 * numbers run a batch job right away; {@code crosstab} runs one to find the column values, {@code freqItems} is lazy.
 * Bad arguments fail with {@link IllegalArgumentException} and Spark's texts ({@code requirement failed: ...}), as
 * Spark's do. Immutable and thread-safe.
 */
public final class DataFrameStatFunctions {
    private final Dataset<Row> df;

    DataFrameStatFunctions(Dataset<Row> df) {
        this.df = df;
    }

    /**
     * The values at {@code probabilities} of the sorted non-null, non-NaN values of numeric column {@code col}
     * (empty when there is none). {@code relativeError} 0 is exact; Spark answers larger ones from a
     * Greenwald-Khanna summary, which is exact while it holds every value (about {@code 1 / (2 * relativeError)}
     * values); beyond that this answer stays exact, within Spark's error bound.
     */
    public double[] approxQuantile(String col, double[] probabilities, double relativeError) {
        return approxQuantile(new String[] {col}, probabilities, relativeError)[0];
    }

    /** {@link #approxQuantile(String, double[], double)} for several columns at once. */
    public double[][] approxQuantile(String[] cols, double[] probabilities, double relativeError) {
        require(relativeError >= 0, "Relative Error must be non-negative but got " + relativeError);
        for (double p : probabilities) {
            require(p >= 0 && p <= 1.0, "percentile should be in the range [0.0, 1.0]");
        }
        long accuracy = relativeError == 0.0 ? Integer.MAX_VALUE
                : Math.min(Integer.MAX_VALUE, (long) Math.ceil(1.0 / relativeError));
        Column[] probabilityColumns = new Column[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            probabilityColumns[i] = lit(probabilities[i]);
        }
        double[][] results = new double[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            DataType type = df.col(quoted(cols[i])).expr().dataType();
            require(type.isNumeric(), "Quantile calculation for column " + cols[i] + " with data type " + type
                    + " is not supported.");
            Column value = df.col(quoted(cols[i])).cast(DataTypes.DoubleType);
            Row row = df.select(value.as("value")).filter(col("value").isNotNull().and(functions.not(
                    functions.isnan(col("value"))))).agg(functions.percentile_approx(col("value"),
                    functions.array(probabilityColumns), lit((int) accuracy))).first();
            List<Double> quantiles = row.isNullAt(0) ? List.of() : row.getList(0);
            results[i] = quantiles.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return results;
    }

    /** The sample covariance of two numeric columns (nulls read as 0; 0.0 when undefined). */
    public double cov(String col1, String col2) {
        Column covariance = functions.covar_samp(zeroForNull(col1, "covariance"), zeroForNull(col2, "covariance"));
        return df.select(when(isnull(covariance), lit(0.0)).otherwise(covariance).as("cov")).first().getDouble(0);
    }

    /** The Pearson correlation of two numeric columns (nulls read as 0; NaN when undefined). */
    public double corr(String col1, String col2) {
        return corr(col1, col2, "pearson");
    }

    /** {@link #corr(String, String)}; {@code method} must be {@code "pearson"}. */
    public double corr(String col1, String col2, String method) {
        require(method.equals("pearson"), "Currently only the calculation of the Pearson Correlation coefficient is"
                + " supported.");
        Column correlation = functions.corr(zeroForNull(col1, "correlation"), zeroForNull(col2, "correlation"));
        return df.select(when(isnull(correlation), lit(Double.NaN)).otherwise(correlation).as("corr")).first()
                .getDouble(0);
    }

    /**
     * A contingency table: column {@code <col1>_<col2>} holds the distinct values of {@code col1} as strings, then one
     * count column per distinct value of {@code col2} (sorted, back-quotes removed, {@code "null"} for null), 0 for a
     * missing pair.
     */
    public Dataset<Row> crosstab(String col1, String col2) {
        Column rowKey = when(isnull(df.col(quoted(col1))), "null")
                .otherwise(df.col(quoted(col1)).cast("string")).as(col1 + "_" + col2);
        Column columnKey = when(isnull(df.col(quoted(col2))), "null")
                .otherwise(functions.regexp_replace(df.col(quoted(col2)).cast("string"), "`", ""));
        return df.groupBy(rowKey).pivot(columnKey).count().na().fill(0L);
    }

    /** The items that may occur in more than 1% of the rows, per column, in columns {@code <col>_freqItems}. */
    public Dataset<Row> freqItems(String[] cols) {
        return freqItems(cols, 0.01);
    }

    /** The items that may occur in more than {@code support} of the rows (false positives possible). */
    public Dataset<Row> freqItems(String[] cols, double support) {
        require(support >= 1e-4 && support <= 1.0, "Support must be in [1e-4, 1], but got " + support + ".");
        int size = (int) (1 / support);
        List<Column> columns = new ArrayList<>();
        for (String name : cols) {
            columns.add(new Column(new FrequentItems(df.col(quoted(name)).expr(), size)).as(name + "_freqItems"));
        }
        return df.select(columns.toArray(new Column[0]));
    }

    private Column zeroForNull(String name, String what) {
        Column column = df.col(quoted(name));
        DataType type = column.expr().dataType();
        require(type.isNumeric(), "Currently " + what + " calculation for columns with dataType "
                + type.catalogString() + " not supported.");
        return when(isnull(column), lit(0.0)).otherwise(column.cast(DataTypes.DoubleType));
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("requirement failed: " + message);
        }
    }

    /**
     * A stratified sample without replacement: each row is kept when {@code rand(seed)} is below its stratum's
     * fraction in {@code fractions} (0 for strata not listed), as Spark's {@code sampleBy}.
     *
     * @throws IllegalArgumentException {@code requirement failed: Fractions must be in [0, 1], but got Map(...).}
     */
    public <T> Dataset<Row> sampleBy(String col, java.util.Map<T, Double> fractions, long seed) {
        return sampleBy(df.col(col), fractions, seed);
    }

    /** {@link #sampleBy(String, java.util.Map, long)} with the strata given by a column expression. */
    public <T> Dataset<Row> sampleBy(Column col, java.util.Map<T, Double> fractions, long seed) {
        return Partitions.sampleBy(df, col, fractions, seed);
    }
}
