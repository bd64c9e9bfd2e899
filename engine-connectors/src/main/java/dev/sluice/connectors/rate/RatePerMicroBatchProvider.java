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
import java.util.List;
import java.util.Map;

/**
 * {@code format("rate-micro-batch")}: a {@link RatePerMicroBatchSource} for {@code readStream()}; the batch API
 * fails as in Spark. Options, checked by {@code load()} with Spark's messages: {@code rowsPerBatch} (required,
 * positive), {@code numPartitions} (default: the session's parallelism; positive), {@code startTimestamp}
 * (epoch milliseconds, default 0, not negative), {@code advanceMillisPerBatch} (default 1000, not negative).
 * Stateless and thread-safe.
 */
public final class RatePerMicroBatchProvider implements StreamingProvider, BatchFormatProvider {
    @Override
    public String shortName() {
        return "rate-micro-batch";
    }

    /** The checked options of one query. */
    record Settings(long rowsPerBatch, int numPartitions, long startTimestamp, int advanceMillisPerBatch) {
        static Settings parse(SluiceSession session, Map<String, String> options) {
            long rowsPerBatch = RateOptions.getLong(options, "rowsPerBatch", 0);
            if (rowsPerBatch <= 0) {
                throw new IllegalArgumentException("Invalid value '" + rowsPerBatch + "'. The option 'rowsPerBatch'"
                        + " must be positive");
            }
            int numPartitions = RateOptions.getInt(options, "numPartitions", session.parallelism());
            if (numPartitions <= 0) {
                throw new IllegalArgumentException("Invalid value '" + numPartitions + "'. The option 'numPartitions'"
                        + " must be positive");
            }
            long startTimestamp = RateOptions.getLong(options, "startTimestamp", 0);
            if (startTimestamp < 0) {
                throw new IllegalArgumentException("Invalid value '" + startTimestamp + "'. The option"
                        + " 'startTimestamp' must be non-negative");
            }
            int advance = RateOptions.getInt(options, "advanceMillisPerBatch", 1000);
            if (advance < 0) {
                throw new IllegalArgumentException("Invalid value '" + advance + "'. The option 'advanceMillisPerBatch'"
                        + " must be non-negative");
            }
            return new Settings(rowsPerBatch, numPartitions, startTimestamp, advance);
        }

        /** Spark's name of the table, shown in its errors (the missing space is Spark's). */
        String tableName() {
            return "RatePerMicroBatch(rowsPerBatch=" + rowsPerBatch + ", numPartitions=" + numPartitions
                    + ",startTimestamp=" + startTimestamp + ", advanceMillisPerBatch=" + advanceMillisPerBatch + ")";
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
        return new RatePerMicroBatchSource(s.rowsPerBatch(), s.numPartitions(), s.startTimestamp(),
                s.advanceMillisPerBatch());
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
