package dev.sluice.sql.streaming;

import java.io.Serializable;
import java.util.UUID;

/**
 * The query and batch a {@link StatefulProcessor} runs for, as Spark's {@code QueryInfo}
 * ({@link StatefulProcessorHandle#getQueryInfo()}). Immutable.
 */
public interface QueryInfo extends Serializable {
    /** The query's id, the same across restarts from one checkpoint. */
    UUID getQueryId();

    /** The id of this run of the query. */
    UUID getRunId();

    /** The id of the batch being processed. */
    long getBatchId();
}
