package dev.sluice.stream.connector;

import dev.sluice.spi.BatchRows;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * The batch {@code noop} format, as Spark's: {@code df.write().format("noop").mode("overwrite").save()} runs
 * the query to the end and discards every row as it is produced (for benchmarks: the whole query runs, nothing
 * is written). Every save mode behaves the same. Not readable. Stateless.
 */
public final class NoopBatchFormat implements BatchFormatProvider {
    @Override
    public String shortName() {
        return "noop";
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths) {
        throw new AnalysisException("UNSUPPORTED_DATA_SOURCE_FOR_DIRECT_QUERY",
                "The data source \"noop\" cannot be read: it only discards rows written to it.", "0A000");
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        BatchRows.forEach(data, chunk -> { });
    }
}
