package dev.sluice.stream.connector;

import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.AnalysisException;

/** The sinks built into core, registered by short name through ServiceLoader. */
public final class BuiltinProviders {
    private BuiltinProviders() {
    }

    /** {@code format("console")}: options {@code numRows} (20) and {@code truncate} (true). */
    public static final class Console implements StreamingProvider {
        @Override
        public String shortName() {
            return "console";
        }

        @Override
        public Sink createSink(SinkContext context) {
            int numRows = dev.sluice.conf.OptionValues.getInt(context.options(), "numRows", 20);
            boolean truncate = dev.sluice.conf.OptionValues.getBoolean(context.options(), "truncate", true);
            return new ConsoleSink(numRows, truncate, () -> System.out);
        }
    }

    /** {@code format("memory")}: a temporary view named after the query. */
    public static final class Memory implements StreamingProvider {
        @Override
        public String shortName() {
            return "memory";
        }

        @Override
        public Sink createSink(SinkContext context) {
            if (context.queryName() == null) {
                throw new AnalysisException("_LEGACY_ERROR_TEMP_1172", "queryName must be specified for memory sink",
                        null);
            }
            return new MemorySink(context.session(), context.queryName(), context.schema());
        }
    }

    /** {@code format("noop")}: discards the output. */
    public static final class Noop implements StreamingProvider {
        @Override
        public String shortName() {
            return "noop";
        }

        @Override
        public Sink createSink(SinkContext context) {
            return new NoopSink();
        }
    }
}
