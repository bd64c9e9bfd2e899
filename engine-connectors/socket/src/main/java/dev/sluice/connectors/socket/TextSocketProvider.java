package dev.sluice.connectors.socket;

import dev.sluice.connectors.support.StreamOnlyTables;
import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code format("socket")}: {@code readStream()} creates a {@link TextSocketSource}; the batch API fails as in
 * Spark (the source only streams). Schema: {@code value} string, plus {@code timestamp} timestamp with
 * {@code includeTimestamp}, as Spark's. Options are checked by {@code load()}; the connection is made when the
 * query starts. Stateless and thread-safe.
 */
public final class TextSocketProvider implements StreamingProvider, BatchFormatProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TextSocketProvider.class);
    private static final StructType SCHEMA_REGULAR = new StructType().add("value", DataTypes.StringType);
    private static final StructType SCHEMA_TIMESTAMP = SCHEMA_REGULAR.add("timestamp", DataTypes.TimestampType);

    @Override
    public String shortName() {
        return "socket";
    }

    /** Its sources implement {@code SupportsRealTime}. */
    @Override
    public boolean sourceSupportsRealTime() {
        return true;
    }

    @Override
    public StructType sourceSchema(SourceContext context) {
        LOG.warn("The socket source should not be used for production applications! It does not support recovery.");
        SocketSourceOptions options = SocketSourceOptions.parse(context.options());
        if (context.userSchema() != null) {
            throw StreamOnlyTables.userSchema(shortName());
        }
        return schema(options);
    }

    @Override
    public Source createSource(SourceContext context) {
        SocketSourceOptions options = SocketSourceOptions.parse(context.options());
        return new TextSocketSource(options, schema(options));
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths) {
        throw StreamOnlyTables.batchScan(tableName(options));
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        throw StreamOnlyTables.batchWrite(tableName(options));
    }

    /** Spark's name of the socket table, after the options are checked as Spark does before any scan. */
    private static String tableName(Map<String, String> options) {
        return "Socket[" + SocketSourceOptions.parse(options).address() + "]";
    }

    private static StructType schema(SocketSourceOptions options) {
        return options.includeTimestamp() ? SCHEMA_TIMESTAMP : SCHEMA_REGULAR;
    }
}
