package dev.sluice.spi;

/**
 * A {@link Scan} that can read a subset of its columns (Parquet reads only the column chunks asked for), as
 * Spark's {@code SupportsPushDownRequiredColumns}. The engine asks for the columns some part of the query uses.
 */
public interface SupportsPushDownRequiredColumns extends Scan {
    /**
     * A scan whose chunks hold only the columns at {@code columns} (ascending indexes into this scan's columns,
     * at least one), in that order, and otherwise the same rows; or this very scan when every column is kept.
     */
    Scan pruneColumns(int[] columns);
}
