package dev.sluice.sql.streaming;

import dev.sluice.sql.SluiceException;

/**
 * The failure that terminated a streaming query (error class {@code STREAM_FAILED}), returned by
 * {@link StreamingQuery#exception()} and thrown by {@code awaitTermination}. The cause is the original
 * error; the message names the query id and run id, as Spark's.
 */
public class StreamingQueryException extends SluiceException {
    private static final long serialVersionUID = 1L;
    private final String queryId;
    private final String runId;

    public StreamingQueryException(String queryId, String runId, Throwable cause) {
        super("STREAM_FAILED", "Query [id = " + queryId + ", runId = " + runId + "] terminated with exception: "
                + cause.getMessage(), null, cause);
        this.queryId = queryId;
        this.runId = runId;
    }

    /** The id of the failed query (stable across restarts from the same checkpoint). */
    public String queryId() {
        return queryId;
    }

    /** The id of the failed run. */
    public String runId() {
        return runId;
    }
}
