package dev.sluice.spi;

import dev.sluice.sql.types.StructType;

/**
 * A streaming {@link Source} that can skip reading the columns and struct fields no part of a query uses (Parquet
 * then leaves those column chunks unread), as Spark's nested schema pruning does for its file sources. Optional: a
 * source that does not implement it is read whole.
 *
 * <p>Contract: the engine calls {@link #pruneReadSchema} at most once per query run, on the query's execution thread,
 * before the first read. The source's {@link Source#schema()} and the shape of its chunks do not change: every column
 * and struct field left out of {@code required} may hold nulls instead of its values (the query never reads them);
 * every one kept holds its values, and struct nullness is kept for every struct column or field in
 * {@code required}, even one pruned to a single field.
 */
public interface SupportsReadSchemaPruning {
    /**
     * @param required the part of {@link Source#schema()} the query reads: top-level columns in schema order (at least
     *     one), struct columns and struct fields pruned to the fields read, at any depth, in schema order
     */
    void pruneReadSchema(StructType required);
}
