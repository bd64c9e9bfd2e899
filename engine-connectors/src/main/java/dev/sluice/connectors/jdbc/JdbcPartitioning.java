package dev.sluice.connectors.jdbc;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spark's range partitioning of a JDBC read ({@code JDBCRelation.columnPartition}): {@code numPartitions}
 * strides of {@code upperBound / n - lowerBound / n} over the partition column; the first range has no lower
 * limit and also takes the nulls, the last has no upper limit, so every row is read exactly once whatever the
 * bounds (they only shape the strides). Fewer partitions when the bound range is smaller than the count; one
 * unpartitioned read when the count is at most 1 or the bounds are equal. Stateless.
 */
final class JdbcPartitioning {
    private JdbcPartitioning() {
    }

    /**
     * One {@code WHERE} condition per partition, or a single null (read everything) when unpartitioned.
     *
     * @throws AnalysisException when the partition column is not a column of the relation or is not integral
     */
    static List<String> whereClauses(JdbcOptions options, List<JdbcColumn> columns, JdbcDialect dialect) {
        if (options.partitionColumn == null) {
            return Arrays.asList((String) null);
        }
        JdbcColumn column = partitionColumn(options.partitionColumn, columns);
        long lower = options.lowerBound;
        long upper = options.upperBound;
        if (options.numPartitions <= 1 || lower == upper) {
            return Arrays.asList((String) null);
        }
        // Spark: the count shrinks to the width of the range when that is smaller (the subtraction may overflow
        // to a negative number, in which case the requested count stands).
        long width = upper - lower;
        int partitions = width >= options.numPartitions || width < 0 ? options.numPartitions : (int) width;
        long stride = upper / partitions - lower / partitions;
        String name = dialect.quoteIdentifier(column.name());
        List<String> clauses = new ArrayList<>(partitions);
        long current = lower;
        for (int i = 0; i < partitions; i++) {
            String lowerClause = i != 0 ? name + " >= " + current : null;
            current += stride;
            String upperClause = i != partitions - 1 ? name + " < " + current : null;
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

    private static JdbcColumn partitionColumn(String name, List<JdbcColumn> columns) {
        for (JdbcColumn c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                boolean integral = c.type() instanceof IntegerType || c.type() instanceof LongType
                        || c.type() instanceof ShortType || c.type() instanceof ByteType
                        || (c.type() instanceof DecimalType d && d.scale() == 0);
                if (!integral) {
                    throw new AnalysisException("_LEGACY_ERROR_TEMP_1287", "Partition column type should be numeric,"
                            + " date, or timestamp, but " + c.type().simpleString() + " found. (Sluice partitions"
                            + " integral columns only; column " + c.name() + ")", null);
                }
                return c;
            }
        }
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1286", "User-defined partition column " + name
                + " not found in the JDBC relation: " + JdbcSchemas.schema(columns).simpleString() + ".", null);
    }
}
