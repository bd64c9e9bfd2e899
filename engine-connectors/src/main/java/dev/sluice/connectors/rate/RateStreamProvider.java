package dev.sluice.connectors.rate;

import dev.sluice.connectors.socket.StreamOnlyTables;
import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.sources.BatchFormatProvider;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.SystemClock;
import java.util.List;
import java.util.Map;

/**
 * {@code format("rate")}: a {@link RateStreamSource} for {@code readStream()}; the batch API fails as in Spark.
 * Options, checked by {@code load()} with Spark's messages: {@code rowsPerSecond} (default 1, positive),
 * {@code rampUpTime} (default 0s, not negative; a duration such as {@code 5s}, truncated to whole seconds),
 * {@code numPartitions} (default: the session's parallelism, {@code local[N]}; positive). Stateless and
 * thread-safe.
 */
public final class RateStreamProvider implements StreamingProvider, BatchFormatProvider {
    @Override
    public String shortName() {
        return "rate";
    }

    /** The checked options of one query. */
    record Settings(long rowsPerSecond, long rampUpTimeSeconds, int numPartitions) {
        static Settings parse(SluiceSession session, Map<String, String> options) {
            long rowsPerSecond = RateOptions.getLong(options, "rowsPerSecond", 1);
            if (rowsPerSecond <= 0) {
                throw new IllegalArgumentException("Invalid value '" + rowsPerSecond + "'. The option 'rowsPerSecond'"
                        + " must be positive");
            }
            long rampUpTimeSeconds = RateOptions.getSeconds(options, "rampUpTime", 0);
            if (rampUpTimeSeconds < 0) {
                throw new IllegalArgumentException("Invalid value '" + rampUpTimeSeconds + "'. The option 'rampUpTime'"
                        + " must not be negative");
            }
            int numPartitions = RateOptions.getInt(options, "numPartitions", session.parallelism());
            if (numPartitions <= 0) {
                throw new IllegalArgumentException("Invalid value '" + numPartitions + "'. The option 'numPartitions'"
                        + " must be positive");
            }
            return new Settings(rowsPerSecond, rampUpTimeSeconds, numPartitions);
        }

        /** Spark's name of the table, shown in its errors. */
        String tableName() {
            return "RateStream(rowsPerSecond=" + rowsPerSecond + ", rampUpTimeSeconds=" + rampUpTimeSeconds
                    + ", numPartitions=" + numPartitions + ")";
        }
    }

    @Override
    public StructType sourceSchema(SourceContext context) {
        Settings.parse(context.session(), context.options());
        if (context.userSchema() != null) {
            throw StreamOnlyTables.userSchema(shortName());
        }
        return RateRows.SCHEMA;
    }

    @Override
    public Source createSource(SourceContext context) {
        Settings s = Settings.parse(context.session(), context.options());
        return new RateStreamSource(s.rowsPerSecond(), s.rampUpTimeSeconds(), s.numPartitions(), SystemClock.INSTANCE,
                context.metadataPath());
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths) {
        throw StreamOnlyTables.batchScan(Settings.parse(session, options).tableName());
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        throw StreamOnlyTables.batchWrite(Settings.parse(data.sparkSession(), options).tableName());
    }
}
