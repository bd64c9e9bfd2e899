package dev.sluice.spi;

/**
 * A {@link Source} that can feed a {@code Trigger.RealTime} query: it hands records to the running query as
 * they arrive through a {@link RealTimeReader}, instead of in planned offset ranges. Only sources implementing
 * this interface are accepted by real-time mode (Spark's {@code STREAMING_REAL_TIME_MODE.INPUT_STREAM_NOT_SUPPORTED}
 * otherwise), because a source must also be cheap to ask "anything new?" every millisecond.
 *
 * <p>Contract for exactly-once: the records a reader returns between {@code start} and its {@link
 * RealTimeReader#offset()} must be exactly the records {@link Source#read read(start, offset())} returns, so an
 * epoch that crashed after its end offsets were logged can be replayed as one micro-batch.
 *
 * <p>Threading: called from the query's execution thread only.
 */
public interface SupportsRealTime {
    /**
     * A reader of the records after {@code start} (exclusive; null = from the source's initial position), used for
     * one or more consecutive epochs and then closed.
     */
    RealTimeReader realTimeReader(Offset start);
}
