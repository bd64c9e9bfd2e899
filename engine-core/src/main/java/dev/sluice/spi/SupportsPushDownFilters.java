package dev.sluice.spi;

import dev.sluice.sql.sources.Filter;
import java.util.List;

/**
 * A {@link Scan} that can evaluate filters where the data lives (a SQL {@code WHERE}, Parquet row-group
 * statistics), as Spark's {@code SupportsPushDownFilters}.
 *
 * <p>Contract: the returned scan keeps every row that satisfies all {@code filters}; it may keep more (the
 * engine re-applies the query's whole filter above the scan), never fewer.
 */
public interface SupportsPushDownFilters extends Scan {
    /**
     * A scan restricted by as many of {@code filters} as this source can use, or this very scan when it can use
     * none of them.
     *
     * @param filters the top-level conjuncts of a query filter that have a form in the filter model, all over
     *     this scan's columns; the whole list holds at once (an implicit {@code AND})
     */
    Scan pushFilters(List<Filter> filters);
}
