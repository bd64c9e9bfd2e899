package dev.sluice.connectors.jdbc;

import dev.sluice.spi.ValueText;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spark's range partitioning of a JDBC read ({@code JDBCRelation.columnPartition}) over a numeric, date or
 * timestamp partition column. The bounds are read as the column's type (dates and timestamps as Spark's lenient
 * cast strings, timestamps without a zone in the session time zone) and become longs: the value, days since the
 * epoch, or microseconds since the epoch. {@code numPartitions} strides of {@code upper/n - lower/n} (computed in
 * 18-digit decimals so nothing overflows) cover the range; the start is shifted by half the strides that
 * truncating the stride loses, so the first and last ranges are about equally wide. The first range has no lower
 * limit and also takes the nulls, the last has no upper limit, so every row is read exactly once whatever the
 * bounds (they only shape the strides). Fewer partitions when the bound range is smaller than the count; one
 * unpartitioned read when the count is at most 1 or the bounds are equal. Date and timestamp limits are written
 * as quoted literals ({@code 'yyyy-MM-dd'}, {@code 'yyyy-MM-dd HH:mm:ss[.f]'} in the session time zone, the
 * wall-clock time the database holds, since reads and writes map timestamps through that zone). Stateless.
 */
final class JdbcPartitioning {
    private JdbcPartitioning() {
    }

    /**
     * One {@code WHERE} condition per partition, or a single null (read everything) when unpartitioned.
     *
     * @param zone the session time zone, in which timestamp bounds without a zone are read and limits written
     * @throws AnalysisException when the partition column is not a column of the relation or is not numeric,
     *                           date or timestamp
     *                           (Spark's texts), when a bound does not parse as the column's type ({@code Cannot
     *                           parse the bound value ...}), or the lower bound is above the upper one
     */
    static List<String> whereClauses(JdbcOptions options, List<JdbcColumn> columns, JdbcDialect dialect,
                                     ZoneId zone) {
        if (options.partitionColumn == null) {
            return Arrays.asList((String) null);
        }
        JdbcColumn column = partitionColumn(options.partitionColumn, columns);
        DataType type = column.type();
        long lower = boundValue("lowerBound", options.lowerBound, type, zone);
        long upper = boundValue("upperBound", options.upperBound, type, zone);
        if (options.numPartitions <= 1 || lower == upper) {
            return Arrays.asList((String) null);
        }
        if (lower > upper) {
            throw JdbcOptions.invalid("requirement failed: Operation not allowed: the lower bound of"
                    + " partitioning column is larger than the upper bound. Lower bound: " + lower + "; Upper bound: "
                    + upper);
        }
        // Spark: the count shrinks to the width of the range when that is smaller (the subtraction may overflow
        // to a negative number, in which case the requested count stands).
        long width = upper - lower;
        int partitions = width >= options.numPartitions || width < 0 ? options.numPartitions : (int) width;
        long[] startAndStride = startAndStride(lower, upper, partitions);
        String name = dialect.quoteIdentifier(column.name());
        List<String> clauses = new ArrayList<>(partitions);
        long current = startAndStride[0];
        for (int i = 0; i < partitions; i++) {
            String lowerClause = i != 0 ? name + " >= " + literal(current, type, zone) : null;
            current += startAndStride[1];
            String upperClause = i != partitions - 1 ? name + " < " + literal(current, type, zone) : null;
            if (upperClause == null) {
                clauses.add(lowerClause);
            } else if (lowerClause == null) {
                clauses.add(upperClause + " or " + name + " is null");
            } else {
                clauses.add(lowerClause + " AND " + upperClause);
            }
        }
        return clauses;
    }

    /**
     * The first partition's start and the stride, as Spark computes them: decimals with 18 fraction digits
     * (dividing before subtracting cannot overflow), the stride truncated, and the start moved up by half the
     * strides that the truncation loses over all partitions.
     */
    private static long[] startAndStride(long lower, long upper, int partitions) {
        MathContext context = MathContext.DECIMAL128;
        BigDecimal count = BigDecimal.valueOf(partitions);
        BigDecimal upperStride = BigDecimal.valueOf(upper).divide(count, context).setScale(18, RoundingMode.HALF_EVEN);
        BigDecimal lowerStride = BigDecimal.valueOf(lower).divide(count, context).setScale(18, RoundingMode.HALF_EVEN);
        BigDecimal preciseStride = upperStride.subtract(lowerStride, context);
        long stride = preciseStride.longValue();
        if (stride == 0) {
            return new long[] {lower, 0};
        }
        BigDecimal strideDecimal = BigDecimal.valueOf(stride);
        BigDecimal lostStrides = preciseStride.subtract(strideDecimal, context).multiply(count, context)
                .divide(strideDecimal, context);
        long shift = lostStrides.divide(BigDecimal.valueOf(2), context).multiply(strideDecimal, context)
                .setScale(0, RoundingMode.HALF_UP).longValue();
        return new long[] {lower + shift, stride};
    }

    /** Spark's {@code toInternalBoundValue}: the bound as a long in the column type's internal unit. */
    private static long boundValue(String option, String text, DataType type, ZoneId zone) {
        if (type instanceof DateType) {
            Integer days = ValueText.parseDate(text);
            if (days == null) {
                throw cannotParse(text, type);
            }
            return days;
        }
        if (type instanceof TimestampType) {
            Long micros = ValueText.parseTimestamp(text, zone);
            if (micros == null) {
                throw cannotParse(text, type);
            }
            return micros;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw JdbcOptions.invalid("Invalid value `" + text + "` for option `" + option + "`: expected an integer"
                    + " for the " + type.simpleString() + " partition column.");
        }
    }

    private static AnalysisException cannotParse(String text, DataType type) {
        return JdbcOptions.invalid("Cannot parse the bound value " + text + " as " + type.simpleString());
    }

    /** Spark's {@code toBoundValueInWhereClause}: a number as is, a date or timestamp as a quoted literal. */
    private static String literal(long value, DataType type, ZoneId zone) {
        if (type instanceof DateType) {
            return "'" + ValueText.formatDate(Math.toIntExact(value)) + "'";
        }
        if (type instanceof TimestampType) {
            return "'" + ValueText.formatTimestamp(value, zone) + "'";
        }
        return Long.toString(value);
    }

    private static JdbcColumn partitionColumn(String name, List<JdbcColumn> columns) {
        for (JdbcColumn c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                DataType type = c.type();
                if (!type.isNumeric() && !(type instanceof DateType) && !(type instanceof TimestampType)) {
                    throw new AnalysisException("_LEGACY_ERROR_TEMP_1287", "Partition column type should be numeric,"
                            + " date, or timestamp, but " + type.simpleString() + " found.", null);
                }
                return c;
            }
        }
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1286", "User-defined partition column " + name
                + " not found in the JDBC relation: " + JdbcSchemas.schema(columns).simpleString() + ".", null);
    }
}
