package dev.sluice.connectors.rate;

import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.sql.SluiceSession;
import java.util.Map;

/**
 * {@code format("rate-micro-batch")}: a {@link RatePerMicroBatchSource} for {@code readStream()}; the batch API
 * fails as in Spark. Options, checked by {@code load()} with Spark's messages: {@code rowsPerBatch} (required,
 * positive), {@code numPartitions} (default: the session's parallelism; positive), {@code startTimestamp}
 * (epoch milliseconds, default 0, not negative), {@code advanceMillisPerBatch} (default 1000, not negative).
 * Stateless and thread-safe.
 */
public final class RatePerMicroBatchProvider extends RateFormat<RatePerMicroBatchProvider.Settings> {
    @Override
    public String shortName() {
        return "rate-micro-batch";
    }

    /** The checked options of one query. */
    record Settings(long rowsPerBatch, int numPartitions, long startTimestamp, int advanceMillisPerBatch) {
    }

    @Override
    Settings settings(SluiceSession session, Map<String, String> options) {
        return new Settings(
                RateOptions.check(RateOptions.getLong(options, "rowsPerBatch", 0), "rowsPerBatch", false),
                RateOptions.check(RateOptions.getInt(options, "numPartitions", session.parallelism()), "numPartitions",
                        false),
                RateOptions.check(RateOptions.getLong(options, "startTimestamp", 0), "startTimestamp", true),
                RateOptions.check(RateOptions.getInt(options, "advanceMillisPerBatch", 1000), "advanceMillisPerBatch",
                        true));
    }

    /** Spark's name of the table, shown in its errors (the missing space is Spark's). */
    @Override
    String tableName(Settings s) {
        return "RatePerMicroBatch(rowsPerBatch=" + s.rowsPerBatch() + ", numPartitions=" + s.numPartitions()
                + ",startTimestamp=" + s.startTimestamp() + ", advanceMillisPerBatch=" + s.advanceMillisPerBatch() + ")";
    }

    @Override
    Source source(Settings s, SourceContext context) {
        return new RatePerMicroBatchSource(s.rowsPerBatch(), s.numPartitions(), s.startTimestamp(),
                s.advanceMillisPerBatch());
    }
}
