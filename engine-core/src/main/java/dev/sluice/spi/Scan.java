package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import java.util.Iterator;

/**
 * A bounded relation read from an external system each time a query runs (a JDBC table, a folder of Parquet
 * files): the batch-read half of the connector SPI. A connector returns one from its
 * {@link BatchFormatProvider#read} through {@link BatchRows#toDataset(dev.sluice.sql.SluiceSession,
 * dev.sluice.sql.types.StructType, Scan, boolean)}; the engine calls {@link #read} when an action runs (once per
 * action; as the static side of a stream-static join, once per query run or, when asked, once per micro-batch).
 *
 * <p>Optional capabilities, offered by also implementing them: {@link SupportsPushDownFilters} (evaluate part
 * of a filter where the data lives) and {@link SupportsPushDownRequiredColumns} (read only the columns the query
 * uses). Both are applied while the plan is built, so {@code explain()} shows them through {@link #describe()}.
 *
 * <p>Implementations are immutable; {@link #read} may be called from any thread, one call at a time per plan
 * run, and again for every action.
 */
public interface Scan {
    /**
     * The rows, freshly read, chunk by chunk: every chunk has the scan's columns, in order (after
     * {@link SupportsPushDownRequiredColumns#pruneColumns} only the kept ones). The engine pulls chunks as its
     * pipeline takes them and may stop before the end when the query fails; an iterator that is also
     * {@link AutoCloseable} is then closed (and after its end), so a read can release threads and files. Errors name the
     * external object (table, file) and never carry secrets.
     */
    Iterator<Chunk> read();

    /** One line for plans and {@code explain()}, free of secrets (no passwords, no credentials in URLs). */
    String describe();
}
