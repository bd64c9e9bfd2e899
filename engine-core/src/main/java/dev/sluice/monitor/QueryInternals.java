package dev.sluice.monitor;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.stream.MicroBatchExecution;
import java.util.Optional;

/**
 * What monitoring shows beyond Spark's {@link StreamingQuery} interface (the checkpoint folder and the plan
 * text): the one place that knows the engine's query class, so the execution core can change under it.
 * Stateless; thread-safe.
 */
public final class QueryInternals {
    private QueryInternals() {
    }

    /** The checkpoint folder of the query, when the engine exposes it. */
    public static Optional<String> checkpointLocation(StreamingQuery query) {
        return query instanceof MicroBatchExecution q ? Optional.of(q.checkpointLocation().toString())
                : Optional.empty();
    }

    /** The text {@code explain(extended)} prints, when the engine exposes it. */
    public static Optional<String> explain(StreamingQuery query, boolean extended) {
        return query instanceof MicroBatchExecution q ? Optional.of(q.explainString(extended)) : Optional.empty();
    }
}
