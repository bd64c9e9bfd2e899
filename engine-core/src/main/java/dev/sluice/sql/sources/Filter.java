package dev.sluice.sql.sources;

/**
 * A predicate a data source may evaluate where the data lives (Spark's {@code org.apache.spark.sql.sources.Filter}):
 * the public filter model of filter pushdown. The engine translates the parts of a query's filter that have a
 * form here (column-versus-constant comparisons, {@code IN}, null tests, string prefix/suffix/containment and
 * {@code AND}/{@code OR}/{@code NOT} of those) and hands them to a scan that implements
 * {@link dev.sluice.spi.SupportsPushDownFilters}. The engine always re-applies the whole filter above the scan,
 * so a source may keep more rows than a filter says (evaluating it only in part, or not at all), never fewer.
 *
 * <p>Column names are those of the relation's schema; constants are in the external form a
 * {@link dev.sluice.sql.Row} uses for the column's type ({@code String}, {@code Integer}, {@code Long},
 * {@code java.math.BigDecimal}, {@code java.sql.Date}, {@code java.sql.Timestamp}, ...). Filters are immutable
 * values, safe to share between threads.
 */
public sealed interface Filter permits EqualTo, EqualNullSafe, GreaterThan, GreaterThanOrEqual, LessThan,
        LessThanOrEqual, IsNull, IsNotNull, StringStartsWith, StringEndsWith, StringContains, And, Or, Not, In,
        AlwaysTrue, AlwaysFalse {
    /** The column names this filter reads, in order of appearance, possibly repeated. */
    String[] references();
}
