package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON renderings every progress report shares ({@link StreamingQueryProgress}, {@link SourceProgress},
 * {@link SinkProgress}, {@link StateOperatorProgress}, {@link StreamingQueryStatus}): one {@link #jsonValue()} per report, printed compact,
 * indented, or as {@code toString()} as Spark's classes do. Immutable subclasses; thread-safe.
 */
abstract class ProgressDocument {
    /** The report as a JSON object with Spark's field names. Built on demand: Jackson stays off the query path. */
    abstract ObjectNode jsonValue();

    /** Compact JSON with Spark's field names. */
    public final String json() {
        return ProgressJson.compact(jsonValue());
    }

    /** Indented JSON with Spark's field names. */
    public final String prettyJson() {
        return ProgressJson.pretty(jsonValue());
    }

    @Override
    public final String toString() {
        return prettyJson();
    }
}
