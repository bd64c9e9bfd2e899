package dev.sluice.sql.streaming;

import java.io.Serializable;

/**
 * The clocks of the batch a {@link StatefulProcessor} method runs in, as Spark's {@code TimerValues}. Both
 * values stay the same for the whole batch, also when a batch is re-run after a restart. Immutable.
 */
public interface TimerValues extends Serializable {
    /** The batch's processing time, epoch milliseconds (the trigger's clock when the batch was planned). */
    long getCurrentProcessingTimeInMs();

    /**
     * The event-time watermark of the batch (the one state is evicted with), epoch milliseconds; 0 in the
     * first batch and in a query without {@code withWatermark}.
     */
    long getCurrentWatermarkInMs();
}
