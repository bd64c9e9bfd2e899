package dev.sluice.connectors.rate;

import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.SystemClock;
import java.util.Map;

/**
 * {@code format("rate")}: a {@link RateStreamSource} for {@code readStream()}; the batch API fails as in Spark.
 * Options, checked by {@code load()} with Spark's messages: {@code rowsPerSecond} (default 1, positive),
 * {@code rampUpTime} (default 0s, not negative; a duration such as {@code 5s}, truncated to whole seconds),
 * {@code numPartitions} (default: the session's parallelism, {@code local[N]}; positive). Stateless and
 * thread-safe.
 */
public final class RateStreamProvider extends RateFormat<RateStreamProvider.Settings> {
    @Override
    public String shortName() {
        return "rate";
    }

    /** Its sources implement {@code SupportsRealTime}. */
    @Override
    public boolean sourceSupportsRealTime() {
        return true;
    }

    /** The checked options of one query. */
    record Settings(long rowsPerSecond, long rampUpTimeSeconds, int numPartitions) {
    }

    @Override
    Settings settings(SluiceSession session, Map<String, String> options) {
        long rowsPerSecond = RateOptions.check(RateOptions.getLong(options, "rowsPerSecond", 1), "rowsPerSecond",
                false);
        long rampUpTimeSeconds = RateOptions.getSeconds(options, "rampUpTime", 0);
        if (rampUpTimeSeconds < 0) {
            throw dev.sluice.conf.OptionValues.refused("rampUpTime", "Invalid value '" + rampUpTimeSeconds
                    + "'. The option 'rampUpTime' must not be negative", null);
        }
        RateStreamSource.checkRampUp(rowsPerSecond, rampUpTimeSeconds);
        int numPartitions = RateOptions.check(RateOptions.getInt(options, "numPartitions", session.parallelism()),
                "numPartitions", false);
        return new Settings(rowsPerSecond, rampUpTimeSeconds, numPartitions);
    }

    @Override
    String tableName(Settings s) {
        return "RateStream(rowsPerSecond=" + s.rowsPerSecond() + ", rampUpTimeSeconds=" + s.rampUpTimeSeconds()
                + ", numPartitions=" + s.numPartitions() + ")";
    }

    @Override
    Source source(Settings s, SourceContext context) {
        return new RateStreamSource(s.rowsPerSecond(), s.rampUpTimeSeconds(), s.numPartitions(), SystemClock.INSTANCE,
                context.metadataPath());
    }
}
