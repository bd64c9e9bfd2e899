package dev.sluice.nexmark;

import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;

/**
 * {@code readStream().format("nexmark")}: the Nexmark event stream ({@link NexmarkSource}) in its one-stream form
 * ({@link NexmarkRows#SCHEMA}), registered through {@code META-INF/services/dev.sluice.spi.DataSourceProvider}.
 * Options (checked by {@code load()}): {@code eventsPerSecond} (default 10000), {@code maxEvents} (default
 * unbounded), {@code seed} (default 0), {@code outOfOrderGroupSize} (default 1), {@code baseTime} (epoch ms or
 * {@code now}; default Nexmark's 2015-07-15T00:00:00Z), {@code throttle} (default true),
 * {@code maxEventsPerTrigger} (default no limit). A streaming source only; no user schema. Stateless and
 * thread-safe.
 */
public final class NexmarkSourceProvider implements StreamingProvider {
    @Override
    public String shortName() {
        return "nexmark";
    }

    /** Its sources implement {@code SupportsRealTime}. */
    @Override
    public boolean sourceSupportsRealTime() {
        return true;
    }

    @Override
    public StructType sourceSchema(SourceContext context) {
        check(context);
        return NexmarkRows.SCHEMA;
    }

    @Override
    public Source createSource(SourceContext context) {
        return new NexmarkSource(check(context), System::nanoTime, System.currentTimeMillis());
    }

    private static NexmarkOptions check(SourceContext context) {
        if (context.userSchema() != null) {
            // Spark's text for the built-in sources with a fixed schema (rate, socket).
            throw new AnalysisException("nexmark source does not support user-specified schema.");
        }
        NexmarkOptions options = NexmarkOptions.parse(context.options());
        if (!options.throttle() && options.maxEvents() == Long.MAX_VALUE
                && options.maxEventsPerTrigger() == Long.MAX_VALUE) {
            throw new IllegalArgumentException("The nexmark source with throttle=false needs 'maxEvents' or"
                    + " 'maxEventsPerTrigger': otherwise one batch would hold an endless stream");
        }
        return options;
    }
}
