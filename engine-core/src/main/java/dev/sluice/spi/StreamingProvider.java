package dev.sluice.spi;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.Set;

/**
 * The streaming side of a connector ({@link DataSourceProvider}): creates sources for
 * {@code readStream().format(shortName())} and/or sinks for {@code writeStream().format(shortName())}; the side it
 * does not offer fails with Spark's error from the default methods.
 */
public interface StreamingProvider extends DataSourceProvider {

    /** The schema of the source for these options (called by {@code load()}). */
    default StructType sourceSchema(SourceContext context) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1115", "Data source " + shortName()
                + " does not support streamed reading", null);
    }

    /** A new source for one query run; {@code context.metadataPath()} is its checkpoint folder. */
    default Source createSource(SourceContext context) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1115", "Data source " + shortName()
                + " does not support streamed reading", null);
    }

    /**
     * Whether the sources this provider creates deliver records continuously into a {@code Trigger.RealTime} query
     * (they implement {@link SupportsRealTime}). Asked when the query starts, before any source exists, so
     * {@code start()} itself refuses a real-time query over a source that cannot; false by default.
     */
    default boolean sourceSupportsRealTime() {
        return false;
    }

    /** A new sink for one query run. */
    default Sink createSink(SinkContext context) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1117", "Data source " + shortName()
                + " does not support streamed writing", null);
    }

    /** The output modes the sink accepts. */
    default Set<OutputMode> supportedOutputModes() {
        return Set.of(OutputMode.Append(), OutputMode.Update(), OutputMode.Complete());
    }
}
