package dev.sluice.sql.streaming;

import java.util.Optional;
import java.util.UUID;

/**
 * Receives life-cycle events of the streaming queries of a session, as Spark's
 * {@code StreamingQueryListener}. Register it with {@link StreamingQueryManager#addListener}.
 *
 * <p>Threading and order: {@link #onQueryStarted} is called synchronously by {@code start()} before the
 * query runs its first batch; every other event is delivered on the session's single listener thread, in
 * the order the events happened, one at a time (never concurrently). A listener that throws is logged and
 * keeps receiving events. Slow listeners delay later events but never the queries.
 */
public abstract class StreamingQueryListener {
    /** A query started (before its first batch). */
    public abstract void onQueryStarted(QueryStartedEvent event);

    /** A micro-batch ended. */
    public abstract void onQueryProgress(QueryProgressEvent event);

    /** A trigger found no new data (at most once per {@code spark.sql.streaming.noDataProgressEventInterval}). */
    public void onQueryIdle(QueryIdleEvent event) {
    }

    /** A query stopped or failed. */
    public abstract void onQueryTerminated(QueryTerminatedEvent event);

    /** Base of the events. */
    public abstract static class Event {
    }

    /** Sent when a query starts. */
    public static final class QueryStartedEvent extends Event {
        private final UUID id;
        private final UUID runId;
        private final String name;
        private final String timestamp;

        public QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) {
            this.id = id;
            this.runId = runId;
            this.name = name;
            this.timestamp = timestamp;
        }

        public UUID id() {
            return id;
        }

        public UUID runId() {
            return runId;
        }

        /** The query name, or null. */
        public String name() {
            return name;
        }

        /** Start time, ISO-8601 UTC. */
        public String timestamp() {
            return timestamp;
        }
    }

    /** Sent after each micro-batch. */
    public static final class QueryProgressEvent extends Event {
        private final StreamingQueryProgress progress;

        public QueryProgressEvent(StreamingQueryProgress progress) {
            this.progress = progress;
        }

        public StreamingQueryProgress progress() {
            return progress;
        }
    }

    /** Sent when a trigger finds no new data. */
    public static final class QueryIdleEvent extends Event {
        private final UUID id;
        private final UUID runId;
        private final String timestamp;

        public QueryIdleEvent(UUID id, UUID runId, String timestamp) {
            this.id = id;
            this.runId = runId;
            this.timestamp = timestamp;
        }

        public UUID id() {
            return id;
        }

        public UUID runId() {
            return runId;
        }

        public String timestamp() {
            return timestamp;
        }
    }

    /** Sent when a query terminates; {@link #exception()} holds the error text when it failed. */
    public static final class QueryTerminatedEvent extends Event {
        private final UUID id;
        private final UUID runId;
        private final String exception;
        private final String errorClassOnException;

        public QueryTerminatedEvent(UUID id, UUID runId, String exception, String errorClassOnException) {
            this.id = id;
            this.runId = runId;
            this.exception = exception;
            this.errorClassOnException = errorClassOnException;
        }

        public UUID id() {
            return id;
        }

        public UUID runId() {
            return runId;
        }

        /** The failure message (with stack trace), empty when the query stopped normally. */
        public Optional<String> exception() {
            return Optional.ofNullable(exception);
        }

        /** The error class of the failure, when it has one. */
        public Optional<String> errorClassOnException() {
            return Optional.ofNullable(errorClassOnException);
        }
    }
}
