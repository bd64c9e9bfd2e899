package dev.sluice.sql;

import static dev.sluice.sql.functions.array;
import static dev.sluice.sql.functions.avg;
import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.count_distinct;
import static dev.sluice.sql.functions.element_at;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.min;
import static dev.sluice.sql.functions.percentile_approx;
import static dev.sluice.sql.functions.stddev;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code Dataset.summary(...)} and {@code describe(...)} as Spark's {@code StatFunctions.summary}: one row per
 * statistic, a {@code summary} column naming it, then one STRING column per numeric or string column of the input
 * (other columns are left out). Statistics: {@code count}, {@code count_distinct}, {@code mean}, {@code stddev},
 * {@code min}, {@code max} and percentiles such as {@code 25%} ({@code percentile_approx} with accuracy 10000);
 * string columns are read as numbers ({@code try_cast}) for the mean, stddev and percentiles. Lazy: the result is
 * a plan like any other. Stateless.
 */
final class Summaries {
    static final String[] DEFAULT = {"count", "mean", "stddev", "min", "25%", "50%", "75%", "max"};

    private Summaries() {
    }

    static Dataset<Row> summary(Dataset<?> ds, String... statistics) {
        String[] selected = statistics.length == 0 ? DEFAULT : statistics;
        List<Column> percentiles = new ArrayList<>();
        for (String statistic : selected) {
            if (statistic.endsWith("%")) {
                double p;
                try {
                    p = Double.parseDouble(statistic.substring(0, statistic.length() - 1)) / 100.0;
                } catch (NumberFormatException e) {
                    throw unrecognized(statistic);
                }
                if (p < 0 || p > 1) {
                    throw new IllegalArgumentException("requirement failed: Percentiles must be in the range [0, 1]");
                }
                percentiles.add(lit(p));
            }
        }
        Dataset<Row> df = ds.toDF();
        List<Column> maps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StructField field : df.schema().fields()) {
            boolean string = field.dataType() instanceof StringType;
            if (!field.dataType().isNumeric() && !string) {
                continue;
            }
            Column column = df.col(quoted(field.name()));
            Column casted = string ? column.try_cast(DataTypes.DoubleType) : column;
            Column percentileColumn = percentiles.isEmpty() ? null
                    : percentile_approx(casted, array(percentiles.toArray(new Column[0])), lit(10_000));
            List<Column> entries = new ArrayList<>();
            int percentileIndex = 0;
            for (String statistic : selected) {
                entries.add(lit(statistic));
                Column value = switch (statistic.toLowerCase(Locale.ROOT)) {
                    case "count" -> count(column);
                    case "count_distinct" -> count_distinct(column);
                    case "mean" -> avg(casted);
                    case "stddev" -> stddev(casted);
                    case "min" -> min(column);
                    case "max" -> max(column);
                    default -> {
                        if (!statistic.endsWith("%")) {
                            throw unrecognized(statistic);
                        }
                        yield percentileColumn.getItem(percentileIndex++);
                    }
                };
                entries.add(value.cast(DataTypes.StringType));
            }
            maps.add(functions.map(entries.toArray(new Column[0])).as(field.name()));
            names.add(field.name());
        }
        // Spark's lit(Array(...)): an array literal whose elements may be null, so "summary" is nullable.
        Column statisticNames = new Column(new dev.sluice.expr.Literal(List.of(selected),
                new dev.sluice.sql.types.ArrayType(DataTypes.StringType, true)));
        if (maps.isEmpty()) {
            return df.sparkSession().range(1).select(explode(statisticNames).as("summary"));
        }
        List<Column> output = new ArrayList<>();
        output.add(col("summary"));
        for (String name : names) {
            output.add(element_at(col(quoted(name)), col("summary")).as(name));
        }
        return df.select(maps.toArray(new Column[0])).withColumn("summary", explode(statisticNames))
                .select(output.toArray(new Column[0]));
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static SluiceException unrecognized(String statistic) {
        return new SluiceException("UNRECOGNIZED_STATISTIC", "The statistic '" + statistic + "' is not recognized."
                + " Valid statistics include `count`, `count_distinct`, `approx_count_distinct`, `mean`, `stddev`,"
                + " `min`, `max`, and percentile values. Percentile must be a numeric value followed by '%', within"
                + " the range 0% to 100%.", "42704", null);
    }
}
