package dev.sluice.spi;

import dev.sluice.sql.sources.Filter;
import java.util.List;

/**
 * A streaming {@link Source} that can skip data which cannot satisfy a query's filters (Parquet row groups by their
 * statistics), as Spark pushes a micro-batch's data filters into its {@code FileScan}. Optional: a source that does not
 * implement it produces every row of its range.
 *
 * <p>Contract: the engine calls {@link #pushFilters} at most once per query run, on the query's execution thread,
 * before the first read, with filters that hold for every row the query keeps from this source (the translatable
 * conjuncts of the filters directly above it, reached only through deterministic projections and filters, and only
 * when the plan reads the source once). From then on the source produces every row of a range that satisfies all of
 * them, and may produce others (the engine re-applies its whole filter above the source), never fewer: the query's
 * rows are the same with and without pushdown. What the source reports reading ({@code numInputRows}) is what it
 * produced, as in Spark.
 */
public interface SupportsPushDownSourceFilters {
    /**
     * @param filters conjuncts over the source's columns, all holding at once (an implicit {@code AND}); never empty
     * @return the filters the source uses (a sublist, possibly empty), shown by {@code explain()} as
     *     {@code PushedFilters}
     */
    List<Filter> pushFilters(List<Filter> filters);
}
